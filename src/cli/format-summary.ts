/** A run summary as a readable plain-text table, for the CLI. */
import type { RunSummary } from '../core';
import type { PartialRun } from './sliced-run';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 1,
  minimumFractionDigits: 1,
});

function share(part: number, whole: number): string {
  return whole === 0 ? '' : `${decimal.format((part / whole) * 100)}%`.padStart(7);
}

function row(label: string, value: number | string, extra = ''): string {
  const text = typeof value === 'number' ? integer.format(value) : value;
  return `${label.padEnd(20)}${text.padStart(12)}${extra === '' ? '' : `  ${extra}`}`;
}

/** Virtual or wall time as h:mm:ss, with tenths of a second when not whole (e.g. 0:12:30). */
export function formatClock(ms: number): string {
  const tenths = Math.floor(ms / 100);
  const seconds = Math.floor(tenths / 10);
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  const fraction = tenths % 10 === 0 ? '' : `.${tenths % 10}`;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}${fraction}`;
}

/** The line that marks a partial summary: where the run stopped, of `durationMs`, and why. */
export function partialLine(partial: PartialRun, durationMs: number): string {
  return `PARTIAL: stopped at ${formatClock(partial.atMs)} of ${formatClock(durationMs)} virtual time (${partial.reason})`;
}

/**
 * Formats `summary` of the run of `name` as a table; `partial` (with the scenario's whole
 * `durationMs`) marks a run that stopped early.
 */
export function formatSummary(
  name: string,
  summary: RunSummary,
  partial: (PartialRun & { readonly durationMs: number }) | null = null,
): string {
  const s = summary;
  const o = s.outcomes;
  const ms = (value: number) => `${decimal.format(value)} ms`;
  const utilization =
    s.workers.utilization === null
      ? 'unbounded pool'
      : `${decimal.format(s.workers.utilization * 100)}% utilization`;
  return [
    `Resilient Relay: ${name} (seed ${s.seed}, ${decimal.format(s.durationMs / 1000)} s of virtual time)`,
    ...(partial === null ? [] : [partialLine(partial, partial.durationMs)]),
    '',
    row('Requests', s.requests),
    row('  200 ok', o.ok, share(o.ok, s.requests)),
    row('  200 replayed', o.replayed, share(o.replayed, s.requests)),
    row('  429 rejected', o.rejected, share(o.rejected, s.requests)),
    row('  409 conflict', o.conflict, share(o.conflict, s.requests)),
    row('  503 dead-lettered', o.deadLettered, share(o.deadLettered, s.requests)),
    row('  in flight', o.inFlight, share(o.inFlight, s.requests)),
    row('Downstream calls', s.downstream.calls, `amplification ${s.amplification.toFixed(2)}×`),
    row('  failures', s.downstream.failures),
    row('  timeouts', s.downstream.timeouts),
    row('  refused (overload)', s.downstream.overloaded),
    row('Retries', s.retries),
    row('Effects applied', s.effects.applied, `${integer.format(s.effects.duplicate)} duplicate`),
    row('Latency of 200s', ms(s.latencyMs.mean), 'mean'),
    row('', ms(s.latencyMs.p50), 'p50'),
    row('', ms(s.latencyMs.p95), 'p95'),
    row('', ms(s.latencyMs.p99), 'p99'),
    row('', ms(s.latencyMs.max), 'max'),
    row(
      'Queue depth',
      decimal.format(s.queue.meanDepth),
      `mean; max ${integer.format(s.queue.maxDepth)}`,
    ),
    row('Busy workers', decimal.format(s.workers.meanBusy), `mean; ${utilization}`),
    row(
      'Dead letters held',
      s.deadLetters.size,
      `${integer.format(s.deadLetters.overflowed)} overflowed`,
    ),
    row(
      'Idempotency keys',
      s.idempotency.keys,
      `${integer.format(s.idempotency.replays)} replays, ${integer.format(s.idempotency.conflicts)} conflicts, ${integer.format(s.idempotency.evictions)} evictions`,
    ),
  ].join('\n');
}
