import { describe, expect, it } from 'vitest';
import { createSimulation, parseScenario } from '../core';
import { chartRows } from '../store/series';
import { SERIES_COLUMNS, seriesToCsv, summaryToCsv } from './exports';

/** Chart rows and summary of 20 s with every cure on, so that every column has a value. */
function run() {
  const scenario = parseScenario({
    seed: 3,
    durationMs: 20_000,
    downstream: { failureProbability: 0.3, servers: 4 },
    relay: {
      budget: { variant: 'aws' },
      breaker: { trip: 'consecutive' },
      throttle: { enabled: true },
      hedge: { mode: 'fixed', delayMs: 40 },
    },
  });
  const simulation = createSimulation(scenario, { bucketMs: 1000 });
  simulation.advanceTo(scenario.durationMs);
  return { rows: chartRows(simulation.takeBuckets()), summary: simulation.summary() };
}

describe('exports', () => {
  const { rows, summary } = run();

  it('has a column for every field of a chart row, each named once', () => {
    const keys = SERIES_COLUMNS.map(([key]) => key);
    expect([...keys].sort()).toEqual(Object.keys(rows[0]!).sort());
    const names = SERIES_COLUMNS.map(([, name]) => name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('writes a header and one line per row, every line as wide as the header', () => {
    const lines = seriesToCsv(rows).trimEnd().split('\n');
    expect(lines).toHaveLength(rows.length + 1);
    const width = lines[0]!.split(',').length;
    for (const line of lines) expect(line.split(',')).toHaveLength(width);
    const budget = lines[0]!.split(',').indexOf('retry_budget_level');
    expect(Number(lines[1]!.split(',')[budget])).toBeGreaterThanOrEqual(0);
  });

  it('flattens the summary to dotted names, the causes and cures included', () => {
    const csv = summaryToCsv(summary);
    expect(csv.startsWith('metric,value\n')).toBe(true);
    expect(csv).toMatch(/^causes\.deadLettered\.retriesExhausted,\d+$/m);
    expect(csv).toMatch(/^cures\.hedges,\d+$/m);
  });
});
