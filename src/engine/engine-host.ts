/**
 * Where the engine runs: in a Web Worker for the page, or on the same thread for tests (driven
 * by hand, with a wall clock the test controls).
 */
import { EngineRunner } from './engine-runner';
import type { EngineCommand, EngineMessage } from './protocol';

/** A running engine the store talks to. */
export interface EngineHost {
  send(command: EngineCommand): void;
  /** Registers the one listener for the engine's messages. */
  listen(listener: (message: EngineMessage) => void): void;
  terminate(): void;
}

/** The engine in a Web Worker. */
export function createWorkerHost(): EngineHost {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
  let listener: (message: EngineMessage) => void = () => {};
  worker.onmessage = (event: MessageEvent<EngineMessage>) => listener(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    listener({ type: 'failed', message: event.message || 'The engine stopped unexpectedly.' });
  };
  return {
    send: (command) => worker.postMessage(command),
    listen: (next) => {
      listener = next;
    },
    terminate: () => worker.terminate(),
  };
}

/** An engine on the same thread, for tests: `tick(ms)` advances its wall clock and ticks once. */
export interface InlineHost extends EngineHost {
  tick(wallMs: number): void;
}

/** Creates an engine on the same thread; messages are delivered synchronously. */
export function createInlineHost(): InlineHost {
  let wallMs = 0;
  let listener: (message: EngineMessage) => void = () => {};
  const runner = new EngineRunner(
    (message) => listener(structuredClone(message)),
    () => wallMs,
  );
  return {
    send: (command) => runner.handle(structuredClone(command)),
    listen: (next) => {
      listener = next;
    },
    terminate: () => {},
    tick: (ms) => {
      wallMs += ms;
      runner.tick();
    },
  };
}
