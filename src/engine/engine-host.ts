/** Where the engine runs: in a Web Worker (tests use `inline-hosts.ts` instead). */
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
    // The worker itself failed: that applies to whatever run it had (-1).
    listener({
      type: 'failed',
      run: -1,
      message: event.message || 'The engine stopped unexpectedly.',
    });
  };
  return {
    send: (command) => worker.postMessage(command),
    listen: (next) => {
      listener = next;
    },
    terminate: () => worker.terminate(),
  };
}
