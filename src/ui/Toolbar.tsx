import { useRef, useState } from 'react';
import type { RunSummary } from '../core';
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

  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const withSummary = (save: (summary: RunSummary) => void) => () => {
    const summary = store.getState().summary;
    if (summary) save(summary);
  };
  const exports: Array<{ label: string; save: () => void }> = [
    {
      label: 'Export scenario (JSON)',
      save: () =>
        downloadText('scenario.json', json(store.getState().scenario), 'application/json'),
    },
    {
      label: 'Export summary (CSV)',
      save: withSummary((s) => downloadText(`summary-${stamp()}.csv`, summaryToCsv(s), 'text/csv')),
    },
    {
      label: 'Export summary (JSON)',
      save: withSummary((s) =>
        downloadText(`summary-${stamp()}.json`, json(s), 'application/json'),
      ),
    },
    {
      label: 'Export time series (CSV)',
      save: () =>
        downloadText(
          `series-${stamp()}.csv`,
          seriesToCsv(selectChartRows(store.getState())),
          'text/csv',
        ),
    },
    {
      label: 'Export time series (JSON)',
      save: () =>
        downloadText(
          `series-${stamp()}.json`,
          json(selectChartRows(store.getState())),
          'application/json',
        ),
    },
  ];

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
          {exports.map((e) => (
            <button key={e.label} type="button" className={item} onClick={run(e.save)}>
              {e.label}
            </button>
          ))}
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
