/**
 * Where each part of the flow diagram leads: its group of controls (`id="controls-<group>"`), its
 * charts (`data-testid="chart-<name>"`) or its panel. Picking a part brings them into view, moves
 * the focus to the first, and briefly outlines each.
 */
import type { GroupId } from '../../store/settings';
import { focusWithoutScroll, highlight, reducedMotion } from '../reveal';
import type { PartId } from './flow-text';

/** What a part leads to, first things first. */
export interface PartTarget {
  controls: readonly GroupId[];
  charts: readonly string[];
  /** A panel, by the id of its heading. */
  panel?: string;
}

/** Each part's controls, charts and panel. */
export const PART_TARGETS: Record<PartId, PartTarget> = {
  clients: { controls: ['traffic', 'clients'], charts: ['throughput', 'goodput'] },
  idempotency: { controls: ['relay'], charts: [], panel: 'idem-title' },
  queue: { controls: ['relay', 'shedding'], charts: ['queue'] },
  workers: { controls: ['relay'], charts: ['workers', 'retry-delays'] },
  throttle: { controls: ['shedding'], charts: ['throttle'] },
  breaker: { controls: ['breaker'], charts: ['breaker'] },
  budget: { controls: ['budget'], charts: ['budget'] },
  downstream: { controls: ['downstream'], charts: ['downstream', 'downstream-queue'] },
  deadLetters: { controls: [], charts: ['causes'], panel: 'dlq-title' },
  outcomes: { controls: [], charts: ['throughput', 'causes'] },
};

/** The id of a group of controls: what the diagram looks for. */
export const controlsId = (group: GroupId) => `controls-${group}`;

// Hidden ones (a closed drawer, a chart of a cure that is off) are left out.
const shown = (el: Element | null): el is HTMLElement =>
  el instanceof HTMLElement && (typeof el.checkVisibility !== 'function' || el.checkVisibility());

/** The elements `part` leads to, in the document: its controls, then its panel and charts. */
export function targetsOf(part: PartId, doc: Document = document) {
  const target = PART_TARGETS[part];
  const controls = target.controls.map((g) => doc.getElementById(controlsId(g))).filter(shown);
  const panel = target.panel === undefined ? null : doc.getElementById(target.panel);
  const views = [
    panel?.closest('section') ?? null,
    ...target.charts.map((c) => doc.querySelector(`[data-testid="chart-${c}"]`)),
  ].filter(shown);
  return { controls, views };
}

/** True when scrolling the page leaves `el` where it is (it sits in a sticky or fixed column). */
function pinned(el: HTMLElement): boolean {
  for (let at = el.parentElement; at !== null; at = at.parentElement) {
    const { position } = getComputedStyle(at);
    if (position === 'sticky' || position === 'fixed') return true;
  }
  return false;
}

/** The nearest ancestor of `el` that scrolls on its own, below the document. */
function scroller(el: HTMLElement): HTMLElement | null {
  for (let at = el.parentElement; at !== null && at !== document.body; at = at.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(at).overflowY)) return at;
  }
  return null;
}

/**
 * Brings what `part` leads to into view: its controls (opening a folded group) and, where the
 * controls stay in view beside the page (a wide screen), its first chart or panel as well. Moves
 * the focus to the first of them, and outlines them for a moment. Returns what got the focus.
 */
export function showPart(part: PartId, doc: Document = document): HTMLElement | null {
  const { controls, views } = targetsOf(part, doc);
  const first = controls[0] ?? views[0];
  if (first === undefined) return null;
  if (first instanceof HTMLDetailsElement) first.open = true;
  const behavior: ScrollBehavior = reducedMotion(doc) ? 'auto' : 'smooth';
  const view = views[0];
  if (first !== view && view !== undefined && pinned(first)) {
    const column = scroller(first);
    if (column !== null) {
      const top = first.getBoundingClientRect().top - column.getBoundingClientRect().top;
      column.scrollBy({ top: top - 8, behavior });
    }
    view.scrollIntoView({ behavior, block: 'center' });
  } else {
    first.scrollIntoView({ behavior, block: 'start' });
  }
  focusWithoutScroll(first);
  for (const el of [...controls, ...views]) highlight(el);
  return first;
}
