import { describe, expect, it } from 'vitest';
import {
  parseScenario,
  planSweep,
  runScenario,
  type SweepConfig,
  sweepResult,
  withSettings,
} from '../core';
import { sweepToCsv } from './sweep-csv';

const scenario = parseScenario({
  seed: 4,
  durationMs: 5000,
  downstream: { failureProbability: 0.5 },
});

/** Runs `config` the way the page does, one run at a time. */
function sweep(config: SweepConfig) {
  const plan = planSweep(config);
  const rows = plan.runs.map((run) => {
    try {
      return {
        value: run.value,
        summary: runScenario(withSettings(scenario, run.set, run.name)),
        error: null,
      };
    } catch (error) {
      return { value: run.value, summary: null, error: (error as Error).message };
    }
  });
  return sweepResult(config, plan, rows);
}

const parse = (csv: string) =>
  csv
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','));

describe('sweep exports', () => {
  it('writes a grid as one line per run, with both settings and every metric', () => {
    const result = sweep({
      path: 'relay.workers',
      from: 1,
      to: 3,
      steps: 3,
      y: { path: 'relay.retry.maxRetries', from: 0, to: 2, steps: 2 },
    });
    const [header, ...rows] = parse(sweepToCsv(result));
    expect(header!.slice(0, 5)).toEqual([
      'relay.workers',
      'relay.retry.maxRetries',
      'requests',
      'success_pct',
      'goodput_per_s',
    ]);
    expect(header).toContain('p99_ms');
    expect(header).toContain('amplification_x');
    expect(header!.at(-1)).toBe('skipped');
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['1', '0'],
      ['2', '0'],
      ['3', '0'],
      ['1', '2'],
      ['2', '2'],
      ['3', '2'],
    ]);
    const cell = result.lines[1]!.rows[2]!.summary!;
    const row = rows[5]!;
    const at = (name: string) => Number(row[header!.indexOf(name)]);
    expect(at('requests')).toBe(cell.requests);
    expect(at('success_pct')).toBeCloseTo(cell.clients.served * 100, 4);
    expect(at('amplification_x')).toBe(cell.amplification);
    expect(at('p99_ms')).toBeCloseTo(cell.latencyMs.p99, 4);
  });

  it('names the series of each run and says why a value was skipped', () => {
    const result = sweep({
      path: 'relay.retry.baseDelayMs',
      from: 100,
      to: 9000,
      steps: 2,
      series: [
        { label: 'as is', set: {} },
        { label: 'no jitter, "fixed"', set: { 'relay.retry.jitter': 'none' } },
      ],
    });
    const csv = sweepToCsv(result);
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]!.startsWith('series,relay.retry.baseDelayMs,requests,')).toBe(true);
    expect(lines).toHaveLength(5);
    expect(lines[1]!.startsWith('as is,100,')).toBe(true);
    expect(lines[3]!.startsWith('"no jitter, ""fixed""",100,')).toBe(true);
    // 9000 ms is above the default max delay: skipped, with the reason, and no numbers.
    expect(lines[2]).toMatch(/^as is,9000,,+"`relay.retry.maxDelayMs`: expected at least/);
  });

  it('leaves the latencies of a run without a 200 empty, not 0', () => {
    const result = sweep({ path: 'downstream.failureProbability', from: 0.5, to: 1, steps: 2 });
    const [header, half, down] = parse(sweepToCsv(result));
    const at = (row: string[], name: string) => row[header!.indexOf(name)];
    expect(result.lines[0]!.rows[1]!.summary!.latencyMs.p99).toBe(0);
    for (const name of ['p50_ms', 'p99_ms', 'clientP99_ms']) {
      expect(Number(at(half!, name))).toBeGreaterThan(0);
      expect(at(down!, name)).toBe('');
    }
    expect(at(down!, 'success_pct')).toBe('0');
    expect(at(down!, 'skipped')).toBe('');
  });
});
