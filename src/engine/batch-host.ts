/** Where comparisons and sweeps run: their own Web Worker, or the same thread in tests. */
import { type BatchCommand, type BatchMessage, BatchRunner } from './batch-runner';

/** A batch worker the store talks to. */
export interface BatchHost {
  send(command: BatchCommand): void;
  listen(listener: (message: BatchMessage) => void): void;
}

/** The batch runner in its own Web Worker. */
export function createBatchWorkerHost(): BatchHost {
  const worker = new Worker(new URL('./batch.worker.ts', import.meta.url), { type: 'module' });
  let listener: (message: BatchMessage) => void = () => {};
  worker.onmessage = (event: MessageEvent<BatchMessage>) => listener(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    listener({ type: 'failed', id: -1, message: event.message || 'The batch worker stopped.' });
  };
  return {
    send: (command) => worker.postMessage(command),
    listen: (next) => {
      listener = next;
    },
  };
}

/** The batch runner on the same thread: a job runs to its end when it is sent. */
export function createInlineBatchHost(): BatchHost {
  let listener: (message: BatchMessage) => void = () => {};
  let wallMs = 0;
  const runner = new BatchRunner(
    (message) => listener(structuredClone(message)),
    () => wallMs,
  );
  return {
    send: (command) => {
      runner.handle(structuredClone(command));
      while (runner.work()) wallMs += 100;
    },
    listen: (next) => {
      listener = next;
    },
  };
}
