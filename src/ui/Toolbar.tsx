import { useRef, useState } from 'react';
import { encodeLink } from '../share/link';
import { GUIDED } from '../share/presets';
import { EXPORTS_BY_MODE, makeExport } from './exports-by-mode';
import { Menu, type MenuItem } from './Menu';
import { reducedMotion } from './reveal';
import { useLab, useLabActions, useLabStore } from './store-context';
import { buttonClass } from './styles';

/**
 * On a narrow screen (below lg, where the story sits under the run bar rather than beside the
 * controls) brings the story of a scenario just picked into view, below the sticky run bar (the
 * page's `scroll-padding-top`), once it is drawn.
 */
function showStoryWhenNarrow() {
  if (window.matchMedia?.('(min-width: 64rem)').matches) return;
  requestAnimationFrame(() =>
    document
      .querySelector('[data-testid="story"]')
      ?.scrollIntoView({ behavior: reducedMotion() ? 'auto' : 'smooth', block: 'start' }),
  );
}

/** Guided scenarios, sharing, and files in and out. */
export function Toolbar() {
  const store = useLabStore();
  const { loadPreset, importScenarioFile } = useLabActions();
  const presetId = useLab((s) => s.preset?.id);
  const current = GUIDED.find((p) => p.id === presetId);
  const [copied, setCopied] = useState<string | null>(null);
  // A run too large for a link: why, and the file offered instead (issue 13.5).
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const mode = useLab((s) => s.mode);
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  // Saving a file loads its code on first use.
  const downloadText = (name: string, text: string, type: string) =>
    void import('./download').then((m) => m.downloadText(name, text, type));
  const exportScenario = () =>
    downloadText('scenario.json', json(store.getState().scenario), 'application/json');
  const files: MenuItem[] = [
    { label: 'Import scenario (JSON)…', onSelect: () => fileInput.current?.click() },
    { label: 'Export scenario (JSON)', onSelect: exportScenario },
    ...EXPORTS_BY_MODE[mode].map((label) => ({
      label,
      onSelect: async () => {
        const file = await makeExport(label, store.getState());
        if ('missing' in file) store.getState().notify('info', file.missing);
        else downloadText(file.name, file.text, file.type);
      },
    })),
  ];

  const share = async () => {
    const link = await encodeLink(store.getState().linkState());
    if (!link.ok) {
      setCopied(null);
      setTooLarge(link.message);
      return;
    }
    setTooLarge(null);
    const { fragment } = link;
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
    <div className="contents">
      <Menu
        align="left"
        summary={`Guided scenario: ${current?.title ?? 'choose one'} ▾`}
        items={GUIDED.map((p) => ({
          label: p.title,
          current: p.id === presetId,
          onSelect: () => {
            // The story shows once the scenario's file has loaded.
            void loadPreset(p.id).then(showStoryWhenNarrow);
          },
        }))}
      />
      <button type="button" className={buttonClass} onClick={() => void share()}>
        Share link
      </button>
      <Menu align="right" summary="Files ▾" items={files} />
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
          // Read in the parse worker: a large file does not block the page (issue 13.4).
          if (file !== undefined) await importScenarioFile(file);
        }}
      />
      {tooLarge !== null && (
        <span
          role="alert"
          className="flex items-center gap-2 text-xs text-amber-800 dark:text-amber-200"
        >
          {tooLarge}
          <button
            type="button"
            className={buttonClass}
            onClick={() => {
              exportScenario();
              setTooLarge(null);
            }}
          >
            Save the scenario file
          </button>
        </span>
      )}
      {copied !== null && (
        <span role="status" className="text-xs text-teal-700 dark:text-teal-300">
          {copied}
        </span>
      )}
    </div>
  );
}
