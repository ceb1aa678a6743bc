import { describe, expect, it } from 'vitest';
import { runScenario, sumOutcomes } from '../core';
import { PRESETS } from './presets';

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
