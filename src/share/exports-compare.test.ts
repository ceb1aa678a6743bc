import { describe, expect, it } from 'vitest';
import { COMPARE_METRICS, runScenario } from '../core';
import { SERIES_COLUMNS } from './exports';
import { compareSeriesToCsv, compareToCsv } from './exports-compare';

const a = runScenario({ seed: 4, durationMs: 10_000, downstream: { failureProbability: 0.3 } });
const b = runScenario({
  seed: 4,
  durationMs: 10_000,
  downstream: { failureProbability: 0.3 },
  relay: { retry: { maxRetries: 0 } },
});

/** A CSV line split on commas outside quotes. */
const cells = (line: string) =>
  [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!).slice(0, -1);

describe('the comparison export', () => {
  const lines = compareToCsv(a, b, { a: 'A: 3 retries', b: 'B: 0 retries, jitter none' })
    .trimEnd()
    .split('\n');

  it('heads its columns with what A and B are, quoting a name with a comma', () => {
    expect(lines[0]).toBe('metric,unit,A: 3 retries,"B: 0 retries, jitter none",B - A,better');
  });

  it('has every row of the table, with its unit, A, B and B − A', () => {
    expect(lines).toHaveLength(COMPARE_METRICS.length + 1);
    for (const [i, metric] of COMPARE_METRICS.entries()) {
      const [label, unit, x, y, d] = cells(lines[i + 1]!);
      expect(label).toBe(metric.label);
      const factor = unit === '%' ? 100 : 1;
      expect(Number(x)).toBeCloseTo(metric.value(a) * factor, 5);
      expect(Number(y)).toBeCloseTo(metric.value(b) * factor, 5);
      expect(Number(d)).toBeCloseTo(Number(y) - Number(x), 5);
    }
    const dead = cells(lines.find((l) => l.startsWith('Dead-lettered (503)'))!);
    expect(dead.slice(0, 2)).toEqual(['Dead-lettered (503)', '%']);
    expect(dead[5]).toBe('A'); // B without retries dead-letters more
  });

  it('writes both sides’ series, each line marked A or B', () => {
    const row = Object.fromEntries(SERIES_COLUMNS.map(([key]) => [key, 1])) as never;
    const series = compareSeriesToCsv([row, row], [row]).trimEnd().split('\n');
    expect(series[0]!.startsWith('side,end_ms,')).toBe(true);
    expect(series.slice(1).map((l) => l.split(',')[0])).toEqual(['A', 'A', 'B']);
  });
});
