/// <reference lib="webworker" />
/** The engine's Web Worker: runs the simulation off the main thread. */
import { EngineRunner } from './engine-runner';
import type { EngineCommand } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const runner = new EngineRunner(
  (message) => scope.postMessage(message),
  () => performance.now(),
);
scope.onmessage = (event: MessageEvent<EngineCommand>) => runner.handle(event.data);
setInterval(() => runner.tick(), 16);
