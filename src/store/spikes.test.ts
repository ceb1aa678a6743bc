import { describe, expect, it } from 'vitest';
import { createSimulation, parseScenario } from '../core';
import herd from '../scenarios/thundering-herd.json';
import { countSpikes } from './spikes';

describe('countSpikes', () => {
  it.each([
    [[], 0],
    [[0, 0], 0],
    [[1, 9, 1, 1, 8, 8, 0, 10], 3],
    [[10, 6, 4, 2, 1], 1],
    [[9, 1, 4, 1, 2], 2],
  ])('counts the separate runs at or above a third of the peak in %j: %d', (values, spikes) => {
    expect(countSpikes(values)).toBe(spikes);
  });

  it.each([
    ['none', 4],
    ['full', 1],
  ] as const)(
    'sees the thundering herd preset with %s jitter as %d spikes of calls',
    (jitter, spikes) => {
      const scenario = parseScenario(herd);
      scenario.relay.retry.jitter = jitter;
      const simulation = createSimulation(scenario, { keepBuckets: 1000 });
      simulation.advanceTo(60_000);
      expect(countSpikes(simulation.takeBuckets().map((b) => b.calls))).toBe(spikes);
    },
  );
});
