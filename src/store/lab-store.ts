/**
 * The lab's zustand store: the scenario being edited (base settings plus the timeline of live
 * changes), the run's status, and a bounded window of chart points from the engine's snapshots.
 * The engine itself lives behind an `EngineHost` (a Web Worker in the page); actions are verbs
 * that send it commands. Live changes come back as timeline entries, so a reset replays the run
 * exactly.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  checkConfig,
  type DeadLetter,
  MAX_DURATION_MS,
  type MetricsBucket,
  parseScenario,
  parseSettable,
  type RelayConfig,
  type RunSummary,
  type Scenario,
  ScenarioError,
  type ScenarioInput,
  type SettablePath,
  setField,
  type TimelineEntry,
} from '../core';
import { type BatchHost, createInlineBatchHost } from '../engine/batch-host';
import type { EngineHost } from '../engine/engine-host';
import { MAX_FINE, MAX_POINTS } from '../engine/engine-runner';
import type {
  DeadLetterRow,
  EngineCommand,
  EngineMessage,
  EngineSnapshot,
  Speed,
} from '../engine/protocol';
import type { LinkState } from '../share/link';
import { findPreset, type Preset, presetTitled } from '../share/presets';
import { createExperimentsSlice, type ExperimentsState } from './experiments-slice';

/** A message for the person at the controls. */
export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

/** Everything the page shows, and the verbs that change it. */
export interface LabState extends ExperimentsState {
  /** The run's document: base settings, seed and the timeline (scripted and recorded). */
  scenario: Scenario;
  /** Settings in force now, as the controls show them. */
  config: RelayConfig;
  nowMs: number;
  running: boolean;
  speed: Speed;
  actualSpeed: number;
  /** 1 s chart points, oldest first, at most `MAX_POINTS`. */
  points: MetricsBucket[];
  /** 250 ms downstream-call counts as [startMs, calls], at most `MAX_FINE`. */
  fineCalls: Array<[number, number]>;
  summary: RunSummary | null;
  deadLetters: DeadLetterRow[];
  inspected: DeadLetter | null;
  notice: Notice | null;
  /** Set when the engine failed; the page offers a reset. */
  engineFailure: string | null;
  spikeCount: number;
  /**
   * The guided scenario the run is based on (by its title), or null. Reset, a new seed and
   * setting changes keep it; a link or a file of a preset finds it again.
   */
  preset: Preset | null;
  /** The story card was closed; it comes back with the next scenario loaded. */
  storyHidden: boolean;
  /** Progress of a fast-forward (0..1), or null. */
  fastForwardProgress: number | null;

  play(): void;
  pause(): void;
  /** Advances 1 s of virtual time (pausing first). */
  step(): void;
  /** Restarts the scenario from 0 with its timeline: the same run again. */
  reset(): void;
  setSpeed(speed: Speed): void;
  setSeed(seed: number): void;
  setParam(path: SettablePath, value: unknown): void;
  /** Changes several settings at once (checked together, recorded as one timeline entry). */
  setParams(changes: Partial<Record<SettablePath, unknown>>): void;
  setSpikeCount(count: number): void;
  spike(): void;
  replayDeadLetter(id: number): void;
  replayAllDeadLetters(): void;
  clearDeadLetters(): void;
  inspectDeadLetter(id: number | null): void;
  /** Forgets the timeline, so the next reset starts from the base settings alone. */
  clearTimeline(): void;
  /** Replaces the scenario (an object or JSON text) and resets; false (with a notice) when invalid. */
  loadScenario(scenario: unknown): boolean;
  /** Loads a guided scenario by id and resets with its seed. */
  loadPreset(id: string): void;
  /** Closes the story card (until another scenario loads). */
  hideStory(): void;
  /** Runs `ms` of virtual time as fast as possible, with progress; pausing cancels it. */
  fastForward(ms: number): void;
  /** Opens a shared link's state: its scenario, mode, comparison and sweep, at its time. */
  openLink(link: LinkState): void;
  /** The state a link to this run carries. */
  linkState(): LinkState;
  dismissNotice(): void;
}

