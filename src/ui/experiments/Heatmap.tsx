import { type KeyboardEvent, useId, useRef, useState } from 'react';
import type { CompareMetric } from '../../store/compare';
import type { SweepResult } from '../../store/lab-store';
import { type NumberSetting, settingOf } from '../../store/settings';
import { colourScale, darkTextOn, viridis } from './heatmap-scale';
import { formatMetric, metricOf, settingFormats } from './sweep-view';

/** Shows every `k`-th of `n` axis labels, so that they never overlap (the rest stay named). */
function labelEvery(n: number, room: number): number {
  return Math.max(1, Math.ceil(n / room));
}

const GRADIENT = `linear-gradient(to right, ${Array.from({ length: 11 }, (_, i) => viridis(i / 10)).join(', ')})`;
const SKIPPED = 'repeating-linear-gradient(45deg, var(--c-grid) 0 3px, transparent 3px 6px)';

/**
 * A sweep of two settings as a heatmap of one outcome: the first setting across, the second
 * down (its largest value on top), each run a cell coloured on viridis. The cells are a table
 * with the ARIA grid pattern: one tab stop, arrows (Home, End, Page Up, Page Down) move between
 * cells, each cell's name says both settings and the outcome; hovering or focusing reads it out.
 */
export function Heatmap({ result, metric }: { result: SweepResult; metric: CompareMetric }) {
  const { config } = result;
  const x = settingOf(config.path) as NumberSetting<string>;
  const y = settingOf(config.y!.path) as NumberSetting<string>;
  const [fx, fy] = [settingFormats(x), settingFormats(y)];
  // Largest value of the second setting on top, as on a chart's Y axis.
  const rows = [...result.lines].reverse();
  const columns = rows[0]?.rows.length ?? 0;
  const values = rows.flatMap((line) => line.rows.map((r) => metricOf(metric, r.summary)));
  const scale = colourScale(
    values.filter((v): v is number => v !== null),
    metric.unit === 'ms',
  );
  const [active, setActive] = useState<[number, number]>([0, 0]);
  const [hovered, setHovered] = useState<[number, number] | null>(null);
  const [focused, setFocused] = useState(false);
  const grid = useRef<HTMLTableElement>(null);
  const id = useId();

  const cellText = (r: number, c: number) => {
    const line = rows[r]!;
    const row = line.rows[c]!;
    const v = metricOf(metric, row.summary);
    const where = `${fx.named(row.value)}, ${fy.named(line.y!)}`;
    if (v !== null) return `${where}: ${metric.label} ${formatMetric(metric, v)}`;
    return row.summary === null
      ? `${where}: skipped (${row.error})`
      : `${where}: ${metric.label} none (no 200s)`;
  };
  const move = (r: number, c: number) => {
    const next: [number, number] = [
      Math.min(rows.length - 1, Math.max(0, r)),
      Math.min(columns - 1, Math.max(0, c)),
    ];
    setActive(next);
    grid.current?.querySelector<HTMLElement>(`[data-cell="${next[0]}-${next[1]}"]`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const [r, c] = active;
    const last = [rows.length - 1, columns - 1] as const;
    const ctrl = event.ctrlKey || event.metaKey;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [r - 1, c],
      ArrowDown: [r + 1, c],
      ArrowLeft: [r, c - 1],
      ArrowRight: [r, c + 1],
      Home: ctrl ? [0, 0] : [r, 0],
      End: ctrl ? [last[0], last[1]] : [r, last[1]],
      PageUp: [0, c],
      PageDown: [last[0], c],
    };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    move(...to);
  };
  const shown = hovered ?? (focused ? active : null);
  const everyX = labelEvery(columns, 12);
  const everyY = labelEvery(rows.length, 15);
  const tall = rows.length <= 12;
  const valuesInCells = columns <= 10 && tall;
  return (
    <figure
      aria-labelledby={`${id}-title`}
      data-testid="sweep-heatmap"
      className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-900"
    >
      <figcaption id={`${id}-title`} className="text-sm font-semibold">
        {metric.label} by {x.label.toLowerCase()} and {y.label.toLowerCase()}
      </figcaption>
      <div className="mt-2 flex gap-2">
        <p className="shrink-0 text-xs text-slate-600 [writing-mode:vertical-rl] rotate-180 text-center dark:text-slate-300">
          {fy.title} →
        </p>
        <table
          ref={grid}
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a table is the ARIA grid's native structure (the APG's data grid examples; jsx-a11y allows table → grid)
          role="grid"
          aria-label={`${metric.label}, ${x.label.toLowerCase()} across, ${y.label.toLowerCase()} down`}
          onKeyDown={onKeyDown}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          onMouseLeave={() => setHovered(null)}
          className="w-full min-w-0 flex-1 table-fixed border-separate border-spacing-px"
        >
          <thead>
            <tr>
              <th scope="col" className="w-10">
                <span className="sr-only">
                  {y.label} down, {x.label} across
                </span>
              </th>
              {rows[0]?.rows.map((row, c) => (
                <th
                  key={row.value}
                  scope="col"
                  className="pb-0.5 text-center text-[10px] font-normal text-slate-600 tabular-nums dark:text-slate-300"
                >
                  <span className={c % everyX === 0 ? 'whitespace-nowrap' : 'sr-only'}>
                    {fx.tick(row.value)}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((line, r) => (
              <tr key={line.y}>
                <th
                  scope="row"
                  className="pr-1 text-right text-[10px] font-normal leading-none text-slate-600 tabular-nums dark:text-slate-300"
                >
                  <span className={r % everyY === 0 ? 'whitespace-nowrap' : 'sr-only'}>
                    {fy.tick(line.y!)}
                  </span>
                </th>
                {line.rows.map((row, c) => {
                  const v = metricOf(metric, row.summary);
                  const t = v === null ? 0 : scale.position(v);
                  const isHovered = hovered?.[0] === r && hovered[1] === c;
                  return (
                    <td
                      key={row.value}
                      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a cell of a table that is a grid (see above); said outright for tools that miss the implicit role
                      role="gridcell"
                      data-cell={`${r}-${c}`}
                      tabIndex={active[0] === r && active[1] === c ? 0 : -1}
                      aria-label={cellText(r, c)}
                      onFocus={() => setActive([r, c])}
                      onMouseEnter={() => setHovered([r, c])}
                      style={{ background: v === null ? SKIPPED : viridis(t) }}
                      className={`relative p-0 text-center text-[10px] tabular-nums outline-offset-0 focus-visible:z-10 focus-visible:outline-3 focus-visible:outline-slate-950 dark:focus-visible:outline-white ${tall ? 'h-6' : 'h-3'} ${
                        isHovered ? 'z-10 outline-2 outline-slate-950 dark:outline-white' : ''
                      } ${darkTextOn(t) ? 'text-slate-950' : 'text-white'}`}
                    >
                      {valuesInCells && v !== null && (
                        <span aria-hidden="true" className="hidden sm:inline">
                          {formatMetric(metric, v)}
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-0.5 text-center text-xs text-slate-600 dark:text-slate-300">{fx.title} →</p>
      <Legend metric={metric} scale={scale} />
      <p data-testid="heatmap-readout" className="mt-2 min-h-5 text-sm tabular-nums">
        {shown === null
          ? 'Hover over a cell, or tab into the grid and use the arrow keys, to read its value.'
          : cellText(...shown)}
      </p>
    </figure>
  );
}

function Legend({
  metric,
  scale,
}: {
  metric: CompareMetric;
  scale: ReturnType<typeof colourScale>;
}) {
  const better =
    metric.better === null
      ? ''
      : metric.better === 'higher'
        ? 'higher is better'
        : 'lower is better';
  return (
    <div className="mt-3 max-w-md" data-testid="heatmap-legend">
      <p className="text-xs text-slate-600 dark:text-slate-300">
        {metric.label}
        {scale.log ? ' (log scale)' : ''}
        {better === '' ? '' : `, ${better}`}
      </p>
      <div className="mt-1 h-3 rounded-sm" style={{ background: GRADIENT }} aria-hidden="true" />
      <div className="relative mt-0.5 h-4 text-[10px] text-slate-600 tabular-nums dark:text-slate-300">
        {scale.ticks.map((tick, i) => {
          const at = scale.position(tick) * 100;
          const align =
            i === 0
              ? 'translate-x-0'
              : i === scale.ticks.length - 1
                ? '-translate-x-full'
                : '-translate-x-1/2';
          return (
            <span key={tick} className={`absolute ${align}`} style={{ left: `${at}%` }}>
              {formatMetric(metric, tick)}
            </span>
          );
        })}
      </div>
    </div>
  );
}
