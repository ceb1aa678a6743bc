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

// The next slice is a message to itself: a task of its own, so a cancel or the next run can
// arrive in between, with no timer's delay (nested timers are clamped to 4 ms or more: a sixth
// of the lane's time with 25 ms slices).
const again = new MessageChannel();
again.port1.onmessage = () => {
  scheduled = false;
  if (runner.work()) schedule();
};

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  again.port2.postMessage(null);
}

scope.onmessage = (event: MessageEvent<LaneCommand>) => {
  runner.handle(event.data);
  if (runner.busy) schedule();
};
