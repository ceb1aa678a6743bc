// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ScenarioInput } from '../../core';
import { createTestLab } from '../../store/test-lab';
import { PacingProvider } from '../charts/pacing';
import { LabStoreProvider } from '../store-context';
import { ComparePanel } from './ComparePanel';

// The result draws recharts charts, slow in jsdom on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

function renderPanel(scenario: ScenarioInput) {
  const { store } = createTestLab(scenario);
  render(
    <LabStoreProvider store={store}>
      <PacingProvider pacing="immediate">
        <ComparePanel />
      </PacingProvider>
    </LabStoreProvider>,
  );
  return { store, user: userEvent.setup() };
}

const run = () => screen.getByRole('button', { name: 'Run comparison' });

describe('the Compare panel', () => {
  it('holds Run while B equals A and says why; a quick pick relative to A frees it', async () => {
    // The default B (full jitter) is A's own jitter here.
    const { user } = renderPanel({ seed: 2, durationMs: 6000, relay: { workers: 8 } });
    expect(run()).toBeDisabled();
    expect(run()).toHaveAccessibleDescription('B is the same as A: change a setting of B.');
    const picks = within(screen.getByRole('group', { name: /Quick picks for B/ }));
    expect(picks.queryByRole('button', { name: 'B: full jitter' })).toBeNull();
    await user.click(picks.getByRole('button', { name: 'B: twice the workers (16)' }));
    expect(picks.getByRole('button', { name: 'B: twice the workers (16)' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(run()).toBeEnabled();
    expect(screen.queryByText('B is the same as A: change a setting of B.')).toBeNull();
  });

  it('heads the table with the settings that differ, and takes a run length in minutes', async () => {
    const { user, store } = renderPanel({ seed: 2, durationMs: 6000, relay: { workers: 8 } });
    await user.click(screen.getByRole('button', { name: 'B: no jitter' }));
    await user.click(screen.getByRole('button', { name: 'B: twice the workers (16)' }));
    const minutes = screen.getByRole('spinbutton', { name: 'Run length' });
    expect(minutes).toHaveValue(0.1);
    await user.clear(minutes);
    await user.type(minutes, '50000');
    expect(minutes).toHaveAccessibleDescription(
      'The run length must be from 0.1 to 43,200 minutes (30 days), got 50000.',
    );
    expect(run()).toBeDisabled();
    await user.clear(minutes);
    await user.type(minutes, '0.2');
    expect(run()).toBeEnabled();
    expect(store.getState().compare.durationMs).toBe(12_000);
    await user.click(run());
    const table = await screen.findByTestId('compare-table');
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual([
      'Metric',
      'A: jitter full, 8 workers',
      'B: jitter none, 16 workers',
      'B − A',
    ]);
    expect(screen.getByTestId('same-traffic')).toHaveTextContent('sent by clients over 12 s,');
  });
});
