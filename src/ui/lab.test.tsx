// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ScenarioInput } from '../core';
import { GROUPS, type GroupId, isShown, SETTABLE_PATHS, settingOf } from '../store/settings';
import { createTestLab } from '../store/test-lab';
import { App } from './App';
import { PacingProvider } from './charts/pacing';
import { SettingsSection } from './controls/SettingsSection';
import { LabStoreProvider } from './store-context';

// Rendering a dozen recharts charts in jsdom takes a while per step (seconds on a busy machine).
vi.setConfig({ testTimeout: 60_000 });

/** A fresh store on an in-thread engine, and the rendered lab. */
function renderLab(scenario: ScenarioInput = { seed: 5 }) {
  const { store, host } = createTestLab(scenario);
  const view = render(
    <LabStoreProvider store={store}>
      <PacingProvider pacing="immediate">
        <App />
      </PacingProvider>
    </LabStoreProvider>,
  );
  return { host, store, view, user: userEvent.setup() };
}

describe('the start', () => {
  it('staged: the run bar first, then the controls, the charts and the panels, a frame each', async () => {
    const { store } = createTestLab({ seed: 5 });
    render(
      <LabStoreProvider store={store}>
        <App staged />
      </LabStoreProvider>,
    );
    // The first commit: the run bar, not yet the controls or the charts.
    expect(screen.getByRole('button', { name: /Play/ })).toBeInTheDocument();
    expect(screen.queryByRole('complementary', { name: 'Controls' })).toBeNull();
    expect(screen.queryByRole('heading', { name: /^Charts/ })).toBeNull();
    // Then each in a frame of its own (jsdom renders a dozen charts slowly on a busy machine).
    const later = { timeout: 30_000 };
    expect(
      await screen.findByRole('complementary', { name: 'Controls' }, later),
    ).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: /^Charts/ }, later)).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { name: /Dead-letter queue/ }, later),
    ).toBeInTheDocument();
  });
});

