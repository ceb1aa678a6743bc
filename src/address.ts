/**
 * The page's address and the lab's state: a link (`#s=…`) or a guided scenario (`#preset=…`)
 * opens on load; afterwards the address follows the run, so it can be bookmarked or copied.
 */

import type { LabStore } from './store/lab-store';
import { decodeLink, encodeLink } from './store/link';

/** Opens what the address names; a bad link leaves the defaults and says why. */
export async function openFromAddress(store: LabStore): Promise<void> {
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
    store.setState({
      notice: { kind: 'error', text: `${link.message} The lab opened with the default scenario.` },
    });
    history.replaceState(null, '', location.pathname + location.search);
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
