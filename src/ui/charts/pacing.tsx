/**
 * Chart pacing: a chart costs tens of milliseconds to redraw, so redrawing all of them for every
 * snapshot would block the main thread. Each chart takes a slot of its own; one animation-frame
 * loop lets one slot redraw every few frames, with its latest data, in a task of its own: at 60
 * frames a second each chart redraws about every 0.6 s (1.2 s at 100×, 2.4 s at Max, where the
 * data changes every snapshot and the main thread has the most to do), and no task redraws more
 * than one chart. A chart is first drawn when it comes near the viewport (until then its card
 * shows its title and its text summary, kept current); once drawn, off screen or hidden, it
 * redraws one turn in four. Tests use 'immediate' pacing to redraw synchronously.
 */
import {
  createContext,
  type ReactNode,
  type RefObject,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';

/** How charts pick up new data. */
export type Pacing = 'staggered' | 'immediate';

const PacingContext = createContext<Pacing>('staggered');

/**
 * Whether the chart below may draw its plot: false until its card first comes near the viewport.
 * A chart's first drawing (a recharts mount) is the costliest thing it does, tens of
 * milliseconds in one task; charts the person never scrolls to never pay it.
 */
const DrawContext = createContext<{ mayDraw: boolean; draw: () => void }>({
  mayDraw: true,
  draw: () => {},
});

/**
 * Whether the chart of this card may draw its plot yet (see `DrawContext`), and `draw()` to
 * have it drawn now (what needs the plot, a PNG, asks for it).
 */
export function useMayDraw() {
  return useContext(DrawContext);
}

/** Sets the pacing of the charts below. */
export function PacingProvider({ pacing, children }: { pacing: Pacing; children: ReactNode }) {
  return <PacingContext.Provider value={pacing}>{children}</PacingContext.Provider>;
}

/** Chart slots, one per chart the page can show (13 and the 4 cures'): one chart per redraw. */
export const SLOTS = 18;
/** Frames between two redraws (of different charts): 2, 4 at 100×, 8 at Max. */
let spacing = 2;

/** Sets the frames between two chart redraws (higher: fewer redraws, a lighter main thread). */
export function setPacingSpacing(frames: number): void {
  spacing = Math.max(1, Math.round(frames));
}

const listeners = new Map<number, Set<() => void>>();
let frame = 0;
let looping = false;

function loop() {
  const position = frame++ % (spacing * SLOTS);
  // One frame in `spacing` redraws one slot; the others are left to the rest of the page. The
  // redraw runs in a task of its own, not in this frame's callbacks, where the store's update
  // renders.
  if (position % spacing === 0) {
    for (const listener of listeners.get(position / spacing) ?? []) setTimeout(listener, 0);
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

/** Off screen or hidden, a chart redraws one turn of its slot in this many. */
const OFF_SCREEN_EVERY = 4;

/** How far outside the viewport a chart still counts as in view (drawn before it scrolls in). */
const IN_VIEW_MARGIN = '200px';

/** Whether `useInView` can watch at all (not in jsdom, where every chart counts as in view). */
const canWatch = () => typeof IntersectionObserver !== 'undefined';

/**
 * Whether the element of `ref` is in (or near) the viewport: `ref.current` is false while it is
 * off screen or hidden (`display: none`), and `onShown` runs in a task of its own when it comes
 * into view (the first time too). Always in view where there is no IntersectionObserver (tests).
 */
function useInView(ref: RefObject<HTMLElement | null>, onShown: () => void, on: boolean) {
  // Unknown until the observer's first report: counted as out of view where it can watch.
  const inView = useRef(!on || !canWatch());
  const shown = useRef(onShown);
  shown.current = onShown;
  useEffect(() => {
    const el = ref.current;
    if (!on || el === null || !canWatch()) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    inView.current = false;
    const observer = new IntersectionObserver(
      (entries) => {
        const now = entries.at(-1)!.isIntersecting;
        if (now && !inView.current) timer = setTimeout(() => shown.current(), 0);
        inView.current = now;
      },
      { rootMargin: IN_VIEW_MARGIN },
    );
    observer.observe(el);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
      inView.current = true;
    };
  }, [ref, on]);
  return inView;
}

/**
 * Renders `render(value)`, picking up a new `value` only in this chart's slot frame (or at once
 * with immediate pacing). Between its frames the rendered chart is reused as is. Its plot is first
 * drawn when it comes near the viewport (`useMayDraw`); until then the card alone follows every
 * turn (its text is cheap). Once drawn, off screen or hidden, it redraws one turn in
 * `OFF_SCREEN_EVERY`, and draws the latest value as soon as it is back in view.
 */
export function Paced<T>(props: { slot: number; value: T; render: (value: T) => ReactNode }) {
  const pacing = useContext(PacingContext);
  const staggered = pacing === 'staggered';
  const latest = useRef(props.value);
  latest.current = props.value;
  const [shown, setShown] = useState(props.value);
  const [mayDraw, setMayDraw] = useState(() => !staggered || !canWatch());
  const box = useRef<HTMLDivElement>(null);
  const draw = useCallback(() => {
    // A transition, as every redraw: React renders the new chart in slices.
    startTransition(() => {
      setMayDraw(true);
      setShown(latest.current);
    });
  }, []);
  const inView = useInView(box, draw, staggered);
  const drawContext = useMemo(() => ({ mayDraw, draw }), [mayDraw, draw]);
  useEffect(() => {
    if (!staggered) return;
    let turns = 0;
    return listen(props.slot % SLOTS, () => {
      // Off screen, one turn in OFF_SCREEN_EVERY: its text line (what a screen reader reads) and
      // its buttons stay current, at a fraction of the cost. A transition: React renders the
      // chart in slices of a few ms, and a click or the store's next update goes first.
      if (inView.current || !mayDraw || ++turns % OFF_SCREEN_EVERY === 0)
        startTransition(() => setShown(latest.current));
    });
  }, [staggered, props.slot, inView, mayDraw]);
  const value = staggered ? shown : props.value;
  const { render } = props;
  // The same element while the value is unchanged: React skips the chart entirely.
  const chart = useMemo(() => render(value), [render, value]);
  return (
    <div ref={box} className="grid min-w-0">
      <DrawContext.Provider value={drawContext}>{chart}</DrawContext.Provider>
    </div>
  );
}
