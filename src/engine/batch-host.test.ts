import { describe, expect, it } from 'vitest';
import { parseScenario } from '../core';
import type { BatchHost } from './batch-host';
import { batchWorkerCount, createBatchWorkerHost } from './batch-host';
import { createInlineBatchHost } from './inline-hosts';
import type { BatchMessage, RunSpec } from './protocol';

const scenario = parseScenario({
  seed: 2,
  durationMs: 8000,
  downstream: { failureProbability: 0.2 },
});
const runs: RunSpec[] = [1, 2, 4, 8].map((workers) => ({
  set: { 'relay.workers': workers },
  name: 'Sweep',
  detail: 'summary',
}));

function finished(host: BatchHost): Promise<BatchMessage[]> {
  return new Promise((resolve) => {
    const messages: BatchMessage[] = [];
    host.listen((message) => {
      messages.push(message);
      if (message.type !== 'progress') resolve(messages);
    });
    host.send({ type: 'start', id: 1, scenario, runs });
  });
}

describe('the batch host', () => {
  it('starts one worker per core, at least two and at most eight', () => {
    expect([undefined, 0, 1, 2, 3, 6, 64].map(batchWorkerCount)).toEqual([2, 2, 2, 2, 3, 6, 8]);
  });

  it('runs on the main thread where there are no Web Workers, with the same outcomes', async () => {
    expect(typeof Worker).toBe('undefined'); // Node: no Web Workers
    const [main, inline] = await Promise.all([
      finished(createBatchWorkerHost()),
      finished(createInlineBatchHost()),
    ]);
    expect(main.at(-1)!.type).toBe('finished');
    expect(main.at(-1)).toEqual(inline.at(-1));
  });
});