/** The lab store's API. */
export type LabStore = StoreApi<LabState>;

function configOf(scenario: Scenario): RelayConfig {
  return structuredClone({
    traffic: scenario.traffic,
    downstream: scenario.downstream,
    relay: scenario.relay,
  });
}

/** Appends `entry`, merging it into the previous one when both set fields at the same instant. */
export function appendEntry(timeline: TimelineEntry[], entry: TimelineEntry): TimelineEntry[] {
  const last = timeline.at(-1);
  if (last !== undefined && 'set' in last && 'set' in entry && last.atMs === entry.atMs) {
    return [...timeline.slice(0, -1), { atMs: entry.atMs, set: { ...last.set, ...entry.set } }];
  }
  return [...timeline, entry];
}

/** True when two small plain values are equal (compared as JSON). */
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
  const all =
    items.length + more.length > limit ? [...items, ...more].slice(-limit) : [...items, ...more];
  return all;
}

/** Options of `createLabStore`. */
export interface LabStoreOptions {
  /** Runs comparisons and sweeps; by default on the same thread (tests). */
  readonly batch?: BatchHost;
  /**
   * Schedules the handling of the engine's messages; messages that arrive meanwhile are handled
   * together, in one render. The page passes `requestAnimationFrame`; by default (tests) each
   * message is handled at once.
   */
  readonly schedule?: (flush: () => void) => void;
}

