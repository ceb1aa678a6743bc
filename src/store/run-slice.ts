/**
 * The run slice: the scenario being edited (base settings plus the timeline of live changes),
 * the run's status, and a bounded window of chart points from the engine's snapshots. The
 * engine lives behind an `EngineHost` (a Web Worker in the page); verbs send it commands. Live
 * changes come back as timeline entries, so a reset replays the run exactly, and the settings
 * the controls show are the timeline's up to the engine's time: nothing is echoed back.
 */
import {
  checkConfig,
  configAt,
  MAX_DURATION_MS,
  parseScenario,
  parseSettable,
  type RelayConfig,
  type Scenario,
  ScenarioError,
  type SettablePath,
  setField,
  startingConfig,
  type TimelineEntry,
} from '../core';
import type { EngineCommand, EngineMessage, EngineSnapshot, Speed } from '../engine/protocol';
import { findPreset, presetTitled } from '../share/presets';
import type { LabState, RunSlice, SliceSet } from './types';

/** The speeds the run bar offers, in order. */
export const SPEEDS: readonly Speed[] = [1, 10, 100, 'max'];

/** Most 1 s chart points kept: 15 minutes of virtual time. */
export const MAX_POINTS = 900;
/** Most 250 ms call counts kept: 60 s of virtual time. */
export const MAX_FINE = 240;

/** Appends `entry`, merging it into the previous one when both set fields at the same instant. */
export function appendEntry(timeline: TimelineEntry[], entry: TimelineEntry): TimelineEntry[] {
  const last = timeline.at(-1);
  if (last !== undefined && 'set' in last && 'set' in entry && last.atMs === entry.atMs) {
    return [...timeline.slice(0, -1), { atMs: entry.atMs, set: { ...last.set, ...entry.set } }];
  }
  return [...timeline, entry];
}

