/**
 * Chart pacing: a chart costs tens of milliseconds to redraw, so redrawing all of them for every
 * snapshot would block the main thread. Each chart takes a slot; one animation-frame loop lets
 * one chart redraw in every fourth frame, with its latest data: at 60 frames a second each chart
 * redraws about twice a second, and no frame redraws more than one. Tests use 'immediate' pacing to redraw synchronously.
 */
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';

/** How charts pick up new data. */
export type Pacing = 'staggered' | 'immediate';

const PacingContext = createContext<Pacing>('staggered');

/** Sets the pacing of the charts below. */
export function PacingProvider({ pacing, children }: { pacing: Pacing; children: ReactNode }) {
  return <PacingContext.Provider value={pacing}>{children}</PacingContext.Provider>;
}

/** Chart slots: at most one chart redraws in a frame. */
export const SLOTS = 8;
/** Frames per round: each slot gets one frame in a round, then three frames are left free. */
const ROUND = 4 * SLOTS;

const listeners = new Map<number, Set<() => void>>();
let frame = 0;
let looping = false;

function loop() {
  const position = frame++ % ROUND;
  // One frame in four redraws one slot; the others are left to the rest of the page. The redraw
  // runs in a task of its own, not in this frame's callbacks, where the store's update renders.
  if (position % 4 === 0) {
    for (const listener of listeners.get(position / 4) ?? []) setTimeout(listener, 0);
  }
  if ([...listeners.values()].some((set) => set.size > 0)) requestAnimationFrame(loop);
  else looping = false;
}

function listen(slot: number, listener: () => void): () => void {
  const set = listeners.get(slot) ?? new Set();
  set.add(listener);
  listeners.set(slot, set);
  if (!looping) {
    looping = true;
    requestAnimationFrame(loop);
  }
  return () => set.delete(listener);
}

/**
 * Renders `render(value)`, picking up a new `value` only in this chart's slot frame (or at once
 * with immediate pacing). Between its frames the rendered chart is reused as is.
 */
export function Paced<T>(props: { slot: number; value: T; render: (value: T) => ReactNode }) {
  const pacing = useContext(PacingContext);
  const latest = useRef(props.value);
  latest.current = props.value;
  const [shown, setShown] = useState(props.value);
  useEffect(() => {
    if (pacing === 'immediate') return;
    return listen(props.slot % SLOTS, () => setShown(latest.current));
  }, [pacing, props.slot]);
  const value = pacing === 'immediate' ? props.value : shown;
  const { render } = props;
  // The same element while the value is unchanged: React skips the chart entirely.
  return useMemo(() => render(value), [render, value]);
}
