/**
 * The run slice: the scenario being edited (base settings plus the timeline of live changes),
 * the run's status, and a bounded window of chart points from the engine's snapshots. The
 * engine lives behind an `EngineHost` (a Web Worker in the page); verbs send it commands. Live
 * changes come back as timeline entries, so a reset replays the run exactly, and the settings
 * the controls show are the timeline's up to the engine's time: nothing is echoed back.
 */
import {
  checkConfig,
  checkMemoryBudget,
  configAt,
  groupedNumber,
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
  withoutUnusedP99,
} from '../core';
import type { ParseHost } from '../engine/parse-host';
import type { EngineCommand, EngineMessage, EngineSnapshot } from '../engine/protocol';
import { findGuided, guidedTitled, loadGuided } from '../share/presets';
import type { LabState, RunSlice, SliceSet } from './types';

/** The speeds the run bar offers, in order. */
export { SPEEDS } from '../core';

/** Most 1 s chart points kept: 15 minutes of virtual time. */
export const MAX_POINTS = 900;
/** Most 250 ms call counts kept: 15 minutes of virtual time, the widest chart window. */
export const MAX_FINE = 3600;
/**
 * Largest scenario file imported, bytes: a file of 100,000 timeline entries is about 8 MB; a
 * larger one could only fill the tab's memory (issue 13.4).
 */
