import { lazy, Suspense, startTransition, useEffect, useRef, useState } from 'react';
import { GROUPS } from '../store/settings';
import { Charts } from './Charts';
import { SettingsSection } from './controls/SettingsSection';
import { SpikeControl } from './controls/SpikeControl';
import { FlowDiagramSlot } from './diagram/LazyFlowDiagram';
import { ErrorBoundary } from './ErrorBoundary';
import { FastForward } from './FastForward';
import { ModeTabs } from './ModeTabs';
import { Notices } from './Notices';
import { StorePanels } from './panels/LazyPanels';
import { RedSummary } from './panels/RedSummary';
import { RunBar } from './RunBar';
import { useLab, useLabActions, useLabStore } from './store-context';
import { Toolbar } from './Toolbar';
import { keyIsForFocus, useView, ViewProvider } from './view';

// A guided scenario's story: it loads with the first one (a plain visit opens none).
const StoryCard = lazy(() => import('./panels/StoryCard').then((m) => ({ default: m.StoryCard })));

const CURE_GROUPS = ['budget', 'breaker', 'shedding', 'hedging'] as const;

// The comparison and the sweep load on first use: most visits never open them.
const ComparePanel = lazy(() =>
  import('./experiments/ComparePanel').then((m) => ({ default: m.ComparePanel })),
);
const SweepPanel = lazy(() =>
  import('./experiments/SweepPanel').then((m) => ({ default: m.SweepPanel })),
);

