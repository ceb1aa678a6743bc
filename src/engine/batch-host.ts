/** Where comparisons and sweeps run: their own Web Worker (tests use `inline-hosts.ts`). */
import type { BatchCommand, BatchMessage } from './batch-runner';

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