export const MAX_SCENARIO_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Adds `entry` (a change recorded at the engine's time) in time order: after every entry at or
 * before its time, so before the script's changes still to come. A change at the same instant
 * as the person's previous one merges into it (one slider drag is one entry); never into the
 * script's (`script`), which stays as it came.
 */
export function appendEntry(
  timeline: readonly TimelineEntry[],
  entry: TimelineEntry,
  script: readonly TimelineEntry[] = [],
): TimelineEntry[] {
  let at = timeline.length;
  while (at > 0 && timeline[at - 1]!.atMs > entry.atMs) at--;
  const before = timeline[at - 1];
  if (
    before !== undefined &&
    'set' in before &&
    'set' in entry &&
    before.atMs === entry.atMs &&
    !script.includes(before)
  ) {
    const merged = { atMs: entry.atMs, set: { ...before.set, ...entry.set } };
    return [...timeline.slice(0, at - 1), merged, ...timeline.slice(at)];
  }
  return [...timeline.slice(0, at), entry, ...timeline.slice(at)];
}

/** The person's own entries of `timeline`: those not in `script`. */
export function ownEntries(
  timeline: readonly TimelineEntry[],
  script: readonly TimelineEntry[],
): TimelineEntry[] {
  return timeline.filter((entry) => !script.includes(entry));
}

/** What a notice says of replays refused at once. */
function refusedReplayText({ replayed, refused }: { replayed: number; refused: number }) {
  const what =
    replayed === 1
      ? 'The dead letter replayed was refused at once'
      : `${groupedNumber(refused)} of the ${groupedNumber(replayed)} dead letters replayed were refused at once`;
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
  parse: Pick<ParseHost, 'readScenario'>,
): { slice: RunSlice; receive(messages: readonly EngineMessage[]): void } {
  const shown = new ShownConfig();
  /** Counts guided scenarios asked for, so that only the last one picked loads. */
  let presetAsked = 0;
  /** Loads `next`; a variant of the same run keeps its preset and story card as they are. */
  const load = (next: Scenario, variant = false) => {
    shown.pending = [];
    // A message about what was open before (a refused file, a bad link) is stale now.
    if (!variant && get().notice !== null) get().dismissNotice();
    set({
      ...(variant
        ? {}
        : {
            preset: guidedTitled(next.meta?.title),
            storyHidden: false,
            script: next.timeline,
            // A guided scenario opens at its own speed, its key moments in good time.
            ...(next.meta?.speed === undefined ? {} : { speed: next.meta.speed }),
          }),
      moment: null,
      fastForwardProgress: null,
      stepProgress: null,
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
    // A fast-forward or step the page stopped (pause) ignores the progress of snapshots in flight.
    fastForwardProgress: state.fastForwardProgress === null ? null : snapshot.fastForward,
    stepProgress: state.stepProgress === null ? null : snapshot.step,
  });

  /** Applies one engine message to `state` (the slice's fields so far), returning the changes. */
  const apply = (state: LabState, message: EngineMessage): Partial<RunSlice> => {
    switch (message.type) {
      case 'snapshot':
        return onSnapshot(state, message);
      case 'points':
        // Joined to the snapshot that follows them by the store's listener (`createLabStore`).
        return {};
      case 'recorded':
        if ('set' in message.entry) shown.pending.shift();
        return {
          scenario: {
            ...state.scenario,
            timeline: appendEntry(state.scenario.timeline, message.entry, state.script),
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
      case 'stopped':
        return {
          running: false,
          pausing: false,
          moment: state.scenario.meta?.moments?.find((m) => m.atMs === message.atMs) ?? null,
        };
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
    preset: guidedTitled(initial.meta?.title),
    storyHidden: false,
    fastForwardProgress: null,
    stepProgress: null,
    scenario: initial,
    script: initial.timeline,
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
    pauseAtMoments: true,
    moment: null,

    play: () => {
      const { scenario, nowMs, speed, pauseAtMoments } = get();
      set({ running: true, pausing: false, moment: null });
      const next = pauseAtMoments ? scenario.meta?.moments?.find((m) => m.atMs > nowMs) : undefined;
      send({ type: 'play', speed, ...(next === undefined ? {} : { stopAtMs: next.atMs }) });
    },
    setPauseAtMoments: (on) => {
      set({ pauseAtMoments: on });
      // Playing on: the engine learns of the change with a new play from where it is.
      if (get().running) get().play();
    },
    pause: () => {
      const { running, fastForwardProgress, stepProgress } = get();
      set({
        running: false,
        pausing: running || fastForwardProgress !== null || stepProgress !== null,
        fastForwardProgress: null,
        stepProgress: null,
      });
      send({ type: 'pause' });
    },
    step: () => {
      if (get().running) get().pause();
      // The engine's snapshot after the step says whether it is still under way.
      set({ stepProgress: 0, fastForwardProgress: null });
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
        // issue 13.2: a change may not take the run beyond the memory a tab gives it.
        checkMemoryBudget(
          nowMs === 0 && !running
            ? { ...scenario, ...next }
            : { ...scenario, timeline: [...scenario.timeline, { atMs: nowMs, set: parsed }] },
        );
      } catch (caught) {
        if (!(caught instanceof ScenarioError)) throw caught;
        error(caught.message);
        return;
      }
      if (nowMs === 0 && !running) {
        // Nothing has run yet: the change edits the run's starting point (a p99 left behind by a
        // latency that is no longer lognormal goes: a file could not hold it).
        load(withoutUnusedP99({ ...scenario, ...next }), true);
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
      const { scenario, script } = get();
      set({
        scenario: { ...scenario, timeline: scenario.timeline.filter((e) => script.includes(e)) },
      });
      get().notify(
        'info',
        script.length === 0
          ? 'Your changes are forgotten: a reset now starts from the starting settings alone.'
          : "Your changes are forgotten: a reset now replays the scenario's own script alone.",
      );
    },
    applyFromStart: () => {
      const { scenario, script } = get();
      const own = ownEntries(scenario.timeline, script);
      const changes = own.flatMap((entry) => ('set' in entry ? [entry.set] : []));
      if (changes.length === 0) return;
      const next = structuredClone(scenario);
      try {
        for (const set of changes) {
          for (const [path, value] of Object.entries(set)) {
            setField(next, path as SettablePath, value);
          }
        }
        checkConfig(startingConfig(next), '');
      } catch (caught) {
        if (!(caught instanceof ScenarioError)) throw caught;
        error(`Your changes cannot all apply from 0:00: ${caught.message}`);
        return;
      }
      // The script and the person's other actions stay as they were, the same entries.
      next.timeline = scenario.timeline.filter((entry) => !('set' in entry && own.includes(entry)));
      const wasRunning = get().running;
      load(next, true);
      get().notify(
        'info',
        `${changes.length === 1 ? 'Your change now applies' : `Your ${changes.length} changes now apply`} from 0:00, and the run started again.`,
      );
      if (wasRunning) get().play();
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
    importScenarioFile: async (file) => {
      const refused = (why: string) => {
        error(`${file.name}: This scenario cannot be loaded: ${why}`);
        return false;
      };
      if (file.size > MAX_SCENARIO_FILE_BYTES) {
        const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
        return refused(
          `the file is ${mb(file.size)} MB, and scenario files are at most ${MAX_SCENARIO_FILE_BYTES / 1024 / 1024} MB.`,
        );
      }
      let read: Awaited<ReturnType<ParseHost['readScenario']>>;
      try {
        read = await parse.readScenario(await file.text());
      } catch (caught) {
        return refused(`it could not be read (${(caught as Error).message}).`);
      }
      if (!read.ok) return refused(read.message);
      load(read.scenario);
      return true;
    },
    loadPreset: async (id) => {
      const entry = findGuided(id);
      if (entry === undefined) {
        error(`There is no guided scenario "${id}"; the lab kept its current run.`);
        return;
      }
      const asked = ++presetAsked;
      const modeAsked = get().mode;
      let scenario: Scenario;
      try {
        scenario = await loadGuided(id, parse.readScenario);
      } catch (caught) {
        error(
          `The guided scenario "${entry.title}" could not be loaded (${(caught as Error).message}); the lab kept its current run.`,
        );
        return;
      }
      // Two picks in quick succession: the last one wins.
      if (asked !== presetAsked) return;
      load(scenario);
      // Into the live lab, where its story plays: unless the person moved to another mode while
      // it loaded (a link opens a guided scenario as the page starts, read in the parse worker).
      if (get().mode === modeAsked) get().setMode('live');
    },
    hideStory: () => set({ storyHidden: true }),
    fastForward: (ms) => {
      if (!(ms > 0 && ms <= MAX_DURATION_MS)) {
        error(`Fast-forward takes 1 ms to 30 days of virtual time, got ${ms} ms.`);
        return;
      }
      set({ running: false, pausing: false, fastForwardProgress: 0, stepProgress: null });
      send({ type: 'fastForward', ms });
    },
    openLink: (link) => {
      load(link.scenario);
      // Kept since links carry it; an older link opens at the scenario's own speed.
      if (link.speed !== undefined) get().setSpeed(link.speed);
      get().openExperiments(link);
      if (link.atMs > 0) get().fastForward(link.atMs);
    },
    linkState: () => {
      const { scenario, nowMs, mode, compare, sweep, speed } = get();
      return { scenario, atMs: nowMs, mode, compare, sweep, speed };
    },
  };
  return { slice, receive };
}
