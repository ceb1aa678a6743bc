/**
 * The engine and the batch runner on the same thread, for tests only (the page runs them in Web
 * Workers): messages are delivered synchronously, and wall time is what the test says it is.
 * No production module imports this file (the architecture test holds it to that).
 */
import { readLinkData, readScenarioText } from '../core';
import type { BatchHost } from './batch-host';
import { BatchRunner } from './batch-runner';
import type { EngineHost } from './engine-host';
import { EngineRunner } from './engine-runner';
import type { ParseHost } from './parse-host';
import type { EngineMessage } from './protocol';

/** An engine on the same thread: `tick(ms)` advances its wall clock and ticks once. */
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

/** The batch runner on the same thread: a job runs to its end when it is sent. */
export function createInlineBatchHost(): BatchHost {
  let listener: Parameters<BatchHost['listen']>[0] = () => {};
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

/** Reading files and links on the same thread (the page reads them in a worker). */
export function createInlineParseHost(): ParseHost {
  return {
    readScenario: async (text) => readScenarioText(text),
    readLink: async (json, linkVersion) => readLinkData(json, linkVersion),
  };
}
