// @vitest-environment jsdom
import { act, render, renderHook, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScenarioInput } from '../../core';
import { createTestLab } from '../../store/test-lab';
import { SettingsSection } from '../controls/SettingsSection';
import { LabStoreProvider } from '../store-context';
import { FlowDiagram } from './FlowDiagram';
import { useThrottled } from './useThrottled';

/** The diagram on a fresh store, beside the controls and two charts it leads to. */
function renderDiagram(scenario: ScenarioInput = { seed: 5 }, around?: ReactNode) {
  const { store } = createTestLab(scenario);
  const view = render(
    <LabStoreProvider store={store}>
      <FlowDiagram />
      {around ?? (
        <aside aria-label="Controls">
          <SettingsSection group="traffic" />
          <SettingsSection group="downstream" />
          <SettingsSection group="breaker" folding />
        </aside>
      )}
      <figure data-testid="chart-downstream">Downstream chart</figure>
      <figure data-testid="chart-breaker">Breaker chart</figure>
    </LabStoreProvider>,
  );
  const step = (seconds: number) =>
    act(() => {
      for (let i = 0; i < seconds; i++) store.getState().step();
    });
  return { store, view, step, user: userEvent.setup() };
}

/** A part's button, by its title (the numbers follow it in the name). */
const part = (title: string) => screen.getByRole('button', { name: new RegExp(`^${title}: `) });

const scrolled = vi.fn();
beforeEach(() => {
  Element.prototype.scrollIntoView = scrolled;
  Element.prototype.scrollBy = vi.fn();
});
afterEach(() => scrolled.mockReset());

describe('the flow diagram', () => {
  it('names each part with its live numbers, once the run has some', async () => {
    const { step } = renderDiagram();
    expect(part('Clients')).toHaveAccessibleName(/^Clients: sending 0\/s/);
    step(3);
    expect(
      await screen.findByRole('button', {
        name: /^Clients: sending [1-9]\d*(\.\d)?\/s, no resends$/,
      }),
    ).toBeInTheDocument();
    expect(part('Workers')).toHaveAccessibleName(/^Workers: \d+(\.\d)? of 8 busy, retries/);
    expect(part('Queue')).toHaveAccessibleName(/^Queue: .* of 100 waiting, FIFO, 429 queue full/);
    expect(part('Downstream')).toHaveAccessibleName(
      /^Downstream: calls \d+\/s, .* \(unbounded\) servers busy, .* failed or timed out$/,
    );
    expect(part('Dead letters')).toHaveAccessibleName(/of 1,000 held/);
    expect(part('Leaving the relay')).toHaveAccessibleName(/200 ok \d+(\.\d)?% \(\d+\/s\)/);
    // The cures are off: none of them is drawn.
    for (const cure of ['Throttling', 'Circuit breaker', 'Retry budget']) {
      expect(screen.queryByRole('button', { name: new RegExp(`^${cure}: `) })).toBeNull();
    }
  });

  it('shows each cure while it is on, with its gauge', async () => {
    const { step } = renderDiagram({
      seed: 5,
      relay: {
        budget: { variant: 'aws' },
        breaker: { trip: 'consecutive' },
        throttle: { enabled: true },
      },
    });
    step(2);
    expect(
      await screen.findByRole('button', { name: /^Circuit breaker: (closed|half-open|open), / }),
    ).toBeInTheDocument();
    expect(part('Retry budget')).toHaveAccessibleName(/^Retry budget: [\d,]+ of 500 left/);
    expect(part('Throttling')).toHaveAccessibleName(/^Throttling: refusing [\d.]+% of calls/);
  });

  it('has a text alternative: a table of the same numbers', async () => {
    const { step } = renderDiagram();
    step(3);
    await screen.findByRole('button', { name: /^Clients: sending [1-9]/ });
    const table = await screen.findByRole('table', {
      name: /numbers, per second over the last 3 s/,
    });
    const row = within(table).getByRole('row', { name: /^Downstream/ });
    const name = part('Downstream').getAttribute('aria-label')!;
    expect(within(row).getByRole('cell')).toHaveTextContent(name.replace(/^Downstream: /, ''));
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 7);
  });

  it('brings a part’s controls into view and moves the focus there', async () => {
    const { user } = renderDiagram();
    await user.click(part('Downstream'));
    const group = screen.getByRole('group', { name: 'Downstream' });
    expect(scrolled).toHaveBeenCalledOnce();
    expect(scrolled.mock.contexts[0]).toBe(group);
    expect(group).toHaveFocus();
  });

  it('opens a folded group of controls it leads to, from the keyboard too', async () => {
    const { user, step } = renderDiagram({ seed: 5, relay: { breaker: { trip: 'consecutive' } } });
    step(1);
    const details = document.getElementById('controls-breaker') as HTMLDetailsElement;
    details.open = false;
    part('Circuit breaker').focus();
    await user.keyboard('{Enter}');
    expect(details.open).toBe(true);
    expect(details.querySelector('summary')).toHaveFocus();
    expect(details.querySelector('summary')).toHaveTextContent(/^▸Circuit breaker/);
  });

  it('scrolls the controls column and the page both where the controls stay in view', async () => {
    const { user } = renderDiagram(
      { seed: 5 },
      <div style={{ position: 'sticky' }}>
        <aside aria-label="Controls" style={{ overflowY: 'auto' }}>
          <SettingsSection group="downstream" />
        </aside>
      </div>,
    );
    await user.click(part('Downstream'));
    const column = screen.getByRole('complementary', { name: 'Controls' });
    expect(column.scrollBy).toHaveBeenCalledOnce();
    expect(scrolled.mock.contexts).toEqual([screen.getByTestId('chart-downstream')]);
    expect(screen.getByRole('group', { name: 'Downstream' })).toHaveFocus();
  });
});

describe('useThrottled', () => {
  afterEach(() => vi.useRealTimers());

  it('passes a change on at once, then at most once per interval, the newest value', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    vi.advanceTimersByTime(5000);
    const { result, rerender } = renderHook(({ value }) => useThrottled(value, 1000), {
      initialProps: { value: 1 },
    });
    rerender({ value: 2 });
    expect(result.current).toBe(2);
    act(() => vi.advanceTimersByTime(300));
    rerender({ value: 3 });
    rerender({ value: 4 });
    expect(result.current).toBe(2);
    act(() => vi.advanceTimersByTime(699));
    expect(result.current).toBe(2);
    act(() => vi.advanceTimersByTime(1));
    expect(result.current).toBe(4);
  });
});
