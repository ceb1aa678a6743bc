/**
 * The guided scenarios: scenario files (format v1) with a title, a two-sentence story, what to
 * watch and one thing to try, in the order a class would take them. This module lists them (ids
 * and titles, read from the files at build time); `loadGuided` reads a file when it is chosen.
 */

import titles from 'virtual:guided-titles';
import type { Scenario, ScenarioResult } from '../core';

/** A guided scenario as the page lists it. */
export interface GuidedEntry {
  /** Its name in links (`#preset=<id>`) and its file name in `src/scenarios`. */
  id: string;
  title: string;
}

const ORDER = [
  'retries-70-to-99',
  'thundering-herd',
  'jitter-under-contention',
  'queue-without-workers',
  'backpressure',
  'double-charge',
  'dead-letters-and-replay',
  'outage-and-recovery',
  'metastable-retry-storm',
  'retries-token-bucket-breaker',
  'hedging-the-tail',
  'hedging-near-saturation',
  'timeouts-tight-and-loose',
  'steady-flaky',
];

/** Every guided scenario, in the class's order. */
export const GUIDED: readonly GuidedEntry[] = ORDER.map((id) => {
  const title = titles[id];
  if (title === undefined) throw new Error(`No guided scenario file src/scenarios/${id}.json`);
  return { id, title };
});

/** The guided scenario `id`, or undefined. */
export function findGuided(id: string): GuidedEntry | undefined {
  return GUIDED.find((entry) => entry.id === id);
}

/** The guided scenario a scenario is based on, by its title (links and files carry the title). */
export function guidedTitled(title: string | undefined): GuidedEntry | null {
  if (title === undefined) return null;
  return GUIDED.find((entry) => entry.title === title) ?? null;
}

/**
 * Reads the guided scenario `id` (the files load with the first one chosen), parsed by `read`:
 * the page's parse worker, so that the page never builds the scenario schema on its main thread
 * (tens of ms, in the middle of the start when a link opens a guided scenario).
 */
export async function loadGuided(
  id: string,
  read: (text: string) => Promise<ScenarioResult>,
): Promise<Scenario> {
  const { GUIDED_FILES } = await import('./guided-files');
  const file = GUIDED_FILES[`../scenarios/${id}.json`];
  if (file === undefined) throw new Error(`There is no guided scenario "${id}"`);
  const result = await read(JSON.stringify(file));
  if (!result.ok) throw new Error(result.message);
  return result.scenario;
}
