import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { usePresent } from '../view';
import { useMayDraw } from './pacing';

const small =
  'rounded border border-slate-300 px-1.5 py-0.5 text-[11px] hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800';

/**
 * A chart with its title, unit and a text alternative (read by screen readers, and shown to
 * everyone as a one-line summary under the chart).
 */
export function ChartCard(props: {
  title: string;
  unit: string;
  summary: string;
  testId: string;
  children: ReactNode;
  empty?: boolean;
  /** Series names and colours (a dashed line for dashed series), drawn as plain HTML (cheaper
   * than recharts' legend). */
  legend?: ReadonlyArray<{ name: string; color: string; dash?: string }>;
  /** How many points the chart draws (for tests and exports). */
  points?: number;
}) {
  const id = useId();
  const figure = useRef<HTMLElement>(null);
  const expandButton = useRef<HTMLButtonElement>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [expanded, setExpanded] = useState(false);
  const present = usePresent();
  const { mayDraw, draw } = useMayDraw();
  const shown = useRef(expanded);
  useEffect(() => {
    // The button moves with the chart: keep focus on it when it opens or closes (not on mount).
    if (shown.current !== expanded) expandButton.current?.focus();
    shown.current = expanded;
  }, [expanded]);
  const frame = expanded
    ? 'fixed inset-0 z-50 overflow-auto p-6'
    : `skip-off-screen rounded-lg border border-slate-200 dark:border-slate-700 ${present ? 'p-4' : 'p-3'}`;
  const plot = expanded ? 'h-[calc(100dvh-12rem)]' : present ? 'h-80' : 'h-44';
  return (
    <figure
      ref={figure}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
      data-testid={props.testId}
      data-points={props.points}
      data-expanded={expanded || undefined}
      onKeyDown={(event) => {
        if (expanded && event.key === 'Escape') setExpanded(false);
      }}
      className={`flex min-w-0 flex-col [contain:content] bg-white dark:bg-slate-900 ${frame}`}
    >
      <figcaption className="flex items-baseline justify-between gap-2">
        <span
          id={`${id}-title`}
          data-chart-title
          className={`font-semibold ${present || expanded ? 'text-xl' : 'text-sm'}`}
        >
          {props.title}
        </span>
        <span className="flex items-baseline gap-2 text-xs text-slate-500 dark:text-slate-400">
          {props.unit}
          {!props.empty && (
            <button
              ref={expandButton}
              type="button"
              className={small}
              aria-label={
                expanded
                  ? `Close the full-screen ${props.title}`
                  : `Expand ${props.title} to the whole screen`
              }
              aria-pressed={expanded}
              onClick={() => setExpanded(!expanded)}
            >
              {expanded ? 'Close' : 'Expand'}
            </button>
          )}
          {!props.empty && (
            <button
              type="button"
              className={small}
              aria-label={`Save ${props.title} as PNG`}
              onClick={() => {
                if (figure.current === null) return;
                setSaveError(null);
                const failed = (why: string) =>
                  setSaveError(`This chart could not be saved as PNG: ${why}.`);
                const shown = figure.current;
                // A chart not drawn yet (never scrolled to) is drawn first.
                if (!mayDraw) draw();
                import('../download')
                  .then(({ saveChartPng }) => saveChartPng(shown, `${props.testId}.png`))
                  .then(
                    (saved) => saved || failed('the browser could not draw it'),
                    (error: unknown) =>
                      failed(error instanceof Error ? error.message : String(error)),
                  );
              }}
            >
              PNG
            </button>
          )}
        </span>
      </figcaption>
      {saveError !== null && (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">
          {saveError}
        </p>
      )}
      {props.legend && (
        <ul
          className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-600 dark:text-slate-300"
          aria-hidden="true"
        >
          {props.legend.map((item) => (
            <li key={item.name} className="flex items-center gap-1">
              {item.dash ? (
                <svg width="14" height="4" className="shrink-0" aria-hidden="true">
                  <line
                    x1="0"
                    y1="2"
                    x2="14"
                    y2="2"
                    stroke={item.color}
                    strokeWidth="2"
                    strokeDasharray={item.dash}
                  />
                </svg>
              ) : (
                <span
                  className="inline-block h-2 w-2 rounded-sm"
                  style={{ backgroundColor: item.color }}
                />
              )}
              {item.name}
            </li>
          ))}
        </ul>
      )}
      <div className={`mt-2 ${plot}`} aria-hidden="true">
        {props.empty ? (
          <div className="flex h-full items-center justify-center text-sm text-slate-500 dark:text-slate-400">
            No data yet: press Play or Step.
          </div>
        ) : mayDraw ? (
          props.children
        ) : null}
      </div>
      <p
        id={`${id}-summary`}
        data-testid={`${props.testId}-summary`}
        className={`mt-1 text-slate-600 dark:text-slate-300 ${present || expanded ? 'text-base' : 'text-xs'}`}
      >
        {props.summary}
      </p>
    </figure>
  );
}
