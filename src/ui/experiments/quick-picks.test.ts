import { describe, expect, it } from 'vitest';
import { parseScenario, type ScenarioInput } from '../../core';
import { PRESETS } from '../../share/preset-files';
import { valueAt } from '../../store/settings';
import { quickPicks } from './quick-picks';

const labels = (input: ScenarioInput) => quickPicks(parseScenario(input)).map((p) => p.label);

describe("B's quick picks", () => {
  it("are relative to A's workers: twice and half, with the number", () => {
    const picks = quickPicks(parseScenario({ relay: { workers: 8 } }));
    expect(picks.find((p) => p.label === 'B: twice the workers (16)')?.set).toEqual({
      'relay.workers': 16,
    });
    expect(picks.find((p) => p.label === 'B: half the workers (4)')?.set).toEqual({
      'relay.workers': 4,
    });
    expect(labels({ relay: { workers: 1 } })).not.toContain('B: half the workers (0)');
    expect(labels({ relay: { workers: 'unbounded' } }).join()).not.toMatch(/workers/);
  });

  it('offer no retries only when A retries, and retries when it does not', () => {
    expect(labels({ relay: { retry: { maxRetries: 3 } } })).toContain('B: no retries');
    const none = labels({ relay: { retry: { maxRetries: 0 } } });
    expect(none).not.toContain('B: no retries');
    expect(none).toContain('B: 3 retries');
  });

  it("turn A's jitter and idempotency keys the other way", () => {
    expect(labels({ relay: { retry: { jitter: 'none' } } })).toContain('B: full jitter');
    expect(labels({ relay: { retry: { jitter: 'equal' } } })).toContain('B: no jitter');
    expect(labels({ traffic: { keyedRatio: 0 } })).toContain(
      'B: an idempotency key on every request',
    );
    expect(labels({ traffic: { keyedRatio: 0.5 } })).toContain('B: no idempotency keys');
  });

  it('on every guided scenario: each pick changes a setting of A, to the value its label says', () => {
    for (const preset of PRESETS) {
      const a = preset.scenario;
      for (const pick of quickPicks(a)) {
        for (const [path, value] of Object.entries(pick.set)) {
          expect(valueAt(a, path as never), `${preset.id}: ${pick.label}`).not.toBe(value);
          if (typeof value === 'number' && path === 'relay.workers') {
            expect(pick.label).toContain(`(${value})`);
          }
        }
      }
    }
  });
});
