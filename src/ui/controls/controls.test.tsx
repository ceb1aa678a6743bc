// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createTestLab } from '../../store/test-lab';
import { parseWithUnit } from '../format';
import { LabStoreProvider } from '../store-context';
import { SettingsSection } from './SettingsSection';
import { arrowed, arrowStep } from './Slider';

function renderRelay() {
  const { store } = createTestLab();
  render(
    <LabStoreProvider store={store}>
      <SettingsSection group="relay" />
      <SettingsSection group="traffic" />
    </LabStoreProvider>,
  );
  return { store, user: userEvent.setup() };
}

describe('log sliders and typed values', () => {
  it('steps by one at small values and by a round hundredth at large ones', () => {
    expect(arrowStep(8, 1)).toBe(1);
    expect(arrowStep(250, 1)).toBe(2);
    expect(arrowStep(86_400_000, 1)).toBe(500_000);
    expect(arrowStep(0.02, 0.001)).toBe(0.001);
    expect(arrowed(8, -1, 1, 200, 1)).toBe(7);
    expect(arrowed(1, -1, 1, 200, 1)).toBe(1);
    expect(arrowed(200, 1, 1, 200, 1)).toBe(200);
    expect(arrowed(1003, 1, 0, 5000, 1)).toBe(1010);
    // Down from a round value does not skip the value below: 100 → 99, not 98.
    expect(arrowed(100, -1, 0, 5000, 1)).toBe(99);
  });

  it('moves a log slider by one step per arrow key, both ways', () => {
    const { store } = renderRelay();
    const workers = screen.getByRole('slider', { name: 'Workers' });
    expect(store.getState().config.relay.workers).toBe(8);
    for (let i = 0; i < 3; i++) fireEvent.keyDown(workers, { key: 'ArrowLeft' });
    expect(store.getState().config.relay.workers).toBe(5);
    fireEvent.keyDown(workers, { key: 'ArrowUp' });
    expect(store.getState().config.relay.workers).toBe(6);
    expect(workers).toHaveAttribute('aria-valuetext', '6 workers');
  });

  it('takes a typed value in the unit shown, and says what it expected when it cannot read one', async () => {
    const { store, user } = renderRelay();
    const workers = screen.getByRole('textbox', { name: 'Workers: type a value' });
    await user.clear(workers);
    await user.type(workers, '12{Enter}');
    expect(store.getState().config.relay.workers).toBe(12);
    const timeout = screen.getByRole('textbox', { name: 'Attempt timeout: type a value' });
    await user.clear(timeout);
    await user.type(timeout, '1.5 s{Enter}');
    expect(store.getState().config.relay.retry.attemptTimeoutMs).toBe(1500);
    await user.clear(workers);
    await user.type(workers, 'many{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Expected a number of workers, got "many".',
    );
    expect(store.getState().config.relay.workers).toBe(12);
    // A word the setting knows instead of a number.
    await user.clear(workers);
    await user.type(workers, 'unbounded{Enter}');
    expect(store.getState().config.relay.workers).toBe('unbounded');
  });

  it('reads values as the page writes them', () => {
    expect(parseWithUnit('2 min', 'ms')).toBe(120_000);
    expect(parseWithUnit('250', 'ms')).toBe(250);
    expect(parseWithUnit('35%', '%')).toBe(0.35);
    expect(parseWithUnit('7', '%')).toBe(0.07);
    expect(parseWithUnit('1,200/s', 'req/s')).toBe(1200);
    expect(parseWithUnit('1 worker', 'workers')).toBe(1);
    expect(parseWithUnit('3 hours', 'ms')).toEqual({
      error: 'Expected a duration such as 250, 250 ms, 1.5 s or 2 min, got "3 hours".',
    });
  });
});
