import { type ReactNode, useId, useRef, useState } from 'react';
import { saveChartPng } from '../download';

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
  const [saveError, setSaveError] = useState<string | null>(null);
  return (
    <figure
      ref={figure}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
      data-testid={props.testId}
      data-points={props.points}
      className="flex min-w-0 flex-col [contain:content] rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-900"
    >
      <figcaption className="flex items-baseline justify-between gap-2">
        <span id={`${id}-title`} data-chart-title className="text-sm font-semibold">
          {props.title}
        </span>
        <span className="flex items-baseline gap-2 text-xs text-slate-500 dark:text-slate-400">
          {props.unit}
          {!props.empty && (
            <button
              type="button"
              className="rounded border border-slate-300 px-1.5 py-0.5 text-[11px] hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
              aria-label={`Save ${props.title} as PNG`}
              onClick={() => {
                if (figure.current === null) return;
                setSaveError(null);
                const failed = (why: string) =>
                  setSaveError(`This chart could not be saved as PNG: ${why}.`);
                saveChartPng(figure.current, `${props.testId}.png`).then(
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
      <div className="mt-2 h-44" aria-hidden="true">
        {props.empty ? (
          <div className="flex h-full items-center justify-center text-sm text-slate-400">
            No data yet: press Play or Step.
          </div>
        ) : (
          props.children
        )}
      </div>
      <p
        id={`${id}-summary`}
        data-testid={`${props.testId}-summary`}
        className="mt-1 text-xs text-slate-600 dark:text-slate-300"
      >
        {props.summary}
      </p>
    </figure>
  );
}
