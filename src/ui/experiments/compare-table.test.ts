import { describe, expect, it } from 'vitest';
import { runScenario } from '../../core';
import { differenceRows } from './compare-table';

const a = runScenario({ seed: 3, durationMs: 5000 });
const row = (rows: ReturnType<typeof differenceRows>, metric: string) =>
  rows.find((r) => r.metric === metric)!;

describe('the comparison table', () => {
  it('marks the better side when B really differs', () => {
    const rows = differenceRows(a, { ...a, amplification: a.amplification + 0.5 });
    expect(row(rows, 'Amplification (calls per request)')).toMatchObject({
      better: 'a',
      delta: '+0.50×',
    });
  });

  it('names no winner and no sign when the difference rounds away at the shown precision', () => {
    const rows = differenceRows(
      { ...a, amplification: 1.111, latencyMs: { ...a.latencyMs, p99: 40.1 } },
      { ...a, amplification: 1.107, latencyMs: { ...a.latencyMs, p99: 40.3 } },
    );
    expect(row(rows, 'Amplification (calls per request)')).toMatchObject({
      better: null,
      delta: '±0.00×',
    });
    expect(row(rows, 'Latency p99')).toMatchObject({ better: null, delta: '±0 ms' });
  });
});
