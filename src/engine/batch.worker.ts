/// <reference lib="webworker" />
/** A batch worker: one lane of the pool that runs comparisons and sweeps off the main thread. */
import { LaneRunner } from './batch-runner';
import type { LaneCommand } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const runner = new LaneRunner(
  (message) => scope.postMessage(message),
  () => performance.now(),
);
let scheduled = false;

function loop(): void {
  scheduled = false;
  // Yield between slices, so a cancel or the next run can arrive.
  if (runner.work()) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(loop, 0);
}

scope.onmessage = (event: MessageEvent<LaneCommand>) => {
  runner.handle(event.data);
  if (runner.busy) schedule();
};
