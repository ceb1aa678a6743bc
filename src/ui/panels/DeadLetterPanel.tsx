import {
  attemptRows,
  deadLetterCause,
  requestName,
  selectDeadLetters,
  selectInspected,
  selectSummary,
} from '../../store/selectors';
import { formatClock, formatCount, formatMs } from '../format';
import { useLab, useLabActions } from '../store-context';

const small =
  'rounded border border-slate-300 px-2 py-0.5 text-xs enabled:hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-teal-600 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-600 dark:enabled:hover:bg-slate-800';
// Cells keep their text on one line with room between columns; a narrow table scrolls sideways.
const cell = 'py-1 pr-3 last:pr-0';
/** Columns a phone leaves out (Inspect shows them), so that Replay stays in reach at 390 px. */
const wide = 'hidden sm:table-cell';

function Inspected() {
  const entry = useLab(selectInspected);
  const { inspectDeadLetter } = useLabActions();
  if (entry === null) return null;
  return (
    <div className="mt-3 rounded-md bg-slate-50 p-3 dark:bg-slate-800" aria-live="polite">
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-semibold">Dead letter #{entry.id}: attempt history</h3>
        <button type="button" className={small} onClick={() => inspectDeadLetter(null)}>
          Close
        </button>
      </div>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
        {requestName(entry.requestId)},{' '}
        {entry.key === null ? 'no idempotency key' : `key k-${entry.key}`}, arrived at{' '}
        {formatClock(entry.arrivedAtMs)}, dead-lettered at {formatClock(entry.deadLetteredAtMs)}:{' '}
        {deadLetterCause(entry)}.
      </p>
      <table className="mt-2 w-full whitespace-nowrap text-left text-xs tabular-nums">
        <thead className="text-slate-500 dark:text-slate-400">
          <tr>
            <th className={`${cell} font-medium`}>#</th>
            <th className={`${cell} font-medium`}>started</th>
            <th className={`${cell} font-medium`}>took</th>
            <th className={`${cell} font-medium`}>outcome</th>
            <th className={`${cell} font-medium`}>backoff after</th>
          </tr>
        </thead>
        <tbody>
          {attemptRows(entry).map((row) =>
            row.kind === 'omitted' ? (
              <tr key="omitted" className="border-t border-slate-200 dark:border-slate-700">
                <td className={`${cell} italic text-slate-500 dark:text-slate-400`} colSpan={5}>
                  … {formatCount(row.count)} {row.count === 1 ? 'attempt' : 'attempts'} omitted (a
                  dead letter keeps the first two and the last six) …
                </td>
              </tr>
            ) : (
              <tr key={row.number} className="border-t border-slate-200 dark:border-slate-700">
                <td className={cell}>{row.number}</td>
                <td className={cell}>{formatClock(row.attempt.startMs)}</td>
                <td className={cell}>{formatMs(row.attempt.endMs - row.attempt.startMs)}</td>
                <td className={cell}>{row.attempt.outcome}</td>
                <td className={cell}>
                  {row.attempt.backoffDelayMs === null ? '—' : formatMs(row.attempt.backoffDelayMs)}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

/** The dead-letter queue: newest entries, inspect, replay one or all, clear. */
export function DeadLetterPanel() {
  const rows = useLab(selectDeadLetters);
  const summary = useLab(selectSummary);
  const { replayDeadLetter, replayAllDeadLetters, clearDeadLetters, inspectDeadLetter } =
    useLabActions();
  const size = summary?.deadLetters.size ?? 0;
  const overflowed = summary?.deadLetters.overflowed ?? 0;
  return (
    <section
      aria-labelledby="dlq-title"
      className="skip-off-screen rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="dlq-title" className="text-sm font-semibold">
          Dead-letter queue{' '}
          <span className="font-normal text-slate-500 dark:text-slate-400">
            ({formatCount(size)} held
            {size > rows.length ? `, newest ${formatCount(rows.length)} shown` : ''}
            {overflowed > 0 ? `, ${formatCount(overflowed)} dropped when full` : ''})
          </span>
        </h2>
        <div className="flex gap-2">
          <button
            type="button"
            className={small}
            onClick={replayAllDeadLetters}
            disabled={size === 0}
          >
            Replay all
          </button>
          <button type="button" className={small} onClick={clearDeadLetters} disabled={size === 0}>
            Clear
          </button>
        </div>
      </div>
      <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
        Requests given up: out of retries, or stopped by a cure (retry budget spent, breaker open,
        throttled). A replay goes through the relay again, idempotency and admission included; one
        refused with 429 or 409 comes back here.
      </p>
      {rows.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500 dark:text-slate-400">
          Empty. Turn on the outage to fill it.
        </p>
      ) : (
        <div className="mt-2 max-h-64 overflow-auto">
          <table
            className="w-full whitespace-nowrap text-left text-xs tabular-nums"
            data-testid="dlq-table"
          >
            <caption className="sr-only">Newest dead letters first</caption>
            <thead className="sticky top-0 bg-white text-slate-500 dark:bg-slate-900 dark:text-slate-400">
              <tr>
                <th className={`${cell} font-medium`}>id</th>
                <th className={`${cell} ${wide} font-medium`}>key</th>
                <th className={`${cell} font-medium`}>attempts</th>
                <th className={`${cell} font-medium`}>why</th>
                <th className={`${cell} ${wide} font-medium`}>last error</th>
                <th className={`${cell} ${wide} font-medium`}>when</th>
                <th className={`${cell} font-medium`}>
                  <span className="sr-only">actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-200 dark:border-slate-700">
                  <td className={cell}>#{row.id}</td>
                  <td className={`${cell} ${wide}`}>{row.key === null ? '—' : `k-${row.key}`}</td>
                  <td className={cell}>{row.attempts}</td>
                  <td className={`${cell} whitespace-normal`}>{row.cause}</td>
                  <td className={`${cell} ${wide}`}>{row.lastOutcome}</td>
                  <td className={`${cell} ${wide}`}>{formatClock(row.deadLetteredAtMs)}</td>
                  <td className={`${cell} text-right whitespace-nowrap`}>
                    <button
                      type="button"
                      className={small}
                      onClick={() => inspectDeadLetter(row.id)}
                      aria-label={`Inspect dead letter ${row.id}`}
                    >
                      Inspect
                    </button>{' '}
                    <button
                      type="button"
                      className={small}
                      onClick={() => replayDeadLetter(row.id)}
                      aria-label={`Replay dead letter ${row.id}`}
                    >
                      Replay
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Inspected />
    </section>
  );
}
