/**
 * The page's address and the lab's state: a link (`#s=…`) or a guided scenario (`#preset=…`)
 * opens on load; afterwards the address follows the run, so it can be bookmarked or copied.
 */

import { describeValue } from '../core';
import type { LabStore } from '../store/lab-store';
import {
  decodeLink,
  encodeLink,
  LINK_VERSION,
  type LinkReader,
  type LinkState,
  MIGRATIONS,
} from './link';
import { findGuided } from './presets';

/** The fragment of the run's link, or none when the run is too large for a link. */
async function currentFragment(store: LabStore): Promise<string> {
  const link = await encodeLink(store.getState().linkState());
  return link.ok ? link.fragment : '';
}

/**
 * Why `#preset=<raw>` opens nothing, or null when it names a guided scenario. Any other text
 * after `#preset=` says so (issue 13.6), instead of opening the defaults without a word.
 */
function presetProblem(raw: string): string | null {
  let id = raw;
  try {
    id = decodeURIComponent(raw);
  } catch {
    // Not percent-encoded as a URL should be: name it as written.
  }
  if (id === '') return 'This link names no guided scenario ("#preset=" with nothing after it).';
  if (findGuided(id) !== undefined) return null;
  return `This link names a guided scenario that does not exist: ${describeValue(id)}. The guided scenarios are in the menu at the top.`;
}

/**
 * Opens what the address names. A bad link says why and changes nothing: on `start` the lab
 * keeps its defaults; on a `change` (a link pasted into an open lab) it keeps its current run,
 * and the address goes back to that run's link. `read` reads a link's data (the page's parse
 * worker; by default on this thread).
 */
export async function openFromAddress(
  store: LabStore,
  when: 'start' | 'change' = 'start',
  read?: LinkReader,
): Promise<void> {
  const fragment = location.hash;
  const refuse = async (message: string) => {
    const kept =
      when === 'start'
        ? 'The lab opened with the default scenario.'
        : 'The lab kept its current run.';
    store.setState({ notice: { kind: 'error', text: `${message} ${kept}` } });
    const address = when === 'start' ? '' : await currentFragment(store);
    history.replaceState(null, '', location.pathname + location.search + address);
  };
  const preset = /^#preset=(.*)$/s.exec(fragment);
  if (preset !== null) {
    const problem = presetProblem(preset[1]!);
    if (problem !== null) await refuse(problem);
    else await store.getState().loadPreset(decodeURIComponent(preset[1]!));
    return;
  }
  const link = await decodeLink(fragment, MIGRATIONS, LINK_VERSION, read);
  if (link.ok === true) store.getState().openLink(link.state);
  else if (link.ok === false) await refuse(link.message);
}

/**
 * Rewrites the address (without a history entry) when the scenario, mode, comparison or sweep
 * changes, and when the run pauses (with its time, so the link opens at that moment). A run too
 * large for a link leaves the address without one (Share link says why).
 */
export function keepAddressInSync(store: LabStore): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let written = location.hash;
  // The last state found too large for a link: while its scenario, comparison and sweep stay the
  // same, it is not encoded again (with 20,000 to 100,000 timeline entries, encoding costs
  // 0.15–0.4 s of the main thread in Node, at every pause). Its time and mode add a few dozen
  // bytes at most: a run within those of the limit may go without a link in the address; Share
  // link, which always encodes, still makes it.
  let tooLarge: Pick<LinkState, 'scenario' | 'compare' | 'sweep'> | null = null;
  store.subscribe((state, previous) => {
    const changed =
      state.scenario !== previous.scenario ||
      state.mode !== previous.mode ||
      state.compare !== previous.compare ||
      state.sweep !== previous.sweep ||
      (!state.running &&
        state.nowMs !== previous.nowMs &&
        state.fastForwardProgress === null &&
        state.stepProgress === null);
    if (!changed) return;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const { scenario, compare, sweep } = store.getState();
      const same =
        tooLarge !== null &&
        tooLarge.scenario === scenario &&
        tooLarge.compare === compare &&
        tooLarge.sweep === sweep;
      const fragment = same ? '' : await currentFragment(store);
      tooLarge = fragment === '' ? { scenario, compare, sweep } : null;
      if (fragment !== written) {
        written = fragment;
        history.replaceState(null, '', location.pathname + location.search + fragment);
      }
    }, 400);
  });
}
