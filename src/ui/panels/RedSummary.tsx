import { selectRecentRed, selectSummary } from '../../store/selectors';
import { formatCount, formatMs, formatPercent, formatRate } from '../format';
import { useLab } from '../store-context';

function Stat(props: {
  label: string;
  value: string;
  detail: string;
  testId: string;
  tone?: string;
}) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
        {props.label}
      </dt>
      <dd
        data-testid={props.testId}
        className={`text-2xl font-semibold tabular-nums ${props.tone ?? ''}`}
      >
        {props.value}
      </dd>
      <dd className="text-xs text-slate-500 dark:text-slate-400">{props.detail}</dd>
    </div>
  );
}

/** RED numbers of the last 10 s, with the run's totals: the charts' text alternative. */
export function RedSummary() {
  const red = useLab(selectRecentRed);
  const summary = useLab(selectSummary);
  const dlqSize = summary?.deadLetters.size ?? 0;
  const o = summary?.outcomes;
  // Latency is of 200 ok responses: with none in the window there is no latency to show.
  const succeeded = red !== null && red.latencyCount > 0;
  const latencyDetail =
    red === null || succeeded ? '200s, last 10 s' : 'no successful responses in the last 10 s';
  return (
    <section aria-labelledby="red-title">
      <h2 id="red-title" className="sr-only">
        RED summary
      </h2>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 xl:grid-cols-7">
        <Stat
          label="Rate"
          testId="red-rate"
          value={red ? formatRate(red.ratePerSec) : '–'}
          detail="requests, last 10 s"
        />
        <Stat
          label="Goodput"
          testId="red-goodput"
          value={red ? formatRate(red.goodputPerSec) : '–'}
          detail="200s in time, last 10 s"
          tone={
            red && red.ratePerSec > 0 && red.goodputPerSec < red.ratePerSec * 0.5
              ? 'text-red-700 dark:text-red-400'
              : ''
          }
        />
        <Stat
          label="Errors"
          testId="red-errors"
          value={red ? formatPercent(red.errorShare) : '–'}
          detail={
            red && red.abandonedShare > 0
              ? `${formatPercent(red.abandonedShare)} abandoned, last 10 s`
              : '429, 409, 503, 4xx, abandoned, last 10 s'
          }
          tone={red && red.errorShare > 0.05 ? 'text-red-700 dark:text-red-400' : ''}
        />
        <Stat
          label="p50 latency"
          testId="red-p50"
          value={succeeded ? formatMs(red.p50) : '–'}
          detail={latencyDetail}
        />
        <Stat
          label="p99 latency"
          testId="red-p99"
          value={succeeded ? formatMs(red.p99) : '–'}
          detail={latencyDetail}
        />
        <Stat
          label="Amplification"
          testId="red-amplification"
          value={red ? `${red.amplification.toFixed(2)}×` : '–'}
          detail={
            red && red.wastedShare > 0
              ? `calls per request; ${formatPercent(red.wastedShare)} of downstream work wasted`
              : 'calls per request, last 10 s'
          }
        />
        <Stat
          label="Dead letters"
          testId="red-dlq"
          value={formatCount(dlqSize)}
          detail="in the queue now"
          tone={dlqSize > 0 ? 'text-red-700 dark:text-red-400' : ''}
        />
      </dl>
      {summary && o && (
        <p data-testid="totals" className="mt-2 text-xs text-slate-600 dark:text-slate-300">
          Since the start: <span data-testid="total-requests">{formatCount(summary.requests)}</span>{' '}
          requests — <span data-testid="total-ok">{formatCount(o.ok)}</span> ok,{' '}
          <span data-testid="total-replayed">{formatCount(o.replayed)}</span> replayed (stored
          responses), <span data-testid="total-rejected">{formatCount(o.rejected)}</span> rejected
          (429), <span data-testid="total-conflict">{formatCount(o.conflict)}</span> conflicts
          (409), <span data-testid="total-dead">{formatCount(o.deadLettered)}</span> dead-lettered
          (503), <span data-testid="total-failed">{formatCount(o.failed)}</span> failed (4xx),{' '}
          <span data-testid="total-abandoned">{formatCount(o.abandoned)}</span> abandoned,{' '}
          {formatCount(o.inFlight)} in flight; goodput{' '}
          <span data-testid="total-goodput">{formatCount(summary.goodput.count)}</span> (
          {formatPercent(summary.clients.served)} of clients' requests served in time);{' '}
          {formatCount(summary.downstream.calls)} downstream calls (
          <span data-testid="total-overloaded">{formatCount(summary.downstream.overloaded)}</span>{' '}
          refused for overload, {formatCount(summary.downstream.wasted.calls)} served for nobody),{' '}
          {formatCount(summary.retries)} retries, {formatCount(summary.clients.resends)} client
          resends, {formatCount(summary.effects.duplicate)} duplicate effects; mean latency{' '}
          {formatMs(summary.latencyMs.mean)}.
        </p>
      )}
    </section>
  );
}
