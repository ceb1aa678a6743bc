import { describe, expect, it, vi } from 'vitest';
import { parseScenario } from '../core';
import type { BatchHost } from './batch-host';
import { batchWorkerCount, createBatchWorkerHost, NO_WORKERS } from './batch-host';
import type { BatchMessage, LaneCommand, RunSpec } from './protocol';

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

  it('fails a job at once, saying why, where there are no Web Workers', async () => {
    expect(typeof Worker).toBe('undefined'); // Node: no Web Workers
    const messages = await finished(createBatchWorkerHost());
    expect(messages).toEqual([{ type: 'failed', id: 1, message: NO_WORKERS }]);
  });

  it('starts a worker per lane on first use, one per core, and posts it the job', async () => {
    const started: FakeWorker[] = [];
    class FakeWorker {
      onmessage: ((event: { data: unknown }) => void) | null = null;
      onerror: unknown = null;
      posted: LaneCommand[] = [];
      constructor() {
        started.push(this);
      }
      postMessage(command: LaneCommand) {
        this.posted.push(command);
      }
      terminate() {}
    }
    vi.stubGlobal('Worker', FakeWorker);
    try {
      const host = createBatchWorkerHost(3);
      expect(started).toHaveLength(0); // nothing until the first job
      host.listen(() => {});
      host.send({ type: 'start', id: 4, scenario, runs });
      expect(started).toHaveLength(3);
      expect(
        started.map((w) => w.posted.map((c) => (c.type === 'run' ? c.index : c.type))),
      ).toEqual([
        ['job', 0, 3],
        ['job', 1],
        ['job', 2],
      ]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
