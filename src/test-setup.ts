/**
 * Shared test setup. Component tests opt into jsdom with `// @vitest-environment jsdom`; for them
 * this adds the jest-dom matchers and a ResizeObserver that reports a fixed size, without which
 * recharts' ResponsiveContainer renders no SVG in jsdom (a no-op stub is not enough).
 */
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

if (typeof window !== 'undefined') {
  afterEach(cleanup);
  // jsdom lays nothing out and has no scrolling; the page scrolls a story or a chart into view.
  Element.prototype.scrollIntoView ??= () => {};
  class FixedSizeResizeObserver {
    readonly #callback: ResizeObserverCallback;
    constructor(callback: ResizeObserverCallback) {
      this.#callback = callback;
    }
    observe(target: Element) {
      const rect = {
        width: 800,
        height: 400,
        top: 0,
        left: 0,
        bottom: 400,
        right: 800,
        x: 0,
        y: 0,
      };
      const entry = {
        target,
        contentRect: rect,
        borderBoxSize: [{ inlineSize: 800, blockSize: 400 }],
      };
      this.#callback([entry as unknown as ResizeObserverEntry], this as unknown as ResizeObserver);
    }
    unobserve() {}
    disconnect() {}
  }
  globalThis.ResizeObserver = FixedSizeResizeObserver as unknown as typeof ResizeObserver;
}
