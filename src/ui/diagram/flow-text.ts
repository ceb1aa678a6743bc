/**
 * The flow diagram in words: each part's title and live numbers, the one text both its button's
 * accessible name and the diagram's table are made of, and the outcomes' codes and colours.
 */
import type { BreakerStateName, Fill, FlowNumbers, FlowOutcome } from '../../store/flow';
import { settingOf } from '../../store/settings';
import { formatCount, formatMs, formatPercent, formatRate, formatSetting } from '../format';

/** A part of the diagram that a person can pick. */
export type PartId =
  | 'clients'
  | 'idempotency'
  | 'queue'
  | 'workers'
  | 'throttle'
  | 'breaker'
  | 'budget'
  | 'downstream'
  | 'deadLetters'
  | 'outcomes';

/** A part, named, with its numbers in a sentence. */
export interface PartText {
  part: PartId;
  title: string;
  detail: string;
}

/** How each outcome reads: the status code the client gets, a word, and its colour. */
export const OUTCOME_LOOK: Record<FlowOutcome, { code: string; word: string; color: string }> = {
  ok: { code: '200', word: 'ok', color: 'var(--c-ok)' },
  replayed: { code: '200', word: 'replayed', color: 'var(--c-replayed)' },
  rejected: { code: '429', word: 'rejected', color: 'var(--c-rejected)' },
  conflict: { code: '409', word: 'conflict', color: 'var(--c-conflict)' },
  deadLettered: { code: '503', word: 'dead-lettered', color: 'var(--c-dead)' },
  failed: { code: '4xx', word: 'failed', color: 'var(--c-failed)' },
  abandoned: { code: '–', word: 'abandoned', color: 'var(--c-abandoned)' },
};

/** The breaker's state as a symbol that differs in shape, not only in colour. */
export const BREAKER_SYMBOL: Record<BreakerStateName, string> = {
  closed: '●',
  'half-open': '◐',
  open: '○',
};

/** A level as people read it: one decimal below 10 (7.8 busy), whole numbers above. */
export function formatLevel(value: number): string {
  if (value > 0 && value < 10) return value.toFixed(1).replace(/\.0$/, '');
  return formatCount(Math.round(value));
}

/** "7.8 of 8" or "7.8 (no limit)". */
export function ofLimit(fill: Fill, none = 'no limit'): string {
  return fill.capacity === null
    ? `${formatLevel(fill.level)} (${none})`
    : `${formatLevel(fill.level)} of ${formatCount(fill.capacity)}`;
}

/** An outcome's share as printed: tenths of a percent that add up to 100%. */
export function formatShare(permille: number): string {
  return formatPercent(permille / 1000);
}

/** The queue discipline in a word or two. */
export function disciplineName(flow: FlowNumbers): string {
  const setting = settingOf('relay.queueDiscipline');
  if (setting.type !== 'choice') return flow.queue.discipline;
  const option = setting.options.find((o) => o.value === flow.queue.discipline);
  return option?.short ?? formatSetting(setting, flow.queue.discipline).split(':')[0]!;
}

function clients(flow: FlowNumbers): string {
  const c = flow.clients;
  const parts = [`sending ${formatRate(c.sentPerSec)}`];
  parts.push(
    c.retryShare > 0
      ? `resending ${formatRate(c.resendsPerSec)} (${formatPercent(c.retryShare)} of clients resend)`
      : 'no resends',
  );
  if (c.timeoutMs !== null)
    parts.push(`gave up ${formatRate(c.abandonedPerSec)} (deadline ${formatMs(c.timeoutMs)})`);
  if (c.replaysPerSec > 0) parts.push(`dead letters replayed ${formatRate(c.replaysPerSec)}`);
  return parts.join(', ');
}

function idempotency(flow: FlowNumbers): string {
  const i = flow.idempotency;
  if (i.keyedShare === 0)
    return `no keys, every request passes on: ${formatRate(flow.admittedPerSec)}`;
  return [
    `${formatCount(i.keys)} keys stored`,
    `200 replayed ${formatRate(i.replayedPerSec)}`,
    `409 conflict ${formatRate(i.conflictPerSec)}`,
    `passed on ${formatRate(flow.admittedPerSec)}`,
  ].join(', ');
}

