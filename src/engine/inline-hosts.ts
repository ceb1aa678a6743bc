/**
 * The engine and the batch runner on the same thread, for tests only (the page runs them in Web
 * Workers): messages are delivered synchronously, and wall time is what the test says it is.
 * No production module imports this file (the architecture test holds it to that).
 */
import { readLinkData, readScenarioText } from '../core';
import type { BatchHost } from './batch-host';
import { createBatchPool, type LaneLink } from './batch-pool';
import { LaneRunner } from './batch-runner';
import type { EngineHost } from './engine-host';
import { EngineRunner } from './engine-runner';
import type { ParseHost } from './parse-host';
import type { EngineMessage, LaneMessage } from './protocol';

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

/** Options of `createInlineBatchHost`. */
export interface InlineBatchOptions {
  /** Lanes the pool spreads a job over (default 2, as on the smallest machine). */
  readonly lanes?: number;
  /** Which of the busy lanes (their indices) works the next slice; by default each in turn. */
  readonly pick?: (busy: readonly number[]) => number;
}

/**
 * The batch pool on the same thread: a job runs to its end when it is sent, its lanes taking
 * slices in turn (or in the order `pick` chooses), as workers would in parallel.
 */
export function createInlineBatchHost(options: InlineBatchOptions = {}): BatchHost {
  let wallMs = 0;
  // Each reading moves the clock, so a lane's slice is a few steps and the lanes interleave.
  const now = () => (wallMs += 10);
  const runners: LaneRunner[] = [];
  const links = Array.from({ length: options.lanes ?? 2 }, (): LaneLink => {
    let listener: (message: LaneMessage) => void = () => {};
    const runner = new LaneRunner((message) => listener(structuredClone(message)), now);
    runners.push(runner);
    return {
      send: (command) => runner.handle(structuredClone(command)),
      listen: (next) => {
        listener = next;
      },
    };
  });
  const pool = createBatchPool(links);
  let turn = 0;
  const pump = () => {
    for (;;) {
      const busy = runners.flatMap((runner, i) => (runner.busy ? [i] : []));
      if (busy.length === 0) return;
      const lane = options.pick?.(busy) ?? busy[turn++ % busy.length]!;
      runners[lane]!.work();
    }
  };
  return {
    send: (command) => {
      pool.send(structuredClone(command));
      pump();
    },
    listen: (next) => pool.listen(next),
  };
}

/** Reading files and links on the same thread (the page reads them in a worker). */
export function createInlineParseHost(): ParseHost {
  return {
    readScenario: async (text) => readScenarioText(text),
    readLink: async (json, linkVersion) => readLinkData(json, linkVersion),
  };
}
