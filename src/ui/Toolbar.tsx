import { useRef, useState } from 'react';
import { seriesToCsv, summaryToCsv } from '../store/exports';
import { encodeLink } from '../store/link';
import { PRESETS } from '../store/presets';
import { selectChartRows } from '../store/selectors';
import { downloadText } from './download';
import { useLab, useLabActions, useLabStore } from './store-context';

const item =
  'block w-full rounded px-3 py-1.5 text-left text-sm hover:bg-slate-100 focus-visible:bg-slate-100 dark:hover:bg-slate-800 dark:focus-visible:bg-slate-800';
const button =
  'rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-600 dark:border-slate-600 dark:hover:bg-slate-800';

/** Guided scenarios, sharing, and files in and out. */
export function Toolbar() {
  const store = useLabStore();
  const { loadPreset, loadScenario } = useLabActions();
  const presetId = useLab((s) => s.preset?.id ?? '');
  const [copied, setCopied] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  const stamp = () =>
    `seed-${store.getState().scenario.seed}-t-${Math.round(store.getState().nowMs / 1000)}s`;
  const run = (action: () => void) => () => {
    action();
    menu.current?.removeAttribute('open');
  };

  const share = async () => {
    const fragment = await encodeLink(store.getState().linkState());
    const url = `${location.origin}${location.pathname}${location.search}${fragment}`;
    history.replaceState(null, '', fragment);
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Link copied: it opens this run at this moment.');
    } catch {
      setCopied('The link to this run is in the address bar.');
    }
    setTimeout(() => setCopied(null), 4000);
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="flex items-center gap-2 text-sm">
        <span className="font-medium">Guided scenario</span>
        <select
          value={presetId}
          onChange={(e) => {
            if (e.currentTarget.value !== '') loadPreset(e.currentTarget.value);
          }}
          className="max-w-64 rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
        >
          <option value="">Choose one…</option>
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.scenario.meta?.title ?? p.id}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className={button} onClick={() => void share()}>
        Share link
      </button>
      <details ref={menu} className="relative">
        <summary className={`${button} cursor-pointer list-none`}>Files ▾</summary>
        <div className="absolute right-0 z-20 mt-1 w-64 rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <button type="button" className={item} onClick={run(() => fileInput.current?.click())}>
            Import scenario (JSON)…
          </button>
          <button
            type="button"
            className={item}
            onClick={run(() =>
              downloadText(
                'scenario.json',
                `${JSON.stringify(store.getState().scenario, null, 2)}\n`,
                'application/json',
              ),
            )}
          >
            Export scenario (JSON)
          </button>
          <button
            type="button"
            className={item}
            onClick={run(() => {
              const summary = store.getState().summary;
              if (summary)
                downloadText(`summary-${stamp()}.csv`, summaryToCsv(summary), 'text/csv');
            })}
          >
            Export summary (CSV)
          </button>
          <button
            type="button"
            className={item}
            onClick={run(() => {
              const summary = store.getState().summary;
              if (summary)
                downloadText(
                  `summary-${stamp()}.json`,
                  `${JSON.stringify(summary, null, 2)}\n`,
                  'application/json',
                );
            })}
          >
            Export summary (JSON)
          </button>
          <button
            type="button"
            className={item}
            onClick={run(() =>
              downloadText(
                `series-${stamp()}.csv`,
                seriesToCsv(selectChartRows(store.getState())),
                'text/csv',
              ),
            )}
          >
            Export time series (CSV)
          </button>
          <button
            type="button"
            className={item}
            onClick={run(() =>
              downloadText(
                `series-${stamp()}.json`,
                `${JSON.stringify(selectChartRows(store.getState()), null, 2)}\n`,
                'application/json',
              ),
            )}
          >
            Export time series (JSON)
          </button>
        </div>
      </details>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        aria-label="Scenario file to import"
        className="sr-only"
        tabIndex={-1}
        onChange={async (e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file === undefined) return;
          const text = await file.text();
          if (!loadScenario(text)) {
            const notice = store.getState().notice;
            store.setState({
              notice: {
                kind: 'error',
                text: `${file.name}: ${notice?.text ?? 'invalid scenario'}`,
              },
            });
          }
        }}
      />
      {copied !== null && (
        <span role="status" className="text-xs text-teal-700 dark:text-teal-300">
          {copied}
        </span>
      )}
    </div>
  );
}
