// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../core';
import { createTestLab } from '../../store/test-lab';
import { LabStoreProvider } from '../store-context';
import { RedSummary } from './RedSummary';

/** The RED summary on a fresh store, after `seconds` of virtual time. */
function renderRed(scenario: ScenarioInput, seconds: number) {
  const store = createTestLab(scenario).store;
  render(
    <LabStoreProvider store={store}>
      <RedSummary />
    </LabStoreProvider>,
  );
  act(() => {
    for (let i = 0; i < seconds; i++) store.getState().step();
  });
}

describe('the RED summary', () => {
  it('shows latency percentiles of the 200s of the last 10 s', () => {
    renderRed({ seed: 5 }, 3);
    expect(screen.getByTestId('red-p50')).toHaveTextContent(/^\d+ ms$/);
    expect(screen.getByTestId('red-p99')).toHaveTextContent(/^\d+ ms$/);
  });

  it('shows no latency, and says why, when no request succeeded in the last 10 s', () => {
    renderRed({ seed: 5, downstream: { outage: true } }, 3);
    expect(screen.getByTestId('red-errors')).toHaveTextContent('100%');
    expect(screen.getByTestId('red-p50')).toHaveTextContent('–');
    expect(screen.getByTestId('red-p99')).toHaveTextContent('–');
    expect(screen.getAllByText('no successful responses in the last 10 s')).toHaveLength(2);
  });
});
