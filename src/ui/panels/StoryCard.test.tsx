// @vitest-environment jsdom
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHART_IDS, type ChartId, type ScenarioInput } from '../../core';
import { createTestLab } from '../../store/test-lab';
import { Charts } from '../Charts';
import { PacingProvider } from '../charts/pacing';
import { LabStoreProvider } from '../store-context';
import { StoryCard } from './StoryCard';

// Rendering a dozen recharts charts in jsdom takes a while.
vi.setConfig({ testTimeout: 60_000 });

const story = (charts: ChartId[]): ScenarioInput => ({
  seed: 31,
  meta: { title: 'Double charge', watch: 'Duplicate effects climb after 1:00.', charts },
  traffic: { keyedRatio: 0, duplicateRatio: 0.3 },
  // Every cure on: every chart of the page is drawn.
  relay: {
    budget: { variant: 'aws' },
    breaker: { trip: 'consecutive' },
    throttle: { enabled: true },
    hedge: { mode: 'fixed' },
  },
});

/** The story beside the live charts, on a fresh store, with a few seconds run. */
function renderStory(scenario: ScenarioInput) {
  const { store } = createTestLab(scenario);
  const view = render(
    <LabStoreProvider store={store}>
      <PacingProvider pacing="immediate">
        <StoryCard />
        <Charts />
      </PacingProvider>
    </LabStoreProvider>,
  );
  act(() => {
    for (let i = 0; i < 3; i++) store.getState().step();
  });
  return { store, view, user: userEvent.setup() };
}

const scrolled = vi.fn();
beforeEach(() => {
  Element.prototype.scrollIntoView = scrolled;
});
afterEach(() => scrolled.mockReset());

describe("a story's watch links", () => {
  it('draws every chart a story can name, and the duplicate effects as a chart over time', async () => {
    const { view } = renderStory(story(['duplicates']));
    const drawn = () =>
      [...view.container.querySelectorAll('figure[data-testid^="chart-"]')]
        .map((f) => f.getAttribute('data-testid')!.replace(/^chart-/, ''))
        .sort();
    // The charts below the first row, and the cures', load just after the page.
    await waitFor(() => expect(drawn()).toEqual([...CHART_IDS].sort()), { timeout: 20_000 });
    expect(screen.getByTestId('chart-duplicates-summary')).toHaveTextContent(
      /^Last second: \d+(\.\d)?\/s duplicate effects at the downstream, 0\/s answered from the idempotency store\.$/,
    );
  });

  it('scrolls to the chart it names, moves the focus to it and outlines it for a moment', async () => {
    const { user } = renderStory(story(['duplicates', 'latency']));
    // The duplicates chart loads just after the page.
    await screen.findByTestId('chart-duplicates', undefined, { timeout: 20_000 });
    const links = screen.getByRole('list', { name: 'Charts to watch' });
    expect(links).toHaveTextContent(
      'Show the chart “Duplicate effects and stored replays”Show the chart “Latency of 200 responses”',
    );
    await user.click(
      screen.getByRole('button', { name: 'Show the chart “Duplicate effects and stored replays”' }),
    );
    const chart = screen.getByTestId('chart-duplicates');
    expect(scrolled).toHaveBeenCalledTimes(1);
    expect(scrolled.mock.contexts[0]).toBe(chart);
    expect(chart).toHaveFocus();
    expect(chart).toHaveAttribute('data-highlight');
    expect(screen.getByTestId('chart-latency')).not.toHaveAttribute('data-highlight');
  });

  it('scrolls at once, without the smooth glide, for readers who asked for less motion', async () => {
    const matchMedia = window.matchMedia;
    window.matchMedia = ((query: string) => ({
      matches: query.includes('reduce'),
      media: query,
      addEventListener: () => {},
      removeEventListener: () => {},
    })) as unknown as typeof window.matchMedia;
    try {
      const { user } = renderStory(story(['latency']));
      await user.click(
        screen.getByRole('button', { name: 'Show the chart “Latency of 200 responses”' }),
      );
      expect(screen.getByTestId('chart-latency')).toHaveFocus();
      expect(scrolled).toHaveBeenCalledWith({ behavior: 'auto', block: 'center' });
    } finally {
      window.matchMedia = matchMedia;
    }
  });

  it("says why when the chart is a cure's that is off", async () => {
    const { user } = renderStory({ ...story(['budget']), relay: {} });
    await user.click(screen.getByRole('button', { name: 'Show the chart “Retry budget”' }));
    expect(scrolled).not.toHaveBeenCalled();
    expect(screen.getByRole('status')).toHaveTextContent(
      '“Retry budget” is drawn while its cure is on',
    );
  });

  it('draws no links for a story that names no chart', () => {
    renderStory({ seed: 1, meta: { title: 'Plain', watch: 'Something.' } });
    expect(screen.queryByRole('list', { name: 'Charts to watch' })).toBeNull();
  });
});