/** Creates a lab store driving the engine in `host`, loaded with `scenario`. */
export function createLabStore(
  host: EngineHost,
  scenario: ScenarioInput = {},
  options: LabStoreOptions = {},
): LabStore {
  let sent = 0;
  const initial = parseScenario(scenario);
  const store = createStore<LabState>()((set, get) => {
    const experiments = createExperimentsSlice(set, get, options.batch ?? createInlineBatchHost());
    const send = (command: EngineCommand) => {
      sent++;
      host.send(command);
    };
    /** Loads `next`; a variant of the same run keeps its preset and story card as they are. */
    const load = (next: Scenario, variant = false) => {
      set({
        ...(variant ? {} : { preset: presetTitled(next.meta?.title), storyHidden: false }),
        fastForwardProgress: null,
        scenario: next,
        config: configOf(next),
        nowMs: 0,
        running: false,
        points: [],
        fineCalls: [],
        deadLetters: [],
        inspected: null,
        engineFailure: null,
      });
      send({ type: 'load', scenario: next });
    };
    return {
      ...experiments,
      preset: presetTitled(initial.meta?.title),
      storyHidden: false,
      fastForwardProgress: null,
      scenario: initial,
      config: configOf(initial),
      nowMs: 0,
      running: false,
      speed: 1,
      actualSpeed: 0,
      points: [],
      fineCalls: [],
      summary: null,
      deadLetters: [],
      inspected: null,
      notice: null,
      engineFailure: null,
      spikeCount: 200,

      play: () => {
        set({ running: true });
        send({ type: 'play', speed: get().speed });
      },
      pause: () => {
        set({ running: false, fastForwardProgress: null });
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
          set({
            notice: {
              kind: 'error',
              text: `The seed must be a whole number from 0 to 4294967295, got ${seed}.`,
            },
          });
          return;
        }
        load({ ...get().scenario, seed }, true);
      },
      setParam: (path, value) => get().setParams({ [path]: value }),
      setParams: (changes) => {
        const { scenario, nowMs, running, config } = get();
        const next = structuredClone(config);
        try {
          for (const [path, value] of Object.entries(changes)) {
            setField(next, path as SettablePath, parseSettable(path, value));
          }
          checkConfig(next, '', new Set(Object.keys(changes)));
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          set({ notice: { kind: 'error', text: error.message } });
          return;
        }
        if (nowMs === 0 && !running) {
          // Nothing has run yet: the change edits the run's starting point.
          load({ ...scenario, ...next }, true);
          return;
        }
        set({ config: next });
        send({ type: 'set', changes });
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
        set({
          scenario: { ...get().scenario, timeline: [] },
          notice: {
            kind: 'info',
            text: 'Recorded changes cleared: a reset now starts from the settings alone.',
          },
        });
      },
      loadScenario: (input) => {
        try {
          load(parseScenario(input));
          return true;
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          set({
            notice: { kind: 'error', text: `This scenario cannot be loaded: ${error.message}` },
          });
          return false;
        }
      },
      loadPreset: (id) => {
        const preset = findPreset(id);
        if (preset === undefined) {
          set({
            notice: {
              kind: 'error',
              text: `There is no guided scenario "${id}"; the lab kept its current run.`,
            },
          });
          return;
        }
        load(preset.scenario);
        set({ mode: 'live' });
      },
      hideStory: () => set({ storyHidden: true }),
      fastForward: (ms) => {
        if (!(ms > 0 && ms <= MAX_DURATION_MS)) {
          set({
            notice: {
              kind: 'error',
              text: `Fast-forward takes 1 ms to 30 days of virtual time, got ${ms} ms.`,
            },
          });
          return;
        }
        set({ running: false, fastForwardProgress: 0 });
        send({ type: 'fastForward', ms });
      },
      openLink: (link) => {
        load(link.scenario);
        set({ mode: link.mode, compare: link.compare, sweep: link.sweep });
        if (link.atMs > 0) get().fastForward(link.atMs);
      },
      linkState: () => {
        const { scenario, nowMs, mode, compare, sweep } = get();
        return { scenario, atMs: nowMs, mode, compare, sweep };
      },
      dismissNotice: () => set({ notice: null }),
    };
  });

  const onSnapshot = (snapshot: EngineSnapshot) => {
    const state = store.getState();
    const current = snapshot.handled >= sent;
    store.setState({
      nowMs: snapshot.nowMs,
      actualSpeed: snapshot.actualSpeed,
      summary: snapshot.summary,
      // Unchanged parts keep their identity, so what shows them does not render again.
      deadLetters: sameJson(state.deadLetters, snapshot.deadLetters)
        ? state.deadLetters
        : snapshot.deadLetters,
      points: keepLast(snapshot.fresh ? [] : state.points, snapshot.points, MAX_POINTS),
      fineCalls: keepLast(snapshot.fresh ? [] : state.fineCalls, snapshot.fineCalls, MAX_FINE),
      // A snapshot taken before the engine saw the page's latest command would undo it on screen.
      ...(current
        ? {
            config: sameJson(state.config, snapshot.config) ? state.config : snapshot.config,
            running: snapshot.running,
            fastForwardProgress: snapshot.fastForward,
          }
        : {}),
    });
  };

  const handle = (message: EngineMessage) => {
    switch (message.type) {
      case 'snapshot':
        onSnapshot(message);
        return;
      case 'recorded':
        store.setState((s) => ({
          scenario: { ...s.scenario, timeline: appendEntry(s.scenario.timeline, message.entry) },
        }));
        return;
      case 'rejected':
        store.setState({ notice: { kind: 'error', text: message.message } });
        return;
      case 'deadLetter':
        store.setState({ inspected: message.entry });
        return;
      case 'replayRefused':
        store.setState({ notice: { kind: 'info', text: refusedReplayText(message) } });
        return;
      case 'failed':
        store.setState({ engineFailure: message.message, running: false });
        return;
    }
  };
  const { schedule } = options;
  let queued: EngineMessage[] = [];
  host.listen((message) => {
    if (schedule === undefined) {
      handle(message);
      return;
    }
    queued.push(message);
    if (queued.length === 1) {
      schedule(() => {
        const batch = queued;
        queued = [];
        for (const m of batch) handle(m);
      });
    }
  });
  sent++;
  host.send({ type: 'load', scenario: initial });
  return store;
}
