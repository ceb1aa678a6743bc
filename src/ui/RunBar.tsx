import { useEffect, useState } from 'react';
import { SPEEDS, type Speed } from '../store/lab-store';
import { selectOwnChanges, selectTimeline } from '../store/selectors';
import { formatClock } from './format';
import { useLab, useLabActions, useLabStore } from './store-context';
import { buttonClass as button } from './styles';

function speedLabel(speed: Speed): string {
  return speed === 'max' ? 'Max' : `${speed}×`;
}

function SeedField() {
  const seed = useLab((s) => s.scenario.seed);
  const { setSeed } = useLabActions();
  const store = useLabStore();
  const [text, setText] = useState(String(seed));
  useEffect(() => setText(String(seed)), [seed]);
  const apply = () => {
    if (text.trim() === String(seed)) return;
    setSeed(Number(text.trim() === '' ? Number.NaN : text));
    // A refused seed leaves the run as it was (with a notice): show the seed still in use.
    setText(String(store.getState().scenario.seed));
  };
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="font-medium">Seed</span>
      <input
        type="text"
        inputMode="numeric"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply();
        }}
        aria-describedby="seed-hint"
        className="w-28 rounded-md border border-slate-300 bg-white px-2 py-1 tabular-nums dark:border-slate-600 dark:bg-slate-800"
      />
      <span id="seed-hint" className="sr-only">
        One number fixes every random draw; changing it restarts the run.
      </span>
    </label>
  );
}

/**
 * The timeline's changes: the scenario's script and the person's own, what a reset replays; the
 * person's can apply from 0:00 instead, or be forgotten (the script stays).
 */
function RecordedChanges() {
  const own = useLab((s) => selectOwnChanges(s).length);
  const scripted = useLab((s) => s.script.length);
  const ownSettings = useLab((s) => selectOwnChanges(s).filter((e) => 'set' in e).length);
  const { clearTimeline, applyFromStart } = useLabActions();
  const parts = [
    scripted > 0 ? `${scripted} scripted ${scripted === 1 ? 'change' : 'changes'}` : null,
    own > 0 ? `${own} of yours` : null,
  ].filter((part) => part !== null);
  const link = 'underline hover:no-underline';
  return (
    <div className="flex flex-wrap items-center gap-x-1 text-xs text-slate-600 dark:text-slate-300">
      <span title="Changes at set moments of virtual time: the scenario's own script, and any you made while it ran. Reset restarts the run from 0 and replays them where they happened.">
        {parts.join(' and ')} · Reset replays {scripted + own === 1 ? 'it' : 'them'}
      </span>
      {ownSettings > 0 && (
        <>
          {' · '}
          <button
            type="button"
            onClick={applyFromStart}
            title="Make your setting changes the starting settings and restart from 0:00: what the run would have been with them from the start"
            className={link}
          >
            apply yours from 0:00
          </button>
        </>
      )}
      {own > 0 && (
        <>
          {' · '}
          <button
            type="button"
            onClick={clearTimeline}
            aria-label="Forget your recorded changes"
            title="Forget the changes you made during the run: the next reset replays the scenario's own script alone"
            className={link}
          >
            forget yours
          </button>
        </>
      )}
    </div>
  );
}

/** True once `on` has held for `delayMs`: a light step ends before anyone could see it work. */
function useHeld(on: boolean, delayMs: number): boolean {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (!on) {
      setHeld(false);
      return;
    }
    const timer = setTimeout(() => setHeld(true), delayMs);
    return () => clearTimeout(timer);
  }, [on, delayMs]);
  return held;
}

/** Play, pause, step, reset, speed, seed, the virtual clock, and a step or fast-forward at work. */
export function RunBar() {
  const running = useLab((s) => s.running);
  const stepProgress = useLab((s) => s.stepProgress);
  const fastForwardProgress = useLab((s) => s.fastForwardProgress);
  const pausing = useLab((s) => s.pausing);
  const speed = useLab((s) => s.speed);
  const nowMs = useLab((s) => s.nowMs);
  const actualSpeed = useLab((s) => s.actualSpeed);
  const recorded = useLab((s) => selectTimeline(s).length);
  const { play, pause, step, reset, setSpeed } = useLabActions();
  const lagging = running && speed !== 'max' && actualSpeed > 0 && actualSpeed < speed * 0.8;
  // issue 13.3: a step or a fast-forward on a heavy run says it is working, and Pause stops it.
  const progress = stepProgress ?? fastForwardProgress;
  const busy = useHeld(progress !== null, 150);
  const stoppable = running || (busy && progress !== null);
  return (
    <div className="contents">
      <button
        type="button"
        onClick={stoppable ? pause : play}
        className="min-w-24 rounded-md bg-teal-700 px-4 py-1.5 text-sm font-semibold text-white hover:bg-teal-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-600 dark:focus-visible:outline-teal-400"
      >
        {stoppable ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button
        type="button"
        onClick={step}
        disabled={stepProgress !== null}
        className={`${button} disabled:opacity-50`}
        title="Advance 1 s of virtual time"
      >
        Step 1 s
      </button>
      <button
        type="button"
        onClick={reset}
        className={button}
        title="Restart this run from 0, replaying the changes recorded during it"
      >
        Reset
      </button>
      <fieldset className="flex items-center gap-1">
        <legend className="sr-only">Speed</legend>
        {SPEEDS.map((s) => (
          <label
            key={String(s)}
            className="cursor-pointer rounded-md border border-slate-300 px-2 py-1 text-sm has-checked:border-teal-700 has-checked:bg-teal-700 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-teal-600 dark:border-slate-600"
          >
            <input
              type="radio"
              name="speed"
              className="sr-only"
              checked={speed === s}
              onChange={() => setSpeed(s)}
              aria-label={s === 'max' ? 'As fast as possible' : `${s} times real time`}
            />
            {speedLabel(s)}
          </label>
        ))}
      </fieldset>
      <SeedField />
      <div className="flex items-baseline gap-2 text-sm">
        <span className="text-slate-500 dark:text-slate-400">Virtual time</span>
        <time
          data-testid="clock"
          className="font-mono text-base font-semibold tabular-nums"
          dateTime={`PT${(nowMs / 1000).toFixed(1)}S`}
        >
          {formatClock(nowMs)}
        </time>
        {/* The engine answers a pause where it stopped; until then the clock may still move. */}
        <span data-testid="run-state" className="sr-only" aria-live="polite">
          {running ? 'Running' : progress !== null ? 'Working' : pausing ? 'Pausing' : 'Paused'}
        </span>
        {busy && progress !== null && (
          <span
            role="status"
            data-testid="busy"
            className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-300"
          >
            <span
              aria-hidden="true"
              className="inline-block size-3 animate-spin rounded-full border-2 border-teal-700 border-t-transparent motion-reduce:animate-none dark:border-teal-400 dark:border-t-transparent"
            />
            {stepProgress !== null ? 'Stepping' : 'Fast-forwarding'}… {Math.floor(progress * 100)}%
            (Pause stops it)
          </span>
        )}
        {running && actualSpeed > 0 && (
          <span
            className={`text-xs ${lagging ? 'text-amber-700 dark:text-amber-400' : 'text-slate-500 dark:text-slate-400'}`}
          >
            {actualSpeed >= 10 ? Math.round(actualSpeed) : actualSpeed.toFixed(1)}×
            {lagging ? ' (the engine is behind)' : ''}
          </span>
        )}
      </div>
      {recorded > 0 && <RecordedChanges />}
    </div>
  );
}
