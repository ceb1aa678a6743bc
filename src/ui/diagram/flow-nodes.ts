/**
 * What each box of the flow diagram prints, line by line: short texts, fill bars and the outcomes
 * leaving it. A box's lines depend on the settings only (never on the rates), so a box keeps its
 * height while the numbers move.
 */
import type { Fill, FlowNumbers, FlowOutcome } from '../../store/flow';
import { formatCount, formatPercent, formatRate } from '../format';
import { BREAKER_SYMBOL, disciplineName, formatLevel, type PartId } from './flow-text';

/** One line of a box. */
export type Line =
  | { kind: 'text'; text: string }
  | { kind: 'bar'; fill: Fill; wasted?: number; emptyIsBad?: boolean }
  | { kind: 'exit'; outcome: FlowOutcome; perSec: number };

/** A box's content: its title, its lines, and a one-line value for a compact box. */
export interface NodeContent {
  title: string;
  lines: Line[];
  /** Shown after the title when the box is too short for its lines (a guard among three). */
  value: string;
}

/** Heights of a box's parts, in diagram units. */
export const LINE_HEIGHT = { title: 22, text: 17, bar: 12, exit: 22, padding: 8 } as const;

/** The height of a box that shows `content` in full. */
export function contentHeight(content: NodeContent): number {
  return content.lines.reduce(
    (h, line) => h + LINE_HEIGHT[line.kind],
    LINE_HEIGHT.title + LINE_HEIGHT.padding,
  );
}

const text = (value: string): Line => ({ kind: 'text', text: value });

/** "12 / 100" or "40" where there is no limit. */
function slash(fill: Fill): string {
  return fill.capacity === null
    ? formatLevel(fill.level)
    : `${formatLevel(fill.level)} / ${formatCount(fill.capacity)}`;
}

/** The boxes the diagram draws now, with their content (cures only while on). */
export function nodeContents(flow: FlowNumbers): Partial<Record<PartId, NodeContent>> {
  const { clients: c, idempotency: i, queue: q, workers: w, downstream: d } = flow;
  const nodes: Partial<Record<PartId, NodeContent>> = {
    clients: {
      title: 'Clients',
      value: formatRate(c.sentPerSec),
      lines: [
        text(`${formatRate(c.sentPerSec)} sent`),
        text(c.retryShare > 0 ? `↺ ${formatRate(c.resendsPerSec)} resent` : 'no resends'),
        ...(c.timeoutMs === null ? [] : [text(`${formatRate(c.abandonedPerSec)} gave up`)]),
      ],
    },
    idempotency: {
      title: 'Idempotency',
      value: formatCount(i.keys),
      lines:
        i.keyedShare === 0
          ? [text('no keys')]
          : [
              text(`${formatCount(i.keys)} keys`),
              { kind: 'exit', outcome: 'replayed', perSec: i.replayedPerSec },
              { kind: 'exit', outcome: 'conflict', perSec: i.conflictPerSec },
            ],
    },
    queue: {
      title: 'Queue',
      value: slash(q.fill),
      lines:
        w.fill.capacity === null
          ? [text('not used'), text('(no worker limit)')]
          : [
              text(disciplineName(flow)),
              { kind: 'bar', fill: q.fill },
              text(`${slash(q.fill)} waiting`),
              { kind: 'exit', outcome: 'rejected', perSec: q.queueFullPerSec + q.shedPerSec },
            ],
    },
    workers: {
      title: 'Workers',
      value: slash(w.fill),
      lines: [
        { kind: 'bar', fill: w.fill },
        text(`${slash(w.fill)} busy`),
        text(`↻ ${formatRate(w.retriesPerSec)} retries`),
        { kind: 'exit', outcome: 'ok', perSec: w.okPerSec },
      ],
    },
  };
  if (flow.throttle !== null) {
    const share = flow.throttle.probability;
    nodes.throttle = {
      title: 'Throttling',
      value: `refusing ${formatPercent(share)}`,
      lines: [
        { kind: 'bar', fill: { level: share, capacity: 1, share } },
        text(`refusing ${formatPercent(share)}`),
        text(`${formatRate(flow.throttle.refusedPerSec)} refused`),
      ],
    };
  }
  if (flow.breaker !== null) {
    const state = flow.breaker.state;
    const shown = state === null ? '–' : `${BREAKER_SYMBOL[state]} ${state}`;
    nodes.breaker = {
      title: 'Breaker',
      value: shown,
      lines: [text(shown), text(`${formatRate(flow.breaker.refusedPerSec)} refused`)],
    };
  }
  if (flow.budget !== null) {
    const level = flow.budget.fill;
    nodes.budget = {
      title: 'Retry budget',
      value: level === null ? '–' : `${slash(level)} left`,
      lines: [
        ...(level === null || level.capacity === null
          ? []
          : [{ kind: 'bar', fill: level } as Line]),
        text(level === null ? '–' : `${slash(level)} left`),
        text(`${formatRate(flow.budget.spentPerSec)} spent`),
      ],
    };
  }
  nodes.downstream = {
    title: 'Downstream',
    value: slash(d.servers),
    lines: [
      ...(d.servers.capacity === null
        ? [text(`${formatLevel(d.servers.level)} busy`), text('servers: unbounded')]
        : [
            { kind: 'bar', fill: d.servers, wasted: d.wastedShare } as Line,
            text(`${slash(d.servers)} busy`),
          ]),
      text(`${formatPercent(d.wastedShare)} wasted`),
      ...(d.queue === null
        ? []
        : [
            ...(d.queue.capacity === null ? [] : [{ kind: 'bar', fill: d.queue } as Line]),
            text(`${slash(d.queue)} queued`),
          ]),
      text(`${formatPercent(d.failureShare)} failing`),
    ],
  };
  nodes.deadLetters = {
    title: 'Dead letters',
    value: slash(flow.deadLetters.fill),
    lines: [
      { kind: 'bar', fill: flow.deadLetters.fill },
      text(`${slash(flow.deadLetters.fill)} held`),
      { kind: 'exit', outcome: 'deadLettered', perSec: flow.deadLetters.inPerSec },
    ],
  };
  return nodes;
}
