/**
 * Bringing a part of the page to the reader: into view below the sticky header (the page's
 * `scroll-padding-top`), the focus on it, and a brief outline (`data-highlight`, index.css: a
 * fading ring, or a still one for a while under `prefers-reduced-motion`).
 */

/** How long an element stays outlined after it is revealed, ms. */
export const HIGHLIGHT_MS = 3000;

const timers = new WeakMap<HTMLElement, ReturnType<typeof setTimeout>>();

/** True when the reader asked for less motion: scroll at once, no fading. */
export function reducedMotion(doc: Document = document): boolean {
  return doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
}

/** Moves the focus to `el` (or a `<details>`' summary) without scrolling, focusable or not. */
export function focusWithoutScroll(el: HTMLElement) {
  const into = el instanceof HTMLDetailsElement ? el.querySelector('summary') : el;
  if (into === null) return;
  if (into.tabIndex < 0 && !into.hasAttribute('tabindex')) into.setAttribute('tabindex', '-1');
  into.focus({ preventScroll: true });
}

/** Outlines `el` for `HIGHLIGHT_MS` (again from the start when it already is). */
export function highlight(el: HTMLElement) {
  clearTimeout(timers.get(el));
  // Set anew, so the fade starts again: the attribute's removal restarts the animation.
  el.removeAttribute('data-highlight');
  void el.offsetWidth;
  el.setAttribute('data-highlight', '');
  timers.set(
    el,
    setTimeout(() => el.removeAttribute('data-highlight'), HIGHLIGHT_MS),
  );
}

/**
 * Shows the live chart `chartId` (`data-testid="chart-<id>"`): scrolls it into view, moves the
 * focus to it and outlines it. Returns it, or null when the page does not draw it now (a cure's
 * chart while the cure is off).
 */
export function revealChart(chartId: string, doc: Document = document): HTMLElement | null {
  const chart = doc.querySelector(`[data-testid="chart-${chartId}"]`);
  if (!(chart instanceof HTMLElement)) return null;
  chart.scrollIntoView({ behavior: reducedMotion(doc) ? 'auto' : 'smooth', block: 'center' });
  focusWithoutScroll(chart);
  highlight(chart);
  return chart;
}
