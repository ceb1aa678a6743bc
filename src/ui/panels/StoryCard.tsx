import { useState } from 'react';
import type { ChartId } from '../../core';
import { CHART_TITLES } from '../charts/chart-titles';
import { formatAxisTime } from '../format';
import { revealChart } from '../reveal';
import { useLab, useLabActions } from '../store-context';

/** Links from the watch text to the charts it names: each scrolls to its chart and outlines it. */
function ChartLinks({ charts }: { charts: readonly ChartId[] }) {
  const live = useLab((s) => s.mode === 'live');
  const { setMode } = useLabActions();
  const [missing, setMissing] = useState<string | null>(null);
  const show = (id: ChartId) => {
    const reveal = () =>
      setMissing(
        revealChart(id) === null
          ? `“${CHART_TITLES[id]}” is drawn while its cure is on: switch it on under Cures.`
          : null,
      );
    if (live) reveal();
    else {
      // The charts are on the live tab: open it, and reveal once it is drawn.
      setMode('live');
      requestAnimationFrame(reveal);
    }
  };
  return (
    <>
      <ul aria-label="Charts to watch" className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
        {charts.map((id) => (
          <li key={id}>
            <button
              type="button"
              onClick={() => show(id)}
              className="text-left text-xs font-semibold underline decoration-teal-600 underline-offset-2 hover:decoration-2 dark:decoration-teal-400"
            >
              Show the chart “{CHART_TITLES[id]}”
            </button>
          </li>
        ))}
      </ul>
      <p role="status" className="text-xs empty:hidden">
        {missing ?? ''}
      </p>
    </>
  );
}

/** The scenario's key moments: where play pauses by itself (a switch), and the one it is at. */
function KeyMoments() {
  const moments = useLab((s) => s.scenario.meta?.moments);
  const moment = useLab((s) => s.moment);
  const pauseAtMoments = useLab((s) => s.pauseAtMoments);
  const { setPauseAtMoments } = useLabActions();
  if (moments === undefined || moments.length === 0) return null;
  return (
    <div className="mt-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 className="font-semibold">Key moments</h3>
        <label className="flex items-center gap-1 text-xs">
          <input
            type="checkbox"
            checked={pauseAtMoments}
            onChange={(e) => setPauseAtMoments(e.currentTarget.checked)}
            className="accent-teal-700 dark:accent-teal-400"
          />
          pause at each
        </label>
      </div>
      <ol className="mt-1 space-y-0.5">
        {moments.map((m) => (
          <li
            key={m.atMs}
            aria-current={moment?.atMs === m.atMs ? 'step' : undefined}
            className="rounded px-1 aria-[current]:bg-teal-200 aria-[current]:font-medium dark:aria-[current]:bg-teal-800"
          >
            <span className="font-mono tabular-nums">{formatAxisTime(m.atMs)}</span> {m.note}
          </li>
        ))}
      </ol>
      <p role="status" className="mt-1 text-xs font-semibold empty:hidden">
        {moment === null
          ? ''
          : `Paused at ${formatAxisTime(moment.atMs)}: ${moment.note} Press Play to go on.`}
      </p>
    </div>
  );
}

/**
 * The story of the scenario loaded (a guided one, or any file with a title): what happens, what
 * to watch, one thing to try. It stays through reset and setting changes, which its tips ask for.
 */
export function StoryCard() {
  const meta = useLab((s) => (s.storyHidden ? undefined : s.scenario.meta));
  const { hideStory } = useLabActions();
  if (meta?.title === undefined) return null;
  return (
    <section
      aria-labelledby="story-title"
      data-testid="story"
      className="rounded-lg border border-teal-200 bg-teal-50 p-4 text-sm text-teal-950 dark:border-teal-800 dark:bg-teal-950 dark:text-teal-50"
    >
      <div className="flex items-start justify-between gap-3">
        <h2 id="story-title" className="text-base font-semibold">
          {meta.title}
        </h2>
        <button
          type="button"
          onClick={hideStory}
          className="text-xs font-semibold underline"
          aria-label="Close the story"
        >
          Close
        </button>
      </div>
      {meta.story && <p className="mt-1">{meta.story}</p>}
      <dl className="mt-2 grid gap-1 sm:grid-cols-[auto_1fr] sm:gap-x-3">
        {meta.watch && (
          <>
            <dt className="font-semibold">Watch</dt>
            <dd>
              {meta.watch}
              {meta.charts && meta.charts.length > 0 && <ChartLinks charts={meta.charts} />}
            </dd>
          </>
        )}
        {meta.try && (
          <>
            <dt className="font-semibold">Try</dt>
            <dd>{meta.try}</dd>
          </>
        )}
      </dl>
      <KeyMoments />
      <p className="mt-2 text-xs opacity-80">
        Press Play (or Fast-forward) to run it; Reset replays it exactly.
      </p>
    </section>
  );
}
