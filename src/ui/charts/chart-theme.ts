/**
 * Colours and shared axis settings of the charts. Colours are CSS variables (index.css), so the
 * charts follow the system's light or dark scheme.
 */
import { createElement, type ReactElement } from 'react';
import { niceStep } from '../../store/series';
import { formatAxisTime, formatMs } from '../format';

export const COLORS = {
  ok: 'var(--c-ok)',
  replayed: 'var(--c-replayed)',
  rejected: 'var(--c-rejected)',
  conflict: 'var(--c-conflict)',
  deadLettered: 'var(--c-dead)',
  p50: 'var(--c-p50)',
  p95: 'var(--c-p95)',
  p99: 'var(--c-p99)',
  level: 'var(--c-level)',
  limit: 'var(--c-limit)',
  calls: 'var(--c-calls)',
  failed: 'var(--c-failed)',
  abandoned: 'var(--c-abandoned)',
  goodput: 'var(--c-goodput)',
  wasted: 'var(--c-wasted)',
  throttled: 'var(--c-throttled)',
  shed: 'var(--c-shed)',
  breaker: 'var(--c-breaker)',
  budget: 'var(--c-budget)',
  grid: 'var(--c-grid)',
  axis: 'var(--c-axis)',
} as const;

const TICK_STEPS_MS = [1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];

/** About six round time ticks between `fromMs` and `toMs`. */
export function timeTicks(fromMs: number, toMs: number): number[] {
  const span = Math.max(1, toMs - fromMs);
  const step = TICK_STEPS_MS.find((s) => span / s <= 6) ?? 1_800_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(fromMs / step) * step; t <= toMs; t += step) ticks.push(t);
  return ticks;
}

/** The share of an axis's span from its right end within which a tick label ends at its tick. */
const EDGE_SHARE = 0.06;

/**
 * A tick label of an X axis from `fromMs` to `toMs`, written by `format`: centred on its tick,
 * except near the right end, where it ends at the tick, so that a label there ("60:00") is not
 * cut off by the edge of the chart. Carries recharts' class, so present mode enlarges it.
 */
export function edgeTick(fromMs: number, toMs: number, format: (value: number) => string) {
  const span = Math.max(1, toMs - fromMs);
  return (props: { x?: number | string; y?: number | string; payload: { value: unknown } }) => {
    const value = Number(props.payload.value);
    return createElement(
      'text',
      {
        x: props.x,
        y: props.y,
        dy: '0.71em',
        fill: COLORS.axis,
        fontSize: 11,
        textAnchor: (toMs - value) / span < EDGE_SHARE ? 'end' : 'middle',
        className: 'recharts-cartesian-axis-tick-value',
      },
      format(value),
    );
  };
}

/**
 * Props of a time X axis over `t` (virtual ms), with explicit ticks: recharts measures tick
 * labels in the DOM (a forced layout per chart per redraw) unless ticks and interval are given.
 */
export function timeAxis(rows: ReadonlyArray<{ t: number }>) {
  const from = rows[0]?.t ?? 0;
  const to = rows.at(-1)?.t ?? 0;
  return {
    dataKey: 't',
    type: 'number' as const,
    domain: [from, to] as [number, number],
    ticks: timeTicks(from, to),
    interval: 0 as const,
    tickFormatter: formatAxisTime,
    stroke: COLORS.axis,
    tick: edgeTick(from, to, formatAxisTime),
  };
}

/** What recharts gives a custom tick of a Y axis (the parts read here). */
interface ValueTickProps {
  x?: number | string;
  y?: number | string;
  index?: number;
  payload: { value: unknown };
  tickFormatter?: (value: never, index: number) => string;
}

const valueTicks = new Map<string, (props: ValueTickProps) => ReactElement>();

/**
 * Y tick labels as plain SVG text, written by the axis's `tickFormatter`, then `unit` (recharts
 * does not hand a custom tick the axis's unit). Recharts' own label is a `<Text>` given the axis
 * width, which measures every word of it in the DOM: a forced layout per label per redraw, most
 * of a chart's redraw at Max. One renderer per unit, so an axis's props stay the same objects.
 */
export function valueTick(unit = ''): (props: ValueTickProps) => ReactElement {
  let tick = valueTicks.get(unit);
  if (tick === undefined) {
    tick = (props) => {
      const value = props.payload.value;
      const format = props.tickFormatter as ((v: unknown, i: number) => string) | undefined;
      return createElement(
        'text',
        {
          x: props.x,
          y: props.y,
          dy: '0.355em',
          fill: COLORS.axis,
          fontSize: 11,
          textAnchor: 'end',
          // Recharts' class (present mode enlarges it), not the axis's classes it passes on.
          className: 'recharts-cartesian-axis-tick-value',
        },
        `${format ? format(value, props.index ?? 0) : String(value)}${unit}`,
      );
    };
    valueTicks.set(unit, tick);
  }
  return tick;
}

/** Props of a value Y axis (every tick shown, as plain text: no label measuring). */
export const valueAxis = {
  stroke: COLORS.axis,
  tick: valueTick(),
  width: 48,
  interval: 0 as const,
};

/** Props of a Y axis of durations in ms: each tick in the unit that reads best ("500 ms", "16 s"). */
export const msAxis = { tickFormatter: formatMs, width: 56 };

/**
 * Props of a Y axis from 0 to a round top at or above `max`, with about four round steps (1, 2,
 * 2.5 or 5 × 10^k): explicit ticks, so the top never lands next to a round tick and collides.
 */
export function roundAxis(max: number, whole = false) {
  const nice = niceStep(Math.max(max, 1e-9) / 4);
  // Whole numbers only: steps of at least 1, and 2 where the nice step would be 2.5.
  const step = whole ? (nice === 2.5 ? 2 : Math.max(1, nice)) : nice;
  const steps = Math.max(1, Math.ceil(max / step - 1e-9));
  const key = `${step} ${steps}`;
  let axis = roundAxes.get(key);
  if (axis === undefined) {
    const ticks = Array.from({ length: steps + 1 }, (_, i) => Number((i * step).toPrecision(12)));
    axis = { domain: [0, ticks[steps]!] as [number, number], ticks, interval: 0 as const };
    if (roundAxes.size > 1000) roundAxes.clear();
    roundAxes.set(key, axis);
  }
  return axis;
}

/**
 * Round axes by step and number of steps: the same object for the same axis, so a redraw whose
 * axis holds hands recharts unchanged props (it then skips re-registering the axis).
 */
const roundAxes = new Map<string, { domain: [number, number]; ticks: number[]; interval: 0 }>();

/** No grid lines (the grid's default places vertical ones by measuring the X tick labels). */
const noLines = (): number[] => [];

/**
 * Props of the grid: horizontal lines only. Recharts computes the vertical lines even when it
 * does not draw them, measuring every X tick label in the DOM: the generator skips that.
 */
export const gridProps = {
  stroke: COLORS.grid,
  strokeDasharray: '3 3',
  vertical: false,
  verticalCoordinatesGenerator: noLines,
};

/** Chart margins. */
export const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };

/** A tooltip's time label. */
export function tooltipTime(ms: unknown): string {
  return typeof ms === 'number' ? `t = ${formatAxisTime(ms)}` : '';
}

/** Props of every tooltip: themed, small. */
export const tooltipProps = {
  contentStyle: {
    backgroundColor: 'var(--c-tooltip)',
    borderColor: 'var(--c-grid)',
    color: 'var(--c-tooltip-text)',
    fontSize: 12,
  },
  isAnimationActive: false,
};
