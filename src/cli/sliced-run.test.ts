import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario } from '../core';
import { runSliced } from './sliced-run';

const scenario = (file: string) =>
  parseScenario(readFileSync(join(import.meta.dirname, '..', 'scenarios', file), 'utf8'));

/** A wall clock that moves by `stepsMs` in turn, one step per read. */
const clockOf = (...stepsMs: number[]) => {
  let [nowMs, reads] = [0, 0];
  return () => (nowMs += stepsMs[reads++ % stepsMs.length]!);
};

describe('issue 13.3: runSliced', () => {
  it.each([
    ['steady: 5 s slices', [20]],
    ['fast: slices grow to an hour', [1]],
    ['slow: slices shrink to 1 ms', [400]],
    ['uneven', [1, 90, 7, 3, 60]],
  ])(
    'gives the summary of runScenario however the wall clock slices the run (%s)',
    async (_, steps) => {
      const parsed = scenario('dead-letters-and-replay.json'); // timeline actions and replays
      const { summary, partial } = await runSliced(parsed, { clockMs: clockOf(...steps) });
      expect(partial).toBeNull();
      expect(summary).toEqual(runScenario(parsed));
    },
  );

  it('reports progress that only moves forward, and ends at the whole duration', async () => {
    const parsed = scenario('steady-flaky.json');
    const seen: number[] = [];
    await runSliced(parsed, {
      clockMs: clockOf(20),
      onProgress: (p) => {
        expect(p.durationMs).toBe(parsed.durationMs);
        seen.push(p.virtualMs);
      },
    });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBeLessThanOrEqual(parsed.durationMs);
  });

  it('stops at once, at 0 ms, on a signal aborted before the run', async () => {
    const { partial, summary } = await runSliced(scenario('steady-flaky.json'), {
      clockMs: clockOf(1),
      signal: AbortSignal.abort(),
    });
    expect(partial).toEqual({ reason: 'interrupted', atMs: 0 });
    expect(summary.requests).toBe(0);
  });

  it('yields to the event loop about every 50 ms of wall time', async () => {
    let yields = 0;
    let wallMs = 0;
    await runSliced(scenario('steady-flaky.json'), {
      clockMs: () => (wallMs += 20),
      yieldToEventLoop: async () => {
        yields++;
      },
    });
    expect(yields).toBeGreaterThanOrEqual(Math.floor(wallMs / 100));
    expect(yields).toBeLessThanOrEqual(Math.ceil(wallMs / 50));
  });
});