/** Keeps `--<name>` on the root at the element's height (it wraps to more lines when narrow). */
function useHeightVariable<E extends HTMLElement>(name: string) {
  const ref = useRef<E>(null);
  useEffect(() => {
    const el = ref.current;
    if (el === null || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const observer = new ResizeObserver((entries) => {
      // The observed size, not `offsetHeight` (which would lay the page out again), and only
      // when it changed: a variable on the root restyles the whole page.
      const height = entries.at(-1)?.borderBoxSize?.[0]?.blockSize ?? el.offsetHeight;
      const value = `${Math.round(height)}px`;
      if (root.style.getPropertyValue(`--${name}`) !== value)
        root.style.setProperty(`--${name}`, value);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [name]);
  return ref;
}

/** The parts of the page added after its first paint, in this order (see `useStartStage`). */
const STAGES = ['header', 'controls', 'charts', 'panels'] as const;
type Stage = (typeof STAGES)[number];

/**
 * With `staged`, the page starts in stages, one per frame: the header, run bar and flow first,
 * then the controls, the charts and the panels, each rendered in a transition (in slices) and
 * laid out in a frame of its own, so no task of the start holds the main thread for long.
 * Without (tests), everything at once. Returns whether `stage` is in yet.
 */
function useStartStage(staged: boolean): (stage: Stage) => boolean {
  const [reached, setReached] = useState(staged ? 0 : STAGES.length - 1);
  useEffect(() => {
    if (reached >= STAGES.length - 1) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // After the frame that lays out this stage: its layout and paint come before the next.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setReached(reached + 1)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [reached]);
  return (stage) => STAGES.indexOf(stage) <= reached;
}

/** Space plays and pauses, wherever focus is not on something Space works already. */
function useSpaceToPlay() {
  const store = useLabStore();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== ' ' || event.repeat || event.ctrlKey || event.metaKey || event.altKey)
        return;
      if (keyIsForFocus(event.target)) return;
      event.preventDefault();
      const state = store.getState();
      if (state.running) state.pause();
      else state.play();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}

const headerButton =
  'rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-600 dark:border-slate-600 dark:hover:bg-slate-800';

/** The controls: beside the charts on wide screens, a drawer on narrow ones and in present mode. */
function Controls() {
  const { present, drawer, setDrawer } = useView();
  const guided = useLab((s) => s.preset !== null && !s.storyHidden);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (drawer) close.current?.focus();
  }, [drawer]);
  const shut = () => {
    setDrawer(false);
    document.getElementById('controls-button')?.focus();
  };
  const placed = drawer
    ? 'fixed inset-y-0 left-0 z-40 w-[min(24rem,92vw)] overflow-y-auto bg-slate-50 p-4 shadow-xl dark:bg-slate-950'
    : present
      ? 'hidden'
      : // At lg and up the controls stay in view beside the charts, scrolling on their own.
        'hidden lg:sticky lg:top-[calc(var(--header-h)+1rem)] lg:block lg:max-h-[calc(100dvh-var(--header-h)-2rem)] lg:w-80 lg:shrink-0 lg:self-start lg:overflow-y-auto';
  return (
    <>
      {drawer && (
        <div aria-hidden="true" className="fixed inset-0 z-30 bg-slate-950/50" onClick={shut} />
      )}
      <aside
        id="controls"
        aria-label="Controls"
        className={`space-y-4 ${placed}`}
        onKeyDown={(event) => {
          if (drawer && event.key === 'Escape') shut();
        }}
      >
        {drawer && (
          <div className="flex items-center justify-between">
            <h2 className="text-sm font-semibold">Controls</h2>
            <button ref={close} type="button" onClick={shut} className={headerButton}>
              Close
            </button>
          </div>
        )}
        {/* A guided scenario's story has its own tip: this one is for the plain lab. */}
        {!guided && (
          <p className="rounded-lg bg-teal-50 p-3 text-sm text-teal-950 dark:bg-teal-950 dark:text-teal-100">
            <strong>Try it:</strong> press <em>Play</em>, switch on the <em>Outage</em>, watch
            retries, 429s and the dead-letter queue respond; switch it off and <em>Replay all</em>{' '}
            dead letters to recover.
          </p>
        )}
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
    </>
  );
}

/**
 * The whole lab: run bar, controls, RED summary, charts and panels; with `staged`, added a part
 * per frame as the page starts (`useStartStage`).
 */
export function App({ staged = false }: { staged?: boolean }) {
  return (
    <ViewProvider>
      <Lab staged={staged} />
    </ViewProvider>
  );
}

function Lab({ staged }: { staged: boolean }) {
  const shown = useStartStage(staged);
  const { reset } = useLabActions();
  const mode = useLab((s) => s.mode);
  const { present, setPresent, drawer, setDrawer } = useView();
  const header = useHeightVariable<HTMLElement>('header-h');
  const title = useHeightVariable<HTMLDivElement>('title-h');
  useSpaceToPlay();
  return (
    <div
      className={`min-h-screen bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100 ${present ? 'present text-lg' : ''}`}
    >
      {/* Sticky: on narrow screens the title row scrolls away and the run bar stays in view. One
          banner landmark holds both, so the run bar is not content outside every landmark. */}
      <header
        ref={header}
        className="sticky top-[calc(-1*var(--title-h,0px))] z-20 border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900 lg:top-0"
      >
        <div ref={title} className="px-4 pt-3">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div>
              <h1 className="text-lg font-bold tracking-tight">Resilient Relay</h1>
              <p
                className={`text-xs text-slate-500 dark:text-slate-400 ${present ? 'hidden' : ''}`}
              >
                Retries, backpressure, idempotency and dead letters against a flaky downstream, in a
                deterministic simulation.
              </p>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <ErrorBoundary name="Toolbar">
                <Toolbar />
              </ErrorBoundary>
              <button
                type="button"
                aria-pressed={present}
                onClick={() => {
                  setPresent(!present);
                  setDrawer(false);
                }}
                className={headerButton}
              >
                {present ? 'Leave present mode' : 'Present'}
              </button>
            </div>
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
          <button
            id="controls-button"
            type="button"
            aria-expanded={drawer}
            aria-controls="controls"
            onClick={() => setDrawer(!drawer)}
            className={`${headerButton} ${present ? '' : 'lg:hidden'}`}
          >
            Controls
          </button>
          <ErrorBoundary name="Run bar" onReset={reset}>
            <RunBar />
          </ErrorBoundary>
          <FastForward />
        </div>
      </header>
      <div className="flex flex-col gap-4 p-4 lg:flex-row">
        {shown('controls') ? (
          <Controls />
        ) : (
          // Its room beside the charts, kept while it comes in.
          <div className="hidden lg:block lg:w-80 lg:shrink-0" />
        )}
        <main className="min-w-0 flex-1 space-y-4">
          <Notices />
          <ErrorBoundary name="Story">
            <Suspense fallback={null}>
              <StoryCard />
            </Suspense>
          </ErrorBoundary>
          <ModeTabs />
          {mode === 'live' && (
            <div id="panel-live" role="tabpanel" aria-labelledby="tab-live" className="space-y-4">
              <FlowDiagramSlot />
              <ErrorBoundary name="RED summary">
                <RedSummary />
              </ErrorBoundary>
              {shown('charts') ? <Charts /> : <div className="min-h-96" />}
              {shown('panels') && <StorePanels />}
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
