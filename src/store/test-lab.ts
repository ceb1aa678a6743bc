/**
 * A lab store on the same thread as the test, for tests only: the engine and the batch runner
 * inline (see `engine/inline-hosts.ts`). No production module imports this file.
 */
import type { ScenarioInput } from '../core';
import {
  createInlineBatchHost,
  createInlineHost,
  createInlineParseHost,
} from '../engine/inline-hosts';
import { createLabStore, type LabStoreOptions } from './lab-store';

/** A lab store with an inline engine (`host.tick(ms)` drives live mode) and batch runner. */
export function createTestLab(
  scenario: ScenarioInput = {},
  options: Partial<LabStoreOptions> = {},
) {
  const host = createInlineHost();
  const store = createLabStore(host, scenario, {
    batch: createInlineBatchHost(),
    parse: createInlineParseHost(),
    ...options,
  });
  return { store, host };
}