/** What a notice says of replays refused at once. */
function refusedReplayText({ replayed, refused }: { replayed: number; refused: number }) {
  const what =
    replayed === 1
      ? 'The dead letter replayed was refused at once'
      : `${refused.toLocaleString('en-US')} of the ${replayed.toLocaleString('en-US')} dead letters replayed were refused at once`;
  return `${what} (429: the relay is full, or 409: its key is in progress) and ${refused === 1 ? 'is' : 'are'} back in the dead-letter queue: replay again once the queue has drained.`;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function keepLast<T>(items: T[], more: T[], limit: number): T[] {
  if (more.length === 0) return items;
  return items.length + more.length > limit
    ? [...items, ...more].slice(-limit)
    : [...items, ...more];
}

/**
 * The settings the controls show: the timeline's at `nowMs`, with the changes sent and not yet
 * recorded by the engine on top (in order).
 */
class ShownConfig {
  #scenario: Scenario | null = null;
  #applied: RelayConfig | null = null;
  #nextAtMs = 0;
  #nowMs = 0;
  /** Changes sent to the engine, oldest first; each leaves when the engine records or refuses it. */
  pending: Array<Record<string, unknown>> = [];

  /** The config at `nowMs` for `scenario`; recomputed only when the timeline moved past a change. */
  at(scenario: Scenario, nowMs: number, previous: RelayConfig): RelayConfig {
    if (scenario !== this.#scenario || nowMs < this.#nowMs || nowMs >= this.#nextAtMs) {
      const { config, nextAtMs } = configAt(scenario, nowMs);
      this.#scenario = scenario;
      this.#applied = config;
      this.#nextAtMs = nextAtMs;
    }
    this.#nowMs = nowMs;
    let shown = this.#applied!;
    if (this.pending.length > 0) {
      shown = structuredClone(shown);
      for (const changes of this.pending) {
        for (const [path, value] of Object.entries(changes)) {
          setField(shown, path as SettablePath, value);
        }
      }
    }
    // Unchanged settings keep their identity, so the controls do not render again.
    return sameJson(shown, previous) ? previous : shown;
  }
}

/** Creates the run slice; `send` hands a command to the engine. */
export function createRunSlice(
  set: SliceSet<RunSlice>,
  get: () => LabState,
  send: (command: EngineCommand) => void,
  initial: Scenario,
): { slice: RunSlice; receive(messages: readonly EngineMessage[]): void } {
  const shown = new ShownConfig();
  /** Loads `next`; a variant of the same run keeps its preset and story card as they are. */
  const load = (next: Scenario, variant = false) => {
    shown.pending = [];
    set({
      ...(variant ? {} : { preset: presetTitled(next.meta?.title), storyHidden: false }),
      fastForwardProgress: null,
      scenario: next,
      config: startingConfig(next),
      nowMs: 0,
      running: false,
      pausing: false,
      points: [],
      fineCalls: [],
      deadLetters: [],
      inspected: null,
      engineFailure: null,
    });
    send({ type: 'load', scenario: next });
    // A scenario that suggests a sweep (a guided one) fills the sweep panel with it.
    if (!variant) get().suggestSweep(next.meta?.sweep);
  };
  const error = (text: string) => get().notify('error', text);

  const onSnapshot = (state: LabState, snapshot: EngineSnapshot): Partial<RunSlice> => ({
    nowMs: snapshot.nowMs,
    actualSpeed: snapshot.actualSpeed,
    summary: snapshot.summary,
    // Unchanged parts keep their identity, so what shows them does not render again.
    deadLetters: sameJson(state.deadLetters, snapshot.deadLetters)
      ? state.deadLetters
      : snapshot.deadLetters,
    points: keepLast(snapshot.fresh ? [] : state.points, snapshot.points, MAX_POINTS),
    fineCalls: keepLast(snapshot.fresh ? [] : state.fineCalls, snapshot.fineCalls, MAX_FINE),
    // A fast-forward the page stopped (pause) ignores the progress of snapshots in flight.
    fastForwardProgress: state.fastForwardProgress === null ? null : snapshot.fastForward,
  });

  /** Applies one engine message to `state` (the slice's fields so far), returning the changes. */
  const apply = (state: LabState, message: EngineMessage): Partial<RunSlice> => {
    switch (message.type) {
      case 'snapshot':
        return onSnapshot(state, message);
      case 'recorded':
        if ('set' in message.entry) shown.pending.shift();
        return {
          scenario: {
            ...state.scenario,
            timeline: appendEntry(state.scenario.timeline, message.entry),
          },
        };
      case 'rejected':
        if (message.command === 'set') shown.pending.shift();
        error(message.message);
        return {};
      case 'paused':
        return { pausing: false };
      case 'deadLetter':
        return { inspected: message.entry };
      case 'replayRefused':
        get().notify('info', refusedReplayText(message));
        return {};
      case 'failed':
        return { engineFailure: message.message, running: false, pausing: false };
    }
  };

  /** Handles the engine's messages that arrived together, in one update. */
  const receive = (messages: readonly EngineMessage[]) => {
    let state = get();
    const changes: Partial<RunSlice> = {};
    for (const message of messages) {
      Object.assign(changes, apply(state, message));
      state = { ...state, ...changes };
    }
    changes.config = shown.at(state.scenario, state.nowMs, state.config);
    set(changes);
  };

  const slice: RunSlice = {
    preset: presetTitled(initial.meta?.title),
    storyHidden: false,
    fastForwardProgress: null,
    scenario: initial,
    config: startingConfig(initial),
    nowMs: 0,
    running: false,
    pausing: false,
    speed: 1,
    actualSpeed: 0,
    points: [],
    fineCalls: [],
    summary: null,
    deadLetters: [],
    inspected: null,
    engineFailure: null,
    spikeCount: 200,

    play: () => {
      set({ running: true, pausing: false });
      send({ type: 'play', speed: get().speed });
    },
    pause: () => {
      const { running, fastForwardProgress } = get();
      set({
        running: false,
        pausing: running || fastForwardProgress !== null,
        fastForwardProgress: null,
      });
      send({ type: 'pause' });
    },
    step: () => {
      if (get().running) get().pause();
      send({ type: 'step', ms: 1000 });
    },
    reset: () => load(get().scenario, true),
    setSpeed: (speed) => {
      set({ speed });
      send({ type: 'setSpeed', speed });
    },
    setSeed: (seed) => {
      if (!(Number.isInteger(seed) && seed >= 0 && seed <= 4_294_967_295)) {
        error(`The seed must be a whole number from 0 to 4294967295, got ${seed}.`);
        return;
      }
      load({ ...get().scenario, seed }, true);
    },
    setParam: (path, value) => get().setParams({ [path]: value }),
    setParams: (changes) => {
      const { scenario, nowMs, running, config } = get();
      const next = structuredClone(config);
      const parsed: Record<string, unknown> = {};
      try {
        for (const [path, value] of Object.entries(changes)) {
          parsed[path] = parseSettable(path, value);
          setField(next, path as SettablePath, parsed[path]);
        }
        checkConfig(next, '', new Set(Object.keys(changes)));
      } catch (caught) {
        if (!(caught instanceof ScenarioError)) throw caught;
        error(caught.message);
        return;
      }
      if (nowMs === 0 && !running) {
        // Nothing has run yet: the change edits the run's starting point.
        load({ ...scenario, ...next }, true);
        return;
      }
      shown.pending.push(parsed);
      set({ config: next });
      send({ type: 'set', changes: parsed });
    },
    setSpikeCount: (count) => set({ spikeCount: count }),
    spike: () => send({ type: 'burst', count: get().spikeCount }),
    replayDeadLetter: (id) => send({ type: 'replayDeadLetter', id }),
    replayAllDeadLetters: () => send({ type: 'replayAllDeadLetters' }),
    clearDeadLetters: () => {
      set({ inspected: null });
      send({ type: 'clearDeadLetters' });
    },
    inspectDeadLetter: (id) => {
      if (id === null) set({ inspected: null });
      else send({ type: 'inspectDeadLetter', id });
    },
    clearTimeline: () => {
      set({ scenario: { ...get().scenario, timeline: [] } });
      get().notify('info', 'Recorded changes cleared: a reset now starts from the settings alone.');
    },
    loadScenario: (input) => {
      try {
        load(parseScenario(input));
        return true;
      } catch (caught) {
        if (!(caught instanceof ScenarioError)) throw caught;
        error(`This scenario cannot be loaded: ${caught.message}`);
        return false;
      }
    },
    loadPreset: (id) => {
      const preset = findPreset(id);
      if (preset === undefined) {
        error(`There is no guided scenario "${id}"; the lab kept its current run.`);
        return;
      }
      load(preset.scenario);
      get().setMode('live');
    },
    hideStory: () => set({ storyHidden: true }),
    fastForward: (ms) => {
      if (!(ms > 0 && ms <= MAX_DURATION_MS)) {
        error(`Fast-forward takes 1 ms to 30 days of virtual time, got ${ms} ms.`);
        return;
      }
      set({ running: false, pausing: false, fastForwardProgress: 0 });
      send({ type: 'fastForward', ms });
    },
    openLink: (link) => {
      load(link.scenario);
      get().openExperiments(link);
      if (link.atMs > 0) get().fastForward(link.atMs);
    },
    linkState: () => {
      const { scenario, nowMs, mode, compare, sweep } = get();
      return { scenario, atMs: nowMs, mode, compare, sweep };
    },
  };
  return { slice, receive };
}
