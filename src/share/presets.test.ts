import { describe, expect, it } from 'vitest';
import {
  COMPARE_METRICS,
  compareMetric,
  judge,
  runScenario,
  sumOutcomes,
  withSettings,
} from '../core';
import { PRESETS, UNLISTED } from './preset-files';
import { GUIDED } from './presets';

describe('guided scenarios', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s has a title, a two-sentence story, what to watch and one thing to try',
    (_, preset) => {
      const meta = preset.scenario.meta!;
      expect(meta.title.length).toBeGreaterThan(5);
      expect(meta.story?.match(/[.!?](\s|$)/g)).toHaveLength(2);
      expect(meta.watch?.length).toBeGreaterThan(20);
      expect(meta.try?.length).toBeGreaterThan(20);
    },
  );

  it('lists every file in src/scenarios, each under the title its file gives', () => {
    expect(UNLISTED).toEqual([]);
    expect(GUIDED.map((entry) => entry.title)).toEqual(PRESETS.map((p) => p.scenario.meta?.title));
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s links its watch text to charts the page draws from the start (no cure chart of a cure off)',
    (_, preset) => {
      const { meta, relay } = preset.scenario;
      const cureOn: Record<string, boolean> = {
        budget: relay.budget.variant !== 'off',
        breaker: relay.breaker.trip !== 'off',
        throttle: relay.throttle.enabled,
        hedges: relay.hedge.mode !== 'off',
      };
      expect(meta!.charts?.length).toBeGreaterThan(0);
      for (const chart of meta!.charts!) expect(cureOn[chart] ?? true).toBe(true);
    },
  );

  it('links the double charge to its lesson: the duplicate effects chart first', () => {
    expect(PRESETS.find((p) => p.id === 'double-charge')!.scenario.meta!.charts![0]).toBe(
      'duplicates',
    );
  });

  it('has at least six', () => {
    expect(PRESETS.length).toBeGreaterThanOrEqual(6);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s runs, outcomes adding up to its requests',
    (_, preset) => {
      const s = runScenario(preset.scenario);
      const o = s.outcomes;
      expect(sumOutcomes(o)).toBe(s.requests);
    },
  );
});

/** The four numbers a lesson must mostly win (issue: "success %, goodput, p99, amplification"). */
const FOUR = ['success', 'goodput', 'clientP99', 'amplification'];

describe('every lesson is true in the numbers', () => {
  const lessons = PRESETS.flatMap((preset) =>
    (preset.scenario.meta?.comparisons ?? []).map((c) => [preset.id, c.label, preset, c] as const),
  );

  it('each guided scenario recommends at least one comparison', () => {
    for (const preset of PRESETS)
      expect(preset.scenario.meta?.comparisons?.length).toBeGreaterThan(0);
  });

  it.each(lessons)('%s, %s: the recommended side wins', (_, __, preset, comparison) => {
    const a = runScenario(preset.scenario);
    const b = runScenario(withSettings(preset.scenario, comparison.set));
    const winner = (id: string) => judge(compareMetric(id)!, a, b);
    const better = comparison.better;
    const other = better === 'a' ? 'b' : 'a';
    // The story's headline number.
    expect(winner(comparison.headline)).toBe(better);
    const judged = COMPARE_METRICS.map((m) => judge(m, a, b));
    const won = judged.filter((w) => w === better).length;
    const lost = judged.filter((w) => w === other).length;
    const four = FOUR.map(winner);
    if (comparison.headline === 'completed') {
      // A replay lesson: clients had their answer before any replay, so what they see is the
      // same run; none of their numbers may get worse by more than a few percent.
      for (const id of FOUR) {
        const m = compareMetric(id)!;
        const [recommended, otherSide] = better === 'a' ? [a, b] : [b, a];
        const ratio = Math.max(m.value(recommended), 1e-9) / Math.max(m.value(otherSide), 1e-9);
        // As good, or worse by at most 5%: higher-is-better ratios ≥ 0.95, lower-is-better ≤ 1.05.
        expect({ id, ok: m.better === 'higher' ? ratio >= 0.95 : ratio <= 1.05 }).toEqual({
          id,
          ok: true,
        });
      }
    } else {
      // The table: more rows marked for the recommended side than for the other.
      expect(won).toBeGreaterThan(lost);
      // Most of success, goodput, p99 and amplification.
      expect(four.filter((w) => w === better).length).toBeGreaterThanOrEqual(3);
    }
  });
});
