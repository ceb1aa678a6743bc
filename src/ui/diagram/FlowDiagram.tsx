/**
 * The live flow diagram: clients → idempotency → queue → workers → (the cures) → downstream, the
 * dead-letter queue, the loops, and each outcome's share leaving the relay. Its numbers come from
 * the store's points (once per new point); they show at most twice a second, the table of them
 * at most once a second. Each part is a button that brings its controls and charts into view.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { FLOW_SPAN_MS, selectFlow } from '../../store/flow';
import { formatMs } from '../format';
import { useLab } from '../store-context';
import { FlowSvg } from './FlowSvg';
import { layoutFlow } from './flow-layout';
import { nodeContents } from './flow-nodes';
import { showPart } from './flow-targets';
import { describeFlow, type PartText } from './flow-text';
import { OutcomeStrip } from './OutcomeStrip';
import { useThrottled } from './useThrottled';

/**
 * The width of `ref`'s element, kept up to date. From the resize observer, which reports it after
 * the browser's own layout: reading it at mount would force a layout of the whole page in the
 * middle of the page's start (40 ms measured), so the diagram is drawn one frame after its frame.
 */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    if (typeof ResizeObserver === 'undefined') {
      setWidth(el.clientWidth);
      return;
    }
    const observer = new ResizeObserver(([entry]) => {
      if (entry !== undefined) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

const pct = (part: number, whole: number) => `${(part / whole) * 100}%`;

/** The diagram in a table: the same numbers as the picture, for reading out or copying. */
function FlowTable({ texts }: { texts: PartText[] }) {
  return (
    <details className="mt-2 text-xs">
      <summary className="cursor-pointer rounded px-2 py-1 text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-teal-600 dark:text-slate-300 dark:hover:bg-slate-800">
        The diagram as text
      </summary>
      <table className="mt-1 w-full border-collapse text-left" data-testid="flow-table">
        <caption className="sr-only">
          The flow diagram's numbers, per second over the last {formatMs(FLOW_SPAN_MS)}
        </caption>
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-700">
            <th scope="col" className="px-2 py-1 font-semibold">
              Part
            </th>
            <th scope="col" className="px-2 py-1 font-semibold">
              Now
            </th>
          </tr>
        </thead>
        <tbody>
          {texts.map((t) => (
            <tr key={t.part} className="border-b border-slate-100 align-top dark:border-slate-800">
              <th scope="row" className="px-2 py-1 font-medium whitespace-nowrap">
                {t.title}
              </th>
              <td className="px-2 py-1 tabular-nums">{t.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** The live flow diagram of the system. */
export function FlowDiagram() {
  const id = useId().replace(/:/g, '');
  const flow = useThrottled(useLab(selectFlow), 500);
  const [frame, widthPx] = useWidth();
  const contents = useMemo(() => nodeContents(flow), [flow]);
  const resends = flow.clients.retryShare > 0;
  // The layout depends on which boxes there are and their lines, not on the numbers in them.
  const shape = Object.entries(contents)
    .map(([part, c]) => `${part}:${c.lines.length}:${c.lines.map((l) => l.kind[0]).join('')}`)
    .join(' ');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `shape` stands for `contents`' form.
  const layout = useMemo(
    () => (widthPx > 0 ? layoutFlow(widthPx, contents, resends) : null),
    [widthPx, shape, resends],
  );
  const texts = useMemo(() => describeFlow(flow), [flow]);
  const tableTexts = useThrottled(texts, 1000);
  const outcomes = texts.find((t) => t.part === 'outcomes')!;
  return (
    <section
      aria-labelledby={`${id}-title`}
      data-testid="flow-diagram"
      className="skip-off-screen rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 px-1">
        <h2 id={`${id}-title`} className="text-sm font-semibold">
          How requests flow
        </h2>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          per second, last {formatMs(FLOW_SPAN_MS)} of virtual time · pick a part for its controls
          and charts
        </p>
      </div>
      <div ref={frame} className="mt-1">
        {layout !== null && (
          <div
            className="relative mx-auto"
            style={{ maxWidth: layout.width * layout.scale }}
            data-layout={layout.orientation}
          >
            <FlowSvg flow={flow} layout={layout} contents={contents} id={id} />
            {texts.map(({ part, title, detail }) => {
              const box = layout.boxes[part];
              if (box === undefined) return null;
              return (
                <button
                  key={part}
                  type="button"
                  data-part={part}
                  aria-label={`${title}: ${detail}`}
                  onClick={() => showPart(part)}
                  className="absolute rounded-lg hover:bg-teal-500/10 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-teal-600 dark:focus-visible:outline-teal-400"
                  style={{
                    left: pct(box.x, layout.width),
                    top: pct(box.y, layout.height),
                    width: pct(box.w, layout.width),
                    height: pct(box.h, layout.height),
                  }}
                />
              );
            })}
          </div>
        )}
      </div>
      <OutcomeStrip
        flow={flow}
        name={`${outcomes.title}: ${outcomes.detail}`}
        onPick={() => showPart('outcomes')}
      />
      <FlowTable texts={tableTexts} />
    </section>
  );
}
