/**
 * The lab's zustand store: the run, the experiments and the notices (see `types.ts`), wired to
 * the engine host and the batch host. Engine messages that arrive within one frame are handled
 * together, in one update, and messages from an earlier run (before a load) are dropped.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { defaultScenario, parseScenario, type ScenarioInput } from '../core';
import type { BatchHost } from '../engine/batch-host';
import type { EngineHost } from '../engine/engine-host';
import type { ParseHost } from '../engine/parse-host';
import type { EngineCommand, EngineMessage, EngineSnapshot } from '../engine/protocol';
import { createExperimentsSlice } from './experiments-slice';
import { createRunSlice } from './run-slice';
import type { LabState, NoticeSlice, SliceSet } from './types';

export { appendEntry, MAX_FINE, MAX_POINTS, MAX_SCENARIO_FILE_BYTES, SPEEDS } from './run-slice';
export type {
  CompareResult,
  DeadLetterRow,
  JobState,
  LabState,
  Notice,
  RunResult,
  Speed,
  SweepLine,
  SweepResult,
  SweepRow,
} from './types';

/** The lab store's API. */
export type LabStore = StoreApi<LabState>;

/** Options of `createLabStore`. */
export interface LabStoreOptions {
  /** Runs comparisons and sweeps off the live engine. */
  readonly batch: BatchHost;
  /**
   * Schedules the handling of the engine's messages; messages that arrive meanwhile are handled
   * together, in one render. The page passes `requestAnimationFrame`; by default (tests) each
   * message is handled at once.
   */
  readonly schedule?: (flush: () => void) => void;
  /** Reads scenario files off the main thread (the page passes its parse worker). */
  readonly parse: ParseHost;
}

function createNoticeSlice(set: SliceSet<NoticeSlice>): NoticeSlice {
  return {
    notice: null,
    notify: (kind, text) => set({ notice: { kind, text } }),
    dismissNotice: () => set({ notice: null }),
  };
}

/** Creates a lab store driving the engine in `host`, loaded with `scenario`. */
export function createLabStore(
  host: EngineHost,
  scenario: ScenarioInput,
  options: LabStoreOptions,
): LabStore {
  // The defaults need no parsing: building the scenario's schema would cost the page's start
  // tens of ms.
  const initial = Object.keys(scenario).length === 0 ? defaultScenario() : parseScenario(scenario);
  // Runs started (loads sent): a message of an earlier run no longer applies.
  let run = 0;
  const send = (command: EngineCommand) => {
    if (command.type === 'load') run++;
    host.send(command);
  };
  let receive: (messages: readonly EngineMessage[]) => void = () => {};
  const store = createStore<LabState>()((set, get) => {
    const run = createRunSlice(set, get, send, initial, options.parse);
    receive = run.receive;
    return {
      ...createNoticeSlice(set),
      ...run.slice,
      ...createExperimentsSlice(set, get, options.batch),
    };
  });
  const { schedule } = options;
  let queued: EngineMessage[] = [];
  // The parts of the next snapshot (`points` messages), of the run `partsRun`.
  let parts: EngineSnapshot['points'] = [];
  let partsRun = -1;
  host.listen((received) => {
    let message = received;
    if (message.run !== run && message.type !== 'failed') return;
    if (message.type === 'points') {
      if (partsRun !== message.run) parts = [];
      partsRun = message.run;
      parts.push(...message.points);
      return;
    }
    if (message.type === 'snapshot') {
      if (partsRun === message.run && parts.length > 0) {
        message = { ...message, points: [...parts, ...message.points] };
      }
      parts = [];
    }
    if (schedule === undefined) {
      receive([message]);
      return;
    }
    queued.push(message);
    if (queued.length === 1) {
      schedule(() => {
        const batch = queued.filter((m) => m.run === run || m.type === 'failed');
        queued = [];
        receive(batch);
      });
    }
  });
  send({ type: 'load', scenario: initial });
  return store;
}