function queue(flow: FlowNumbers): string {
  const q = flow.queue;
  if (flow.workers.fill.capacity === null) return 'not used: the workers have no limit';
  const parts = [`${ofLimit(q.fill)} waiting`, disciplineName(flow)];
  parts.push(`429 queue full ${formatRate(q.queueFullPerSec)}`);
  if (q.discipline === 'codel') parts.push(`429 shed ${formatRate(q.shedPerSec)}`);
  parts.push(`to workers ${formatRate(flow.startedPerSec)}`);
  return parts.join(', ');
}

function workers(flow: FlowNumbers): string {
  const w = flow.workers;
  const parts = [
    `${ofLimit(w.fill)} busy`,
    `retries ${formatRate(w.retriesPerSec)}`,
    `calls ${formatRate(flow.attemptsPerSec)}`,
    `200 ok ${formatRate(w.okPerSec)}`,
  ];
  if (w.failedPerSec > 0) parts.push(`4xx ${formatRate(w.failedPerSec)}`);
  parts.push(`to dead letters ${formatRate(flow.deadLetters.inPerSec)}`);
  return parts.join(', ');
}

function downstream(flow: FlowNumbers): string {
  const d = flow.downstream;
  const parts = [
    `calls ${formatRate(flow.callsPerSec)}`,
    `${ofLimit(d.servers, 'unbounded')} servers busy`,
    `${formatPercent(d.wastedShare)} of work wasted`,
  ];
  if (d.queue !== null) parts.push(`${ofLimit(d.queue, 'no limit')} calls waiting`);
  parts.push(`${formatPercent(d.failureShare)} failed or timed out`);
  if (flow.hedging !== null) parts.push(`hedges ${formatRate(flow.hedging.hedgesPerSec)}`);
  return parts.join(', ');
}

/** Each part the diagram shows, in the order of a request's way, with its numbers. */
export function describeFlow(flow: FlowNumbers): PartText[] {
  const texts: PartText[] = [
    { part: 'clients', title: 'Clients', detail: clients(flow) },
    { part: 'idempotency', title: 'Idempotency', detail: idempotency(flow) },
    { part: 'queue', title: 'Queue', detail: queue(flow) },
    { part: 'workers', title: 'Workers', detail: workers(flow) },
  ];
  const { throttle, breaker, budget } = flow;
  if (throttle !== null) {
    const refused = `${formatPercent(throttle.probability)} of calls, ${formatRate(throttle.refusedPerSec)}`;
    texts.push({ part: 'throttle', title: 'Throttling', detail: `refusing ${refused}` });
  }
  if (breaker !== null) {
    const state = breaker.state ?? 'no state yet';
    const detail = `${state}, refused ${formatRate(breaker.refusedPerSec)}`;
    texts.push({ part: 'breaker', title: 'Circuit breaker', detail });
  }
  if (budget !== null) {
    const level = budget.fill === null ? 'no level yet' : `${ofLimit(budget.fill)} left`;
    const detail = `${level}, dead letters for a spent budget ${formatRate(budget.spentPerSec)}`;
    texts.push({ part: 'budget', title: 'Retry budget', detail });
  }
  texts.push(
    { part: 'downstream', title: 'Downstream', detail: downstream(flow) },
    {
      part: 'deadLetters',
      title: 'Dead letters',
      detail: `${ofLimit(flow.deadLetters.fill)} held, in ${formatRate(flow.deadLetters.inPerSec)}, 503 to the client`,
    },
    { part: 'outcomes', title: 'Leaving the relay', detail: outcomes(flow) },
  );
  return texts;
}

function outcomes(flow: FlowNumbers): string {
  const shown = flow.outcomes.filter((o) => o.perSec > 0);
  if (shown.length === 0) return 'nothing finished yet';
  return shown
    .map((o) => {
      const look = OUTCOME_LOOK[o.outcome];
      const code = look.code === '–' ? '' : `${look.code} `;
      return `${code}${look.word} ${formatShare(o.permille)} (${formatRate(o.perSec)})`;
    })
    .join(', ');
}
