import type { CompareResult as Result, RunResult } from '../../store/lab-store';
import { formatCount, formatMs } from '../format';
import { CompareCharts } from './CompareCharts';
import { compareHeaders, differenceRows } from './compare-table';

const better = 'font-semibold text-teal-700 dark:text-teal-300';
// What A and B are reads first in the table: darker than the other headers.
const side = 'py-1 text-right align-bottom font-semibold text-slate-900 dark:text-slate-100';

/** What a comparison gave: whether the traffic was the same, the table, and the charts. */
export function CompareResult({ result }: { result: Result }) {
  const { a, b } = result;
  const rows = differenceRows(a.summary, b.summary);
  const headers = compareHeaders(result.differences);
  // The clients' own requests: resends and replays follow each side's failures.
  const sent = (p: RunResult['points'][number]) => p.arrivals - p.resends - p.replays;
  const same = a.points.every(
    (p, i) => b.points[i] !== undefined && sent(p) === sent(b.points[i]!),
  );
  const more = a.summary.clients.resends + b.summary.clients.resends > 0;
  return (
    <>
      <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
        <p data-testid="same-traffic" className="text-sm">
          {same
            ? `Same traffic on both sides: ${formatCount(a.summary.clients.sent)} requests sent by clients over ${formatMs(result.durationMs)}, arriving at the same instants${more ? ` (their resends follow each side's failures: A ${formatCount(a.summary.clients.resends)}, B ${formatCount(b.summary.clients.resends)})` : ''}.`
            : `The two sides' clients sent different requests over ${formatMs(result.durationMs)}: their traffic settings differ.`}
        </p>
        <div className="mt-3 overflow-x-auto">
          <table
            className="w-full max-w-3xl text-left text-sm tabular-nums"
            data-testid="compare-table"
          >
            <thead className="text-xs text-slate-600 dark:text-slate-300">
              <tr>
                <th scope="col" className="py-1 pr-3 align-bottom font-medium">
                  Metric
                </th>
                <th scope="col" className={`${side} pr-3`}>
                  {headers.a}
                </th>
                <th scope="col" className={`${side} pr-3`}>
                  {headers.b}
                </th>
                <th scope="col" className="py-1 text-right align-bottom font-medium">
                  B − A
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.metric} className="border-t border-slate-200 dark:border-slate-700">
                  <th scope="row" className="py-1 pr-3 font-normal">
                    {r.metric}
                  </th>
                  <td className={`py-1 pr-3 text-right ${r.better === 'a' ? better : ''}`}>
                    {r.a}
                  </td>
                  <td className={`py-1 pr-3 text-right ${r.better === 'b' ? better : ''}`}>
                    {r.b}
                  </td>
                  <td className="py-1 text-right whitespace-nowrap">{r.delta}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-300">
          The better side of a row is in bold where the difference shows at the table's precision.
        </p>
      </div>
      <CompareCharts a={a} b={b} />
    </>
  );
}
