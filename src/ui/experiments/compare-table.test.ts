import { describe, expect, it } from 'vitest';
import { runScenario } from '../../core';
import { compareHeaders, differenceRows } from './compare-table';

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

describe('the precision of a row', () => {
  /** The decimals a shown number has ("0.7%" → 1, "12/s" → 0). */
  const decimals = (text: string) => /\.(\d+)/.exec(text)?.[1]?.length ?? 0;
  /** The unit a shown number ends with ("1.2 s" → "s", "+0.3 pt" → "pt"). */
  const unit = (text: string) => text.replace(/^[±+−]?[\d,.]+\s?/, '');

  it('shows A, B and B − A to the same decimals, B − A being the difference as shown', () => {
    const b = runScenario({ seed: 3, durationMs: 5000, relay: { workers: 1 } });
    for (const r of differenceRows(a, b)) {
      expect([decimals(r.a), decimals(r.b)], r.metric).toEqual([
        decimals(r.delta),
        decimals(r.delta),
      ]);
      expect(unit(r.a), r.metric).toBe(unit(r.b));
    }
  });

  it('writes 1% beside 0.7% as 1.0%, and a time in one unit for the row', () => {
    const rows = differenceRows(
      {
        ...a,
        outcomes: { ...a.outcomes, rejected: 0.007 * (a.requests - a.outcomes.inFlight) },
        latencyMs: { ...a.latencyMs, p99: 950 },
      },
      {
        ...a,
        outcomes: { ...a.outcomes, rejected: 0.01 * (a.requests - a.outcomes.inFlight) },
        latencyMs: { ...a.latencyMs, p99: 1240 },
      },
    );
    expect(row(rows, 'Rejected (429)')).toMatchObject({ a: '0.7%', b: '1.0%', delta: '+0.3 pt' });
    expect(row(rows, 'Latency p99')).toMatchObject({ a: '1.0 s', b: '1.2 s', delta: '+0.2 s' });
  });
});

describe('the column headers', () => {
  it('name the one setting that differs on each side', () => {
    expect(compareHeaders([{ path: 'relay.workers', a: 8, b: 16 }])).toEqual({
      a: 'A: 8 workers',
      b: 'B: 16 workers',
    });
  });

  it('name every setting that differs, each with its name where the value does not say it', () => {
    const headers = compareHeaders([
      { path: 'relay.workers', a: 8, b: 16 },
      { path: 'relay.retry.jitter', a: 'full', b: 'none' },
      { path: 'relay.retry.attemptTimeoutMs', a: 250, b: 2000 },
      { path: 'relay.retry.maxRetries', a: 1, b: 0 },
    ]);
    expect(headers).toEqual({
      a: 'A: 8 workers, jitter full, attempt timeout 250 ms, 1 retry',
      b: 'B: 16 workers, jitter none, attempt timeout 2 s, 0 retries',
    });
  });

  it('are plain A and B when nothing differs', () => {
    expect(compareHeaders([])).toEqual({ a: 'A', b: 'B' });
  });
});
