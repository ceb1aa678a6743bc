// @vitest-environment jsdom
import { Blob as NodeBlob } from 'node:buffer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestLab } from '../store/test-lab';
import { keepAddressInSync, openFromAddress } from './address';

/** Opens the lab at `fragment`; its notice and the address afterwards. */
async function open(fragment: string) {
  const { store } = createTestLab();
  history.replaceState(null, '', `/lab/${fragment}`);
  await openFromAddress(store);
  return { store, notice: store.getState().notice?.text ?? null, hash: location.hash };
}

describe('issue 13.6: a guided scenario link that names none says so', () => {
  const none = (id: string) =>
    `This link names a guided scenario that does not exist: ${id}. The guided scenarios are in the menu at the top.`;
  it.each([
    ['#preset=%C3%A9', none('"é"')],
    ['#preset=javascript:alert(1)', none('"javascript:alert(1)"')],
    ['#preset=', 'This link names no guided scenario ("#preset=" with nothing after it).'],
    ['#preset=%E0%A4%A', none('"%E0%A4%A"')],
    ['#preset=steady', none('"steady"')],
    [`#preset=${'x'.repeat(100_000)}`, none(`"${'x'.repeat(36)}...`)],
  ])('%s', async (fragment, message) => {
    const { notice, hash, store } = await open(fragment);
    expect(notice).toBe(`${message} The lab opened with the default scenario.`);
    expect(hash).toBe('');
    expect(store.getState().preset).toBeNull();
  });

  it('opens a guided scenario that exists, percent-encoded or not', async () => {
    expect((await open('#preset=steady-flaky')).store.getState().preset?.id).toBe('steady-flaky');
    expect((await open('#preset=steady%2Dflaky')).store.getState().preset?.id).toBe('steady-flaky');
  });
});

describe('the address follows the run', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** Counts the links encoded (each deflates once), with Node's Blob: jsdom's cannot stream. */
  function countDeflations() {
    const count = { n: 0 };
    const Original = globalThis.CompressionStream;
    vi.stubGlobal('Blob', NodeBlob);
    vi.stubGlobal(
      'CompressionStream',
      class extends Original {
        constructor(format: CompressionFormat) {
          super(format);
          count.n++;
        }
      },
    );
    return count;
  }

  /** A timeline of `n` changes that compresses little: 20,000 make a link too long. */
  const timelineOf = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      atMs: i,
      set: { 'downstream.failureProbability': ((i * 7919) % 10_007) / 10_007 },
    }));

  it('drops the link of a run too large for one, and does not encode it again at each pause', async () => {
    const deflations = countDeflations();
    const { store } = createTestLab();
    history.replaceState(null, '', '/lab/');
    keepAddressInSync(store);
    const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 50 });

    store.getState().loadScenario({ seed: 7 });
    await waitFor(() => expect(location.hash).toMatch(/^#s=1\./));
    expect(store.getState().loadScenario({ timeline: timelineOf(20_000) })).toBe(true);
    await waitFor(() => expect(location.hash).toBe(''));
    const encoded = deflations.n;

    // Paused at another time: the same scenario, comparison and sweep are not encoded again.
    store.setState({ nowMs: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(deflations.n).toBe(encoded);
    expect(location.hash).toBe('');

    // Another comparison is encoded again (once: the pause above was not), and is still too large.
    store.setState({ compare: { ...store.getState().compare } });
    await waitFor(() => expect(deflations.n).toBeGreaterThan(encoded));
    expect(deflations.n).toBe(encoded + 1);
    expect(location.hash).toBe('');

    // A scenario that fits has its link again.
    store.getState().loadScenario({ seed: 8 });
    await waitFor(() => expect(location.hash).toMatch(/^#s=1\./));
  }, 30_000);
});
