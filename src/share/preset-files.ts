/**
 * Every guided scenario, parsed, for the tests and the tools (the page reads one file when it is
 * picked: `loadGuided`). A bad file fails its test (`presets.test.ts`).
 */
import { parseScenario, type Scenario } from '../core';
import { GUIDED_FILES as FILES } from './guided-files';
import { GUIDED } from './presets';

/** A guided scenario: its id (the file's name, and `#preset=<id>` in links) and the scenario. */
export interface Preset {
  id: string;
  scenario: Scenario;
}

/** The file names in `src/scenarios` that the guided list leaves out (none should). */
export const UNLISTED: readonly string[] = Object.keys(FILES).filter(
  (path) => !GUIDED.some((entry) => path === `../scenarios/${entry.id}.json`),
);

/** Every guided scenario, parsed, in the class's order. */
export const PRESETS: readonly Preset[] = GUIDED.map(({ id }) => ({
  id,
  scenario: parseScenario(FILES[`../scenarios/${id}.json`]),
}));

/** The guided scenario `id`, or undefined. */
export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}
