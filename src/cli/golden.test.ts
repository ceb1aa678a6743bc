/**
 * Behaviour kept byte for byte: the run summary that `npm run sim -- FILE --json` prints for
 * every example scenario is compared with the one stored beside this test. A change that moves
 * a number must update the stored file in the same commit (`npx vitest run -u`), and say why.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario } from '../core';

const SCENARIOS = join(import.meta.dirname, '..', 'scenarios');

describe('npm run sim -- FILE --json is unchanged', () => {
  it.each(readdirSync(SCENARIOS).filter((f) => f.endsWith('.json')))('%s', async (file) => {
    const text = readFileSync(join(SCENARIOS, file), 'utf8');
    // What the CLI prints with --json.
    const printed = JSON.stringify(runScenario(parseScenario(text)), null, 2);
    await expect(`${printed}\n`).toMatchFileSnapshot(join('golden', file));
  });
});
