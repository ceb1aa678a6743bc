// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createTestLab } from '../store/test-lab';
import { openFromAddress } from './address';

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
