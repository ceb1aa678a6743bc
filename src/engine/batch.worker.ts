/// <reference lib="webworker" />
/** The batch worker: comparisons and sweeps, off the main thread and apart from the live engine. */
import { type BatchCommand, BatchRunner } from './batch-runner';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const runner = new BatchRunner(
  (message) => scope.postMessage(message),
  () => performance.now(),
);
let scheduled = false;

function loop(): void {
  scheduled = false;
  // Yield between slices, so a cancel can arrive.
  if (runner.work()) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(loop, 0);
}

scope.onmessage = (event: MessageEvent<BatchCommand>) => {
  runner.handle(event.data);
  if (runner.busy) schedule();
};
