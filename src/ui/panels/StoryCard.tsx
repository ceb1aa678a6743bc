import { useLab, useLabActions } from '../store-context';

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
            <dd>{meta.watch}</dd>
          </>
        )}
        {meta.try && (
          <>
            <dt className="font-semibold">Try</dt>
            <dd>{meta.try}</dd>
          </>
        )}
      </dl>
      <p className="mt-2 text-xs opacity-80">
        Press Play (or Fast-forward) to run it; Reset replays it exactly.
      </p>
    </section>
  );
}
