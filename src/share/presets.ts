/**
 * The guided scenarios: scenario files (format v1) with a title, a two-sentence story, what to
 * watch and one thing to try, in the order a class would take them.
 */
import { parseScenario, type Scenario } from '../core';
import backpressure from '../scenarios/backpressure.json';
import deadLetters from '../scenarios/dead-letters-and-replay.json';
import doubleCharge from '../scenarios/double-charge.json';
import hedgingSaturated from '../scenarios/hedging-near-saturation.json';
import hedgingTail from '../scenarios/hedging-the-tail.json';
import jitter from '../scenarios/jitter-under-contention.json';
import storm from '../scenarios/metastable-retry-storm.json';
import outage from '../scenarios/outage-and-recovery.json';
import queueWithoutWorkers from '../scenarios/queue-without-workers.json';
import retries from '../scenarios/retries-70-to-99.json';
import brooker from '../scenarios/retries-token-bucket-breaker.json';
import steady from '../scenarios/steady-flaky.json';
import herd from '../scenarios/thundering-herd.json';
import timeouts from '../scenarios/timeouts-tight-and-loose.json';

/** A guided scenario. */
export interface Preset {
  /** Its name in links (`#preset=<id>`) and its file name. */
  id: string;
  scenario: Scenario;
}

const FILES: Array<[string, unknown]> = [
  ['retries-70-to-99', retries],
  ['thundering-herd', herd],
  ['jitter-under-contention', jitter],
  ['queue-without-workers', queueWithoutWorkers],
  ['backpressure', backpressure],
  ['double-charge', doubleCharge],
  ['dead-letters-and-replay', deadLetters],
  ['outage-and-recovery', outage],
  ['metastable-retry-storm', storm],
  ['retries-token-bucket-breaker', brooker],
  ['hedging-the-tail', hedgingTail],
  ['hedging-near-saturation', hedgingSaturated],
  ['timeouts-tight-and-loose', timeouts],
  ['steady-flaky', steady],
];

/** Every preset, parsed (a bad file fails here, at startup, and in the tests). */
export const PRESETS: readonly Preset[] = FILES.map(([id, json]) => ({
  id,
  scenario: parseScenario(json),
}));

/** The preset with `id`, or undefined. */
export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}

/** The preset a scenario is based on, found by its title (links and files carry the title). */
export function presetTitled(title: string | undefined): Preset | null {
  if (title === undefined) return null;
  return PRESETS.find((preset) => preset.scenario.meta?.title === title) ?? null;
}
