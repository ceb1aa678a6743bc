import { lazy, Suspense, useEffect, useRef } from 'react';
import { GROUPS } from '../store/settings';
import { Charts } from './Charts';
import { SettingsSection } from './controls/SettingsSection';
import { SpikeControl } from './controls/SpikeControl';
import { FlowDiagramSlot } from './diagram/LazyFlowDiagram';
import { ErrorBoundary } from './ErrorBoundary';
import { FastForward } from './FastForward';
import { ModeTabs } from './ModeTabs';
import { Notices } from './Notices';
import { DeadLetterPanel } from './panels/DeadLetterPanel';
import { IdempotencyPanel } from './panels/IdempotencyPanel';
import { RedSummary } from './panels/RedSummary';
import { StoryCard } from './panels/StoryCard';
import { RunBar } from './RunBar';
import { useLab, useLabActions } from './store-context';
import { Toolbar } from './Toolbar';

const CURE_GROUPS = ['budget', 'breaker', 'shedding', 'hedging'] as const;

// The comparison and the sweep load on first use: most visits never open them.
const ComparePanel = lazy(() =>
  import('./experiments/ComparePanel').then((m) => ({ default: m.ComparePanel })),
);
const SweepPanel = lazy(() =>
  import('./experiments/SweepPanel').then((m) => ({ default: m.SweepPanel })),
);

/**
 * Keeps `--header-h` on the root at the header's height: the sticky header wraps to more lines on
 * narrower screens, and the scroll padding and the sticky controls below it follow.
 */
function useHeaderHeight() {
  const header = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = header.current;
    if (el === null || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() =>
      root.style.setProperty('--header-h', `${el.offsetHeight}px`),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return header;
}

/** The whole lab: run bar, controls, RED summary, charts and panels. */
export function App() {
  const { reset } = useLabActions();
  const mode = useLab((s) => s.mode);
  const header = useHeaderHeight();
  return (
    <div className="min-h-screen bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <header
        ref={header}
        className="z-10 border-b border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900 lg:sticky lg:top-0"
      >
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h1 className="text-lg font-bold tracking-tight">Resilient Relay</h1>
            <p className="text-xs text-slate-500 dark:text-slate-400">
              Retries, backpressure, idempotency and dead letters against a flaky downstream, in a
              deterministic simulation.
            </p>
          </div>
          <ErrorBoundary name="Toolbar">
            <Toolbar />
          </ErrorBoundary>
        </div>
        <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2">
          <ErrorBoundary name="Run bar" onReset={reset}>
            <RunBar />
          </ErrorBoundary>
          <FastForward />
        </div>
      </header>
      <div className="flex flex-col gap-4 p-4 lg:flex-row">
        {/* At lg and up the controls stay in view beside the charts, scrolling on their own. */}
        <aside
          aria-label="Controls"
          className="space-y-4 lg:sticky lg:top-[calc(var(--header-h)+1rem)] lg:max-h-[calc(100dvh-var(--header-h)-2rem)] lg:w-80 lg:shrink-0 lg:self-start lg:overflow-y-auto"
        >
          <p className="rounded-lg bg-teal-50 p-3 text-sm text-teal-950 dark:bg-teal-950 dark:text-teal-100">
            <strong>Try it:</strong> press <em>Play</em>, switch on the <em>Outage</em>, watch
            retries, 429s and the dead-letter queue respond; switch it off and <em>Replay all</em>{' '}
            dead letters to recover.
          </p>
          <ErrorBoundary name="Traffic controls">
            <SettingsSection group="traffic">
              <SpikeControl />
            </SettingsSection>
          </ErrorBoundary>
          <ErrorBoundary name="Client controls">
            <SettingsSection group="clients" />
          </ErrorBoundary>
          <ErrorBoundary name="Downstream controls">
            <SettingsSection group="downstream" />
          </ErrorBoundary>
          <ErrorBoundary name="Relay controls">
            <SettingsSection group="relay" />
          </ErrorBoundary>
          <section aria-labelledby="cures-title" className="space-y-2">
            <h2
              id="cures-title"
              className="px-1 text-sm font-semibold text-slate-600 dark:text-slate-300"
            >
              Cures for overload
            </h2>
            {CURE_GROUPS.map((group) => (
              <ErrorBoundary key={group} name={`${GROUPS[group]} controls`}>
                <SettingsSection group={group} folding />
              </ErrorBoundary>
            ))}
          </section>
        </aside>
        <main className="min-w-0 flex-1 space-y-4">
          <Notices />
          <ErrorBoundary name="Story">
            <StoryCard />
          </ErrorBoundary>
          <ModeTabs />
          {mode === 'live' && (
            <div id="panel-live" role="tabpanel" aria-labelledby="tab-live" className="space-y-4">
              <FlowDiagramSlot />
              <ErrorBoundary name="RED summary">
                <RedSummary />
              </ErrorBoundary>
              <Charts />
              <div className="grid grid-cols-1 gap-3 xl:grid-cols-[2fr_1fr]">
                <ErrorBoundary name="Dead-letter queue">
                  <DeadLetterPanel />
                </ErrorBoundary>
                <ErrorBoundary name="Idempotency panel">
                  <IdempotencyPanel />
                </ErrorBoundary>
              </div>
            </div>
          )}
          <Suspense
            fallback={<p className="text-sm text-slate-500 dark:text-slate-400">Loading…</p>}
          >
            {mode === 'compare' && (
              <ErrorBoundary name="Comparison">
                <ComparePanel />
              </ErrorBoundary>
            )}
            {mode === 'sweep' && (
              <ErrorBoundary name="Sweep">
                <SweepPanel />
              </ErrorBoundary>
            )}
          </Suspense>
        </main>
      </div>
    </div>
  );
}
