/**
 * Where comparisons and sweeps run: a pool of Web Workers, one per core (at least two, at most
 * `MAX_BATCH_WORKERS`), started on the first job. Without Web Workers the runs go on the main
 * thread, in slices between tasks. Tests use `inline-hosts.ts`.
 */
import { createBatchPool, type LaneLink } from './batch-pool';
import type { LaneRunner } from './batch-runner';
import type { BatchCommand, BatchMessage, LaneCommand, LaneMessage } from './protocol';

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

/** The batch pool: `workers` Web Workers (by default one per core), or the main thread without. */
export function createBatchWorkerHost(
  workers = batchWorkerCount(globalThis.navigator?.hardwareConcurrency),
): BatchHost {
  const lanes =
    typeof Worker === 'undefined'
      ? [mainThreadLane()]
      : Array.from({ length: Math.max(1, workers) }, () => workerLane());
  return createBatchPool(lanes);
}

/** A lane in a Web Worker, started when first sent something (and again after it failed). */
function workerLane(): LaneLink {
  let worker: Worker | null = null;
  let fallback: LaneLink | null = null;
  let listener: (message: LaneMessage) => void = () => {};
  const start = (): Worker | null => {
    try {
      const started = new Worker(new URL('./batch.worker.ts', import.meta.url), {
        type: 'module',
      });
      started.onmessage = (event: MessageEvent<LaneMessage>) => listener(event.data);
      started.onerror = (event) => {
        event.preventDefault();
        started.terminate();
        worker = null;
        listener({ type: 'failed', id: -1, message: event.message || 'A batch worker stopped.' });
      };
      return started;
    } catch {
      // Workers refused (a page policy): this lane runs on the main thread instead.
      fallback = mainThreadLane();
      fallback.listen((message) => listener(message));
      return null;
    }
  };
  return {
    send: (command) => {
      // A lane never started (or failed) has nothing to cancel.
      if (command.type === 'cancel' && worker === null && fallback === null) return;
      if (fallback === null && worker === null) worker = start();
      if (fallback !== null) fallback.send(command);
      else worker!.postMessage(command);
    },
    listen: (next) => {
      listener = next;
    },
  };
}

/** A lane on the main thread: the runner loads on first use and works a slice per task. */
function mainThreadLane(): LaneLink {
  let listener: (message: LaneMessage) => void = () => {};
  let runner: LaneRunner | null = null;
  const waiting: LaneCommand[] = [];
  let scheduled = false;
  const loop = () => {
    scheduled = false;
    if (runner?.work()) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(loop, 0);
  };
  let loading = false;
  const load = () => {
    if (loading) return;
    loading = true;
    import('./batch-runner').then(
      ({ LaneRunner }) => {
        runner = new LaneRunner(
          (message) => listener(message),
          () => performance.now(),
        );
        for (const command of waiting.splice(0)) runner.handle(command);
        schedule();
      },
      () => listener({ type: 'failed', id: -1, message: 'The batch runner could not be loaded.' }),
    );
  };
  return {
    send: (command) => {
      // A copy, as a worker would get: the runner never shares the page's objects.
      const copy = structuredClone(command);
      if (runner === null) {
        waiting.push(copy);
        load();
        return;
      }
      runner.handle(copy);
      schedule();
    },
    listen: (next) => {
      listener = next;
    },
  };
}
