import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  COLORS,
  gridProps,
  MARGIN,
  tooltipProps,
  valueAxis,
  valueTick,
} from '../charts/chart-theme';
/** A line's look: colour, marker and dash (an SVG `stroke-dasharray`, or none for solid). */
export interface Look {
  color: string;
  symbol: 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'star';
  dash: string | undefined;
}

/** One line of a sweep chart: its key in the rows, its name and its look. */
export interface SweepLineSpec extends Look {
  key: string;
  name: string;
}

const SIZE = 12;

/** A line's marker and dash as a small inline SVG, for legends. */
export function SeriesMark({ look }: { look: Look }) {
  const c = SIZE / 2;
  const r = 3.5;
  const shapes: Record<Look['symbol'], string> = {
    circle: `M ${c - r} ${c} a ${r} ${r} 0 1 0 ${2 * r} 0 a ${r} ${r} 0 1 0 ${-2 * r} 0`,
    square: `M ${c - r} ${c - r} h ${2 * r} v ${2 * r} h ${-2 * r} Z`,
    triangle: `M ${c} ${c - r - 0.5} L ${c + r + 0.5} ${c + r} L ${c - r - 0.5} ${c + r} Z`,
    diamond: `M ${c} ${c - r - 1} L ${c + r + 1} ${c} L ${c} ${c + r + 1} L ${c - r - 1} ${c} Z`,
    cross: `M ${c - 1.2} ${c - r} h 2.4 v ${r - 1.2} h ${r - 1.2} v 2.4 h ${1.2 - r} v ${r - 1.2} h -2.4 v ${1.2 - r} h ${1.2 - r} v -2.4 h ${r - 1.2} Z`,
    star: `M ${c} ${c - r - 1} L ${c + 1.3} ${c - 1.2} L ${c + r + 1} ${c - 1} L ${c + 2} ${c + 1.4} L ${c + 2.8} ${c + r + 1} L ${c} ${c + 3} L ${c - 2.8} ${c + r + 1} L ${c - 2} ${c + 1.4} L ${c - r - 1} ${c - 1} L ${c - 1.3} ${c - 1.2} Z`,
  };
  return (
    <svg width={28} height={SIZE} className="shrink-0" aria-hidden="true">
      <line
        x1={0}
        x2={28}
        y1={c}
        y2={c}
        stroke={look.color}
        strokeWidth={2}
        strokeDasharray={look.dash}
      />
      <path d={shapes[look.symbol]} transform="translate(8 0)" fill={look.color} />
    </svg>
  );
}

/**
 * Sweep results as lines over the swept setting, one per series or metric, each point marked
 * (the values are the runs; between them nothing was run). Hidden from assistive technology:
 * the card's summary and the table are its text.
 */
export function SweepLineChart<R extends { value: number }>(props: {
  rows: R[];
  lines: readonly SweepLineSpec[];
  format: (value: number) => string;
  /** The swept setting's tick and tooltip label. */
  tick: (value: number) => string;
  label: (value: number) => string;
  yAxis?: Record<string, unknown>;
}) {
  const { rows, lines, format, tick, label } = props;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={rows} margin={MARGIN} accessibilityLayer={false}>
        <CartesianGrid {...gridProps} />
        <XAxis
          dataKey="value"
          type="number"
          domain={['dataMin', 'dataMax']}
          stroke={COLORS.axis}
          tick={{ fontSize: 11 }}
          tickFormatter={tick}
          // Room for the first and last tick labels, centred on the plot's edges.
          padding={{ left: 8, right: 16 }}
        />
        <YAxis
          {...valueAxis}
          {...props.yAxis}
          tick={valueTick(props.yAxis?.unit as string | undefined)}
        />
        <Tooltip
          {...tooltipProps}
          labelFormatter={(v) => label(Number(v))}
          formatter={(v) => format(Number(v))}
        />
        {lines.map((line) => (
          <Line
            key={line.key}
            dataKey={line.key}
            name={line.name}
            stroke={line.color}
            strokeWidth={1.75}
            strokeDasharray={line.dash}
            dot={{ symbol: line.symbol, r: 3.5, fill: line.color, stroke: line.color }}
            activeDot={{ symbol: line.symbol, r: 5, fill: line.color }}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
