/**
 * Where comparisons and sweeps run: a pool of Web Workers, one per core (at least two, at most
 * `MAX_BATCH_WORKERS`), started on the first job. Without Web Workers a job fails with the
 * reason (the page's live engine needs them too). Tests use `inline-hosts.ts`.
 */
import { createBatchPool, type LaneLink } from './batch-pool';
import type { BatchCommand, BatchMessage, LaneMessage } from './protocol';

/** A batch host the store talks to: it runs one job at a time, the one started last. */
export interface BatchHost {
  send(command: BatchCommand): void;
  listen(listener: (message: BatchMessage) => void): void;
}

/** Most batch workers, whatever the core count: each holds a copy of the engine and its runs. */
export const MAX_BATCH_WORKERS = 8;

/** Workers for a machine with `cores` logical cores (`navigator.hardwareConcurrency`). */
export function batchWorkerCount(cores: number | undefined): number {
  return Math.min(MAX_BATCH_WORKERS, Math.max(2, Math.floor(cores ?? 0) || 2));
}

/** What a job gets where the browser has no Web Workers (the live engine needs them too). */
export const NO_WORKERS =
  'This browser cannot start Web Workers, which comparisons and sweeps run in.';

/** The batch pool: `workers` Web Workers (by default one per core). */
export function createBatchWorkerHost(
  workers = batchWorkerCount(globalThis.navigator?.hardwareConcurrency),
): BatchHost {
  if (typeof Worker === 'undefined') return createBatchPool([refusingLane()]);
  return createBatchPool(Array.from({ length: Math.max(1, workers) }, () => workerLane()));
}

/** A lane in a Web Worker, started when first sent something (and again after it failed). */
function workerLane(): LaneLink {
  let worker: Worker | null = null;
  let listener: (message: LaneMessage) => void = () => {};
  const start = (): Worker => {
    const started = new Worker(new URL('./batch.worker.ts', import.meta.url), { type: 'module' });
    started.onmessage = (event: MessageEvent<LaneMessage>) => listener(event.data);
    started.onerror = (event) => {
      event.preventDefault();
      started.terminate();
      worker = null;
      listener({ type: 'failed', id: -1, message: event.message || 'A batch worker stopped.' });
    };
    return started;
  };
  return {
    send: (command) => {
      // A lane never started (or failed) has nothing to cancel.
      if (command.type === 'cancel' && worker === null) return;
      try {
        worker ??= start();
      } catch (error) {
        // Refused by the page's policy, say: the job fails with the reason, the page goes on.
        listener({
          type: 'failed',
          id: -1,
          message: `${NO_WORKERS} (${(error as Error).message})`,
        });
        return;
      }
      worker.postMessage(command);
    },
    listen: (next) => {
      listener = next;
    },
  };
}

/** The one lane of a page without Web Workers: every job fails at once, saying why. */
function refusingLane(): LaneLink {
  let listener: (message: LaneMessage) => void = () => {};
  return {
    send: (command) => {
      if (command.type === 'job') listener({ type: 'failed', id: command.id, message: NO_WORKERS });
    },
    listen: (next) => {
      listener = next;
    },
  };
}
