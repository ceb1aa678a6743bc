// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ScenarioInput } from '../../core';
import { createTestLab } from '../../store/test-lab';
import { LabStoreProvider } from '../store-context';
import { SweepPanel } from './SweepPanel';

vi.setConfig({ testTimeout: 30_000 });

function renderPanel(scenario: ScenarioInput = {}) {
  const { store } = createTestLab({
    seed: 3,
    durationMs: 5000,
    traffic: { ratePerSec: 60 },
    downstream: { latency: { meanMs: 40 }, servers: 8 },
    ...scenario,
  });
  render(
    <LabStoreProvider store={store}>
      <SweepPanel />
    </LabStoreProvider>,
  );
  return { store, user: userEvent.setup() };
}

describe('the sweep of two settings', () => {
  it('draws a heatmap whose cells are read by keyboard and hover, with a table and the outcome chosen', async () => {
    const { store, user } = renderPanel();
    await user.click(screen.getByRole('radio', { name: 'Two settings (heatmap)' }));
    expect(store.getState().sweep.y?.path).toBe('relay.queueCapacity');
    act(() =>
      store.getState().setSweep({
        from: 1,
        to: 4,
        steps: 4,
        y: { path: 'relay.queueCapacity', from: 0, to: 20, steps: 3 },
      }),
    );
    expect(screen.getByTestId('sweep-values')).toHaveTextContent('4 × 3 = 12 runs');
    await user.click(screen.getByRole('button', { name: 'Run sweep' }));
    const grid = screen.getByRole('grid', { name: /Clients served/ });
    const cells = within(grid).getAllByRole('gridcell');
    expect(cells).toHaveLength(12);
    // One tab stop: the first cell; its top row is the largest queue.
    expect(cells.filter((c) => c.tabIndex === 0)).toEqual([cells[0]]);
    const { lines } = store.getState().sweepRun.result!;
    const served = (y: number, x: number) => lines[y]!.rows[x]!.summary!.clients.served;
    expect(cells[0]).toHaveAccessibleName(
      `Workers 1, Queue capacity 20 requests: Clients served (a 200 in time) ${(served(2, 0) * 100).toFixed(1)}%`,
    );
    act(() => cells[0]!.focus());
    await user.keyboard('{ArrowRight}{ArrowDown}');
    expect(cells[5]).toHaveFocus();
    expect(cells[5]!.tabIndex).toBe(0);
    expect(screen.getByTestId('heatmap-readout')).toHaveTextContent(
      `Workers 2, Queue capacity 10 requests: Clients served (a 200 in time) ${(served(1, 1) * 100).toFixed(1)}%`,
    );
    await user.keyboard('{End}{PageDown}');
    expect(cells[11]).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowRight}'); // at the corner: stays
    expect(cells[11]).toHaveFocus();
    fireEvent.mouseEnter(cells[3]!);
    expect(screen.getByTestId('heatmap-readout')).toHaveTextContent(
      /^Workers 4, Queue capacity 20 requests/,
    );
    // Another outcome: the cells' names and the legend follow.
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Outcome shown' }),
      'amplification',
    );
    expect(cells[0]!.getAttribute('aria-label')).toMatch(
      /: Amplification \(calls per request\) \d\.\d\d×$/,
    );
    expect(screen.getByTestId('heatmap-legend')).toHaveTextContent('lower is better');
    await user.click(screen.getByRole('button', { name: 'Show table' }));
    const table = screen.getByTestId('sweep-table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toHaveTextContent(
      `0 requests${lines[0]!.rows.map((r) => `${r.summary!.amplification.toFixed(2)}×`).join('')}`,
    );
  });
});

