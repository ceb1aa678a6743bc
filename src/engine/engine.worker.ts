/// <reference lib="webworker" />
/** The engine's Web Worker: runs the simulation off the main thread. */
import { EngineRunner } from './engine-runner';
import type { EngineCommand } from './protocol';

/** Wall ms between two ticks while the runner is not busy (paced by wall time). */
const TICK_EVERY_MS = 16;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const runner = new EngineRunner(
  (message) => scope.postMessage(message),
  () => performance.now(),
);
scope.onmessage = (event: MessageEvent<EngineCommand>) => runner.handle(event.data);

// A busy runner ticks again right after the messages waiting are handled: a message to itself
// is a task with no timer's delay (nested timers are clamped to 4 ms or more).
const again = new MessageChannel();
function loop(): void {
  runner.tick();
  if (runner.busy) again.port2.postMessage(null);
  else setTimeout(loop, TICK_EVERY_MS);
}
again.port1.onmessage = loop;
setTimeout(loop, TICK_EVERY_MS);
