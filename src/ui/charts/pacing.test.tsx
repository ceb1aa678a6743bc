// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Paced, SLOTS, setPacingSpacing, useMayDraw } from './pacing';

/** An IntersectionObserver the test moves elements in and out of view with. */
class TestObserver {
  static all: TestObserver[] = [];
  readonly targets: Element[] = [];
  constructor(readonly callback: IntersectionObserverCallback) {
    TestObserver.all.push(this);
  }
  observe(target: Element) {
    this.targets.push(target);
  }
  disconnect() {
    TestObserver.all = TestObserver.all.filter((o) => o !== this);
  }
  /** Reports `inView` for every element this observer watches. */
  report(inView: boolean) {
    const entries = this.targets.map((target) => ({ target, isIntersecting: inView }));
    this.callback(entries as unknown as IntersectionObserverEntry[], this as never);
  }
}

/** A card as the charts draw it: its text always, its plot only when it may draw. */
function Card({ value }: { value: number }) {
  const { mayDraw } = useMayDraw();
  return (
    <div>
      <p data-testid="text">value {value}</p>
      {mayDraw && <svg data-testid="plot" data-value={value} />}
    </div>
  );
}
const renderCard = (value: number) => <Card value={value} />;

/** Runs animation frames until every slot has had its turn, then the redraw tasks they queued. */
async function oneCycle(frames: Array<() => void>) {
  for (let i = 0; i < 2 * SLOTS; i++) {
    const pending = frames.splice(0);
    for (const frame of pending) frame();
  }
  await act(async () => {
    await vi.runAllTimersAsync();
  });
}

describe('Paced charts', () => {
  let frames: Array<() => void>;
  beforeEach(() => {
    vi.useFakeTimers();
    frames = [];
    vi.stubGlobal('IntersectionObserver', TestObserver);
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
    setPacingSpacing(2);
  });
  afterEach(() => {
    // Unmounted, the frame loop stops at its next frame (it is shared by every chart).
    cleanup();
    for (const frame of frames.splice(0)) frame();
    TestObserver.all = [];
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('draws no plot until the chart comes into view, while its text follows the data', async () => {
    const { rerender } = render(<Paced slot={0} value={1} render={renderCard} />);
    const observer = TestObserver.all[0]!;
    await act(async () => observer.report(false));
    rerender(<Paced slot={0} value={2} render={renderCard} />);
    await oneCycle(frames);
    // Off screen and never drawn: the text is current at every turn, no plot is drawn.
    expect(screen.getByTestId('text')).toHaveTextContent('value 2');
    expect(screen.queryByTestId('plot')).toBeNull();

    rerender(<Paced slot={0} value={3} render={renderCard} />);
    await act(async () => {
      observer.report(true);
      await vi.runAllTimersAsync();
    });
    // In view: drawn at once with the latest value.
    expect(screen.getByTestId('plot')).toHaveAttribute('data-value', '3');
  });

  it('keeps a drawn chart when it leaves the view, and redraws it there one turn in four', async () => {
    const { rerender } = render(<Paced slot={0} value={1} render={renderCard} />);
    const observer = TestObserver.all[0]!;
    await act(async () => {
      observer.report(true);
      await vi.runAllTimersAsync();
    });
    expect(screen.getByTestId('plot')).toHaveAttribute('data-value', '1');
    await act(async () => observer.report(false));
    rerender(<Paced slot={0} value={2} render={renderCard} />);
    await oneCycle(frames);
    // Still drawn, not redrawn on its first turn off screen.
    expect(screen.getByTestId('plot')).toHaveAttribute('data-value', '1');
    for (let turn = 0; turn < 3; turn++) await oneCycle(frames);
    expect(screen.getByTestId('plot')).toHaveAttribute('data-value', '2');
  });
});
