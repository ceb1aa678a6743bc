/**
 * The page's address and the lab's state: a link (`#s=…`) or a guided scenario (`#preset=…`)
 * opens on load; afterwards the address follows the run, so it can be bookmarked or copied.
 */

import type { LabStore } from '../store/lab-store';
import { decodeLink, encodeLink } from './link';

/**
 * Opens what the address names. A bad link says why and changes nothing: on `start` the lab
 * keeps its defaults; on a `change` (a link pasted into an open lab) it keeps its current run,
 * and the address goes back to that run's link.
 */
export async function openFromAddress(
  store: LabStore,
  when: 'start' | 'change' = 'start',
): Promise<void> {
  const fragment = location.hash;
  const preset = /^#preset=([\w-]+)$/.exec(fragment);
  if (preset !== null) {
    store.getState().loadPreset(preset[1]!);
    return;
  }
  const link = await decodeLink(fragment);
  if (link.ok === true) {
    store.getState().openLink(link.state);
  } else if (link.ok === false) {
    const kept =
      when === 'start'
        ? 'The lab opened with the default scenario.'
        : 'The lab kept its current run.';
    store.setState({ notice: { kind: 'error', text: `${link.message} ${kept}` } });
    const fragment = when === 'start' ? '' : await encodeLink(store.getState().linkState());
    history.replaceState(null, '', location.pathname + location.search + fragment);
  }
}

/**
 * Rewrites the address (without a history entry) when the scenario, mode, comparison or sweep
 * changes, and when the run pauses (with its time, so the link opens at that moment).
 */
export function keepAddressInSync(store: LabStore): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let written = location.hash;
  store.subscribe((state, previous) => {
    const changed =
      state.scenario !== previous.scenario ||
      state.mode !== previous.mode ||
      state.compare !== previous.compare ||
      state.sweep !== previous.sweep ||
      (!state.running && state.nowMs !== previous.nowMs && state.fastForwardProgress === null);
    if (!changed) return;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const fragment = await encodeLink(store.getState().linkState());
      if (fragment !== written) {
        written = fragment;
        history.replaceState(null, '', fragment);
      }
    }, 400);
  });
}