describe('controls and the store', () => {
  it('draws a named control for every setting of the registry where it applies, with its hint', () => {
    // Some show only where they apply: p99 for a lognormal latency, the downstream's queue for
    // finite servers, a budget's settings for its variant… Each scenario below shows some; all
    // of them together show every setting.
    const base: ScenarioInput = {
      downstream: { latency: { distribution: 'lognormal', meanMs: 50 }, servers: 10 },
      clients: { retryShare: 0.5 },
    };
    const relay = (r: object): ScenarioInput => ({ ...base, relay: r });
    const scenarios: ScenarioInput[] = [
      base,
      ...['aws', 'grpc', 'envoy', 'finagle', 'adaptive'].map((variant) =>
        relay({ budget: { variant } }),
      ),
      relay({ breaker: { trip: 'consecutive' }, hedge: { mode: 'fixed' }, retryAfter: 'fixed' }),
      relay({ breaker: { trip: 'rate', window: 'time' }, hedge: { mode: 'percentile' } }),
      relay({ breaker: { trip: 'rate' }, throttle: { enabled: true }, queueDiscipline: 'codel' }),
      relay({ queueDiscipline: 'adaptiveLifo' }),
      { ...base, downstream: { ...base.downstream, retryAfter: 'fixed' } },
    ];
    const roles = { number: 'slider', choice: 'combobox', switch: 'switch' } as const;
    const seen = new Set<string>();
    for (const scenario of scenarios) {
      const { store } = createTestLab(scenario);
      const view = render(
        <LabStoreProvider store={store}>
          {(Object.keys(GROUPS) as GroupId[]).map((group) => (
            <div key={group} data-testid={group}>
              <SettingsSection group={group} folding={group !== 'traffic'} />
            </div>
          ))}
        </LabStoreProvider>,
      );
      const config = store.getState().config;
      for (const path of SETTABLE_PATHS) {
        const setting = settingOf(path);
        // By label, then by role: much faster in jsdom than by role and name.
        // (A cure's group is titled as its main switch is: the group is not the control.)
        const found = within(screen.getByTestId(setting.group))
          .queryAllByLabelText(setting.label)
          .filter((element) => element.tagName !== 'FIELDSET');
        for (const control of found) expect(control).toHaveRole(roles[setting.type]);
        expect({ path, drawn: found.length }).toEqual({
          path,
          drawn: isShown(path, config) ? 1 : 0,
        });
        if (found[0] !== undefined) {
          expect(found[0]).toHaveAccessibleDescription(setting.hint);
          seen.add(path);
        }
      }
      view.unmount();
    }
    expect(SETTABLE_PATHS.filter((path) => !seen.has(path))).toEqual([]);
  });

  it('moves the store and the engine when a slider moves, and labels the value with its unit', () => {
    const { store } = renderLab();
    const slider = screen.getByRole('slider', { name: 'Failure rate' });
    fireEvent.change(slider, { target: { value: '0.35' } });
    expect(store.getState().config.downstream.failureProbability).toBe(0.35);
    expect(slider).toHaveAttribute('aria-valuetext', '35%');
    // Before anything ran, a change edits the run's starting point.
    expect(store.getState().scenario.downstream.failureProbability).toBe(0.35);
    expect(store.getState().scenario.timeline).toEqual([]);
  });

  it('records a change made during a run in the timeline, at the current virtual time', async () => {
    const { store, user } = renderLab();
    await user.click(screen.getByRole('button', { name: 'Step 1 s' }));
    await user.click(screen.getByRole('button', { name: 'Step 1 s' }));
    expect(store.getState().nowMs).toBe(2000);
    await user.click(screen.getByRole('switch', { name: 'Outage' }));
    expect(store.getState().config.downstream.outage).toBe(true);
    expect(store.getState().scenario.timeline).toEqual([
      { atMs: 2000, set: { 'downstream.outage': true } },
    ]);
    expect(store.getState().scenario.downstream.outage).toBe(false);
    expect(screen.getByText(/1 of yours · Reset replays it/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'apply yours from 0:00' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Forget your recorded changes' }));
    expect(store.getState().scenario.timeline).toEqual([]);
    expect(screen.queryByText(/of yours/)).toBeNull();
  });

  it('maps log sliders both ways and sends selects and switches to the store', async () => {
    const { store, user } = renderLab();
    const rate = screen.getByRole('slider', { name: 'Request rate' });
    expect(rate).toHaveAttribute('aria-valuetext', '50/s');
    fireEvent.change(rate, { target: { value: '1000' } });
    expect(store.getState().config.traffic.ratePerSec).toBe(5000);
    fireEvent.change(rate, { target: { value: '0' } });
    expect(store.getState().config.traffic.ratePerSec).toBe(0);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Jitter' }), 'none');
    expect(store.getState().config.relay.retry.jitter).toBe('none');
    await user.click(screen.getByRole('switch', { name: 'No worker pool' }));
    expect(store.getState().config.relay.workers).toBe('unbounded');
    expect(screen.getByRole('slider', { name: 'Workers' })).toBeDisabled();
  });

  it('keeps a lognormal p99 valid when the mean moves', async () => {
    const { store, user } = renderLab({
      downstream: { latency: { distribution: 'lognormal', meanMs: 50, p99Ms: 200 } },
    });
    const mean = screen.getByRole('slider', { name: 'Mean latency' });
    fireEvent.change(mean, { target: { value: '0' } });
    const latency = store.getState().config.downstream.latency;
    expect(latency.meanMs).toBe(1);
    expect(latency.p99Ms).toBe(4);
    expect(screen.getByRole('slider', { name: 'p99 latency' })).toHaveAttribute(
      'aria-valuetext',
      '4 ms',
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Latency distribution' }),
      'constant',
    );
    expect(screen.queryByRole('slider', { name: 'p99 latency' })).toBeNull();
  });

  it('shows a clear message for an invalid seed and keeps the run', async () => {
    const { store, user } = renderLab();
    const seed = screen.getByRole('textbox', { name: /Seed/ });
    await user.clear(seed);
    await user.type(seed, '-4{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The seed must be a whole number from 0 to 4294967295, got -4.',
    );
    expect(store.getState().scenario.seed).toBe(5);
    expect(seed).toHaveValue('5');
    await user.click(screen.getByRole('button', { name: 'Dismiss message' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('the run', () => {
  it('steps virtual time, draws charts and fills the summary', async () => {
    const { user } = renderLab();
    for (let i = 0; i < 5; i++) await user.click(screen.getByRole('button', { name: 'Step 1 s' }));
    expect(screen.getByTestId('clock')).toHaveTextContent('0:00:05.0');
    const throughput = screen.getByTestId('chart-throughput');
    expect(throughput.querySelector('svg .recharts-area')).not.toBeNull();
    expect(screen.getByTestId('chart-throughput-summary')).toHaveTextContent(
      /Last second: 200 ok \d+/,
    );
    expect(Number(screen.getByTestId('total-requests').textContent)).toBeGreaterThan(150);
  });

  it('plays with wall time × speed and pauses', async () => {
    const { host, store, user } = renderLab();
    await user.click(screen.getByRole('radio', { name: '10 times real time' }));
    await user.click(screen.getByRole('button', { name: /Play/ }));
    act(() => {
      for (let i = 0; i < 10; i++) host.tick(50);
    });
    expect(store.getState().nowMs).toBe(5000);
    await user.click(screen.getByRole('button', { name: /Pause/ }));
    act(() => host.tick(1000));
    expect(store.getState().nowMs).toBe(5000);
  });

  it('fills the dead-letter queue in an outage, inspects an entry and replays all after recovery', async () => {
    const { store, user } = renderLab({
      seed: 2,
      downstream: { failureProbability: 0 },
      relay: { queueCapacity: 1000, retry: { maxRetries: 1, baseDelayMs: 10 } },
    });
    await user.click(screen.getByRole('button', { name: 'Step 1 s' }));
    await user.click(screen.getByRole('switch', { name: 'Outage' }));
    for (let i = 0; i < 3; i++) await user.click(screen.getByRole('button', { name: 'Step 1 s' }));
    const held = store.getState().summary!.deadLetters.size;
    expect(held).toBeGreaterThan(50);
    expect(screen.getByRole('heading', { name: /Dead-letter queue/ })).toHaveTextContent(
      'newest 50 shown',
    );
    const table = screen.getByTestId('dlq-table');
    const firstRow = within(table).getAllByRole('row')[1]!;
    await user.click(within(firstRow).getByRole('button', { name: /Inspect/ }));
    expect(screen.getByText(/attempt history/)).toBeInTheDocument();
    expect(store.getState().inspected?.attempts).toHaveLength(2);
    await user.click(screen.getByRole('switch', { name: 'Outage' }));
    // Let the attempts that started during the outage finish (and dead-letter) first.
    await user.click(screen.getByRole('button', { name: 'Step 1 s' }));
    const okBefore = store.getState().summary!.outcomes.ok;
    const heldAfterRecovery = store.getState().summary!.deadLetters.size;
    expect(heldAfterRecovery).toBeGreaterThanOrEqual(held);
    await user.click(screen.getByRole('button', { name: 'Replay all' }));
    await user.click(screen.getByRole('button', { name: 'Step 1 s' }));
    await user.click(screen.getByRole('button', { name: 'Step 1 s' }));
    const after = store.getState().summary!;
    expect(after.deadLetters.size).toBe(0);
    expect(after.outcomes.ok - okBefore).toBeGreaterThanOrEqual(heldAfterRecovery);
    expect(
      store.getState().scenario.timeline.map((e) => ('action' in e ? e.action : 'set')),
    ).toEqual(['set', 'set', 'replayAllDeadLetters']);
  });

  it('sends a spike of the chosen size through one worker and a small queue: 429s', async () => {
    const { store, user } = renderLab({ relay: { workers: 1, queueCapacity: 5 } });
    const size = screen.getByRole('spinbutton', { name: 'Spike size' });
    await user.clear(size);
    await user.type(size, '50');
    await user.click(screen.getByRole('button', { name: 'Send spike' }));
    await user.click(screen.getByRole('button', { name: 'Step 1 s' }));
    expect(store.getState().summary!.outcomes.rejected).toBeGreaterThanOrEqual(44);
    expect(store.getState().scenario.timeline).toEqual([{ atMs: 0, action: 'burst', count: 50 }]);
  });

  it('reset replays the same run, recorded changes included', async () => {
    const { store, user } = renderLab();
    await user.click(screen.getByRole('button', { name: 'Step 1 s' }));
    fireEvent.change(screen.getByRole('slider', { name: 'Failure rate' }), {
      target: { value: '0.9' },
    });
    await user.click(screen.getByRole('button', { name: 'Step 1 s' }));
    const first = store.getState().summary;
    await user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(store.getState().nowMs).toBe(0);
    expect(store.getState().config.downstream.failureProbability).toBe(0.1);
    await user.click(screen.getByRole('button', { name: 'Step 1 s' }));
    await user.click(screen.getByRole('button', { name: 'Step 1 s' }));
    expect(store.getState().summary).toEqual(first);
    expect(store.getState().config.downstream.failureProbability).toBe(0.9);
  });
});

describe('the header menus', () => {
  it('loads a guided scenario only on a choice, not while arrowing through the list', async () => {
    const { store, user } = renderLab();
    const summary = screen.getByText('Guided scenario: choose one ▾');
    await user.click(summary);
    const menu = summary.closest('details')!;
    expect(menu).toHaveAttribute('open');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(within(menu).getByRole('button', { name: 'Thundering herd' })).toHaveFocus();
    expect(store.getState().preset).toBeNull();
    await user.keyboard('{Enter}');
    // The scenario's file loads on the first choice (a chunk of its own).
    await waitFor(() => expect(store.getState().preset?.id).toBe('thundering-herd'));
    expect(menu).not.toHaveAttribute('open');
    expect(summary).toHaveFocus();
    expect(summary).toHaveTextContent('Guided scenario: Thundering herd ▾');
    await user.click(summary);
    expect(within(menu).getByRole('button', { name: 'Thundering herd' })).toHaveAttribute(
      'aria-current',
      'true',
    );
  });

  it('closes the Files menu on Escape, on focus leaving it and on a click outside', async () => {
    const { user } = renderLab();
    const summary = screen.getByText('Files ▾');
    const menu = summary.closest('details')!;
    await user.click(summary);
    await user.tab();
    expect(screen.getByRole('button', { name: 'Import scenario (JSON)…' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(menu).not.toHaveAttribute('open');
    expect(summary).toHaveFocus();
    await user.click(summary);
    await user.tab({ shift: true });
    expect(menu).not.toHaveAttribute('open');
    await user.click(summary);
    await user.click(screen.getByRole('heading', { name: 'Resilient Relay' }));
    expect(menu).not.toHaveAttribute('open');
  });
});

describe('resilience of the page', () => {
  it('shows an engine failure with a way to reset, never a blank page', async () => {
    const { host, store, user } = renderLab();
    // The engine refuses a command it cannot handle and says so.
    act(() => host.send({ type: 'step', ms: -5 }));
    expect(screen.getByRole('alert')).toHaveTextContent(/The simulation stopped:/);
    await user.click(screen.getByRole('button', { name: 'Reset the run' }));
    expect(store.getState().engineFailure).toBeNull();
    expect(screen.getByRole('button', { name: /Play/ })).toBeInTheDocument();
  });
});

describe('issue 13.3: a step or fast-forward at work shows it and can be stopped', () => {
  it('says it is stepping, with its progress, and Pause stops it', async () => {
    const { store, user } = renderLab();
    // As the engine reports a heavy step under way (the engine's slicing has its own tests).
    act(() => store.setState({ stepProgress: 0.4 }));
    const busy = await screen.findByTestId('busy');
    expect(busy).toHaveTextContent('Stepping… 40% (Pause stops it)');
    expect(screen.getByRole('button', { name: 'Step 1 s' })).toBeDisabled();
    expect(screen.getByTestId('run-state')).toHaveTextContent('Working');
    await user.click(screen.getByRole('button', { name: '❚❚ Pause' }));
    expect(store.getState().stepProgress).toBeNull();
    expect(screen.queryByTestId('busy')).toBeNull();
    expect(screen.getByRole('button', { name: '▶ Play' })).toBeEnabled();
  });

  it('says it is fast-forwarding in the run bar too', async () => {
    const { store } = renderLab();
    act(() => store.setState({ fastForwardProgress: 0.25 }));
    expect(await screen.findByTestId('busy')).toHaveTextContent('Fast-forwarding… 25%');
  });

  it('shows nothing for a light step, which ends at once', async () => {
    const { store, user } = renderLab();
    await user.click(screen.getByRole('button', { name: 'Step 1 s' }));
    expect(store.getState()).toMatchObject({ nowMs: 1000, stepProgress: null });
    expect(screen.queryByTestId('busy')).toBeNull();
  });
});