describe('the sweep of one setting', () => {
  it('has no latency where no request got a 200, and says where success is highest', async () => {
    const { store, user } = renderPanel({ relay: { retry: { maxRetries: 0 } } });
    act(() =>
      store.getState().setSweep({
        path: 'downstream.failureProbability',
        from: 0,
        to: 1,
        steps: 3,
        series: undefined,
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Run sweep' }));
    const rows = store.getState().sweepRun.result!.lines[0]!.rows;
    expect(rows[2]!.summary!.latencyMs.p99).toBe(0);
    expect(screen.getByTestId('sweep-latency-summary')).toHaveTextContent(/; 100%: no 200s$/);
    expect(screen.getByTestId('sweep-outcomes-summary')).toHaveTextContent(
      /^Highest success 100\.0% at 0%\. /,
    );
    await user.click(screen.getByRole('button', { name: 'Show table' }));
    const table = screen.getByTestId('sweep-table');
    const header = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    const last = within(table).getAllByRole('row').at(-1)!;
    const cells = [within(last).getByRole('rowheader'), ...within(last).getAllByRole('cell')].map(
      (c) => c.textContent,
    );
    expect(cells[0]).toBe('100%');
    expect(cells[header.indexOf('Latency p99')]).toBe('no 200s');
    expect(cells[header.indexOf('Clients served (a 200 in time)')]).toBe('0.0%');
  });
});

describe('the sweep with series', () => {
  it("runs Brooker's retry strategies against the failure rate: a line per series, named in a legend", async () => {
    // No pool and no capacity limit downstream: every request is served, every attempt a call.
    const { store, user } = renderPanel({
      durationMs: 10_000,
      downstream: { latency: { meanMs: 40 } },
      relay: { workers: 'unbounded' },
    });
    await user.click(
      screen.getByRole('button', { name: /Retry strategies against the failure rate/ }),
    );
    expect(screen.getByTestId('sweep-values')).toHaveTextContent('4 series × 11 values = 44 runs');
    expect(screen.getByRole('textbox', { name: 'Series 3 label' })).toHaveValue(
      'adaptive token bucket',
    );
    await user.click(screen.getByRole('button', { name: 'Run sweep' }));
    expect(store.getState().notice).toBeNull();
    const legend = screen.getAllByRole('list', { name: 'Series' }).at(-1)!;
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['no retries', '3 retries', 'adaptive token bucket', 'breaker on retries']);
    const figure = screen.getByTestId('sweep-amplification');
    // One line per series, each point marked.
    expect(figure.querySelectorAll('.recharts-line')).toHaveLength(4);
    expect(
      figure.querySelectorAll('.recharts-line-dots .recharts-symbols').length,
    ).toBeGreaterThanOrEqual(40);
    const { lines } = store.getState().sweepRun.result!;
    const at100 = lines.map((l) => l.rows.at(-1)!.summary!.amplification);
    // At 100% failures: one call without retries, four with three, far fewer with the bucket.
    expect(at100[0]).toBeCloseTo(1, 2);
    expect(at100[1]).toBeGreaterThan(3.9); // 4 but for the requests still in flight at the end
    expect(at100[2]).toBeLessThan(2);
    expect(screen.getByTestId('sweep-amplification-summary')).toHaveTextContent(
      `no retries: 1.00× at 0% to 1.00× at 100%; 3 retries: 1.00× at 0% to ${at100[1]!.toFixed(2)}× at 100%`,
    );
  });

  it('edits a series: its label, a setting held, a setting removed, the series removed', async () => {
    const { store, user } = renderPanel();
    await user.click(screen.getByRole('button', { name: 'Add series' }));
    await user.clear(screen.getByRole('textbox', { name: 'Series 1 label' }));
    await user.type(screen.getByRole('textbox', { name: 'Series 1 label' }), 'fast');
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Setting to hold' }),
      'relay.retry.jitter',
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Value of Jitter' }), 'none');
    await user.click(screen.getByRole('button', { name: 'Hold it' }));
    expect(store.getState().sweep.series).toEqual([
      { label: 'fast', set: { 'relay.retry.jitter': 'none' } },
    ]);
    await user.click(screen.getByRole('button', { name: 'Remove Jitter from fast' }));
    expect(store.getState().sweep.series).toEqual([{ label: 'fast', set: {} }]);
    await user.click(screen.getByRole('button', { name: 'Remove series fast' }));
    expect(store.getState().sweep.series).toBeUndefined();
  });
});
