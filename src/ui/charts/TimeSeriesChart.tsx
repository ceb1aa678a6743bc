import {
  Area,
  AreaChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { usePresent } from '../view';
import {
  gridProps,
  MARGIN,
  roundAxis,
  timeAxis,
  tooltipProps,
  tooltipTime,
  valueAxis,
  valueTick,
} from './chart-theme';
import { useMarkerLayers } from './marker-layers';

/** One series of a chart. */
export interface Series {
  key: string;
  name: string;
  color: string;
  /** Line width (default 1.5) and opacity (default 1). */
  width?: number;
  opacity?: number;
  /** A dash pattern (SVG `stroke-dasharray`), to tell apart lines of one colour. */
  dash?: string;
}

/**
 * Round Y ticks from 0 to the top of the chart's domain, or to its rows' peak (stacked series
 * summed), unless the chart gives its own ticks. Recharts' own "nice" ticks are computed with
 * arbitrary-precision decimals on every redraw: a good part of a redraw.
 */
function roundTicks<R extends object>(
  rows: R[],
  series: readonly Series[],
  stacked: boolean,
  yAxis: Record<string, unknown> | undefined,
) {
  if (yAxis?.ticks !== undefined) return undefined;
  const whole = yAxis?.allowDecimals === false;
  const top = (yAxis?.domain as unknown[] | undefined)?.[1];
  if (typeof top === 'number') return roundAxis(top, whole);
  let max = 0;
  for (const row of rows as Array<Record<string, unknown>>) {
    let sum = 0;
    for (const s of series) {
      const value = row[s.key];
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      if (stacked) sum += value;
      else if (value > max) max = value;
    }
    if (sum > max) max = sum;
  }
  // Nothing above zero yet: an axis to 1, as for any small count.
  return roundAxis(max > 0 ? max : 1, whole);
}

/**
 * The chart every panel draws: series over time (or over another numeric axis) as lines,
 * stacked areas, or one stepped area; recharts with animation off, explicit ticks, themed. Its
 * keyboard layer is off: the chart is hidden from assistive technology (the card's summary is its
 * text alternative), so a focusable SVG would only be an unnamed tab stop.
 */
export function TimeSeriesChart<R extends object>(props: {
  rows: R[];
  series: readonly Series[];
  shape: 'line' | 'stacked' | 'step';
  format: (value: number) => string;
  /** Extra Y axis props (domain, unit, width…). */
  yAxis?: Record<string, unknown>;
  /** An X axis other than virtual time (its props), with the tooltip's label for a value. */
  xAxis?: { props: Record<string, unknown>; label: (value: number) => string };
}) {
  const { rows, series, shape, format } = props;
  // Present mode draws ticks at 16 px (index.css): the value axis needs half as much room again.
  const present = usePresent();
  const yWidth = Number(props.yAxis?.width ?? valueAxis.width);
  const x = props.xAxis?.props ?? timeAxis(rows as Array<{ t: number }>);
  const label = props.xAxis?.label ?? tooltipTime;
  // The run's events over time charts (not over another axis): outage bands, spikes, changes.
  const timeRows = rows as Array<{ t: number }>;
  const marks = useMarkerLayers(
    props.xAxis === undefined ? (timeRows[0]?.t ?? 0) : 0,
    props.xAxis === undefined ? (timeRows.at(-1)?.t ?? 0) : 0,
  );
  const axes = [
    <CartesianGrid key="grid" {...gridProps} />,
    <XAxis key="x" {...x} />,
    <YAxis
      key="y"
      {...valueAxis}
      {...props.yAxis}
      {...roundTicks(rows, series, shape === 'stacked', props.yAxis)}
      tick={valueTick(props.yAxis?.unit as string | undefined)}
      width={present ? yWidth * 1.5 : yWidth}
    />,
    <Tooltip
      key="tooltip"
      {...tooltipProps}
      labelFormatter={(v) => label(Number(v))}
      formatter={(v) => format(Number(v))}
    />,
    ...marks,
  ];
  return (
    <ResponsiveContainer width="100%" height="100%">
      {shape === 'line' ? (
        <LineChart data={rows} margin={MARGIN} accessibilityLayer={false}>
          {axes}
          {series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.name}
              stroke={s.color}
              strokeWidth={s.width ?? 1.5}
              strokeOpacity={s.opacity ?? 1}
              strokeDasharray={s.dash}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      ) : (
        <AreaChart data={rows} margin={MARGIN} accessibilityLayer={false}>
          {axes}
          {series.map((s) => (
            <Area
              key={s.key}
              dataKey={s.key}
              name={s.name}
              stackId={shape === 'stacked' ? 'stack' : undefined}
              type={shape === 'step' ? 'stepAfter' : 'linear'}
              stroke={s.color}
              fill={s.color}
              fillOpacity={shape === 'step' ? 0.45 : 0.55}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      )}
    </ResponsiveContainer>
  );
}
