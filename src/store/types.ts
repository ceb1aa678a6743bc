/**
 * The lab state: the run (scenario, settings in force, engine snapshots), the experiments
 * (comparison and sweep) and the notices, each a slice with its own fields and verbs. A slice
 * writes only its own fields and calls another slice's verbs, never sets its fields.
 */
import type {
  CompareConfig,
  DeadLetter,
  KeyMoment,
  MetricsBucket,
  RelayConfig,
  RunSummary,
  Scenario,
  SettablePath,
  SweepConfig,
  SweepResult,
  TimelineEntry,
} from '../core';
import type { DeadLetterRow, RunResult, Speed } from '../engine/protocol';
import type { LinkState, Mode } from '../share/link';
import type { GuidedEntry } from '../share/presets';
import type { SettingDifference } from './compare';

/** A message for the person at the controls. */
export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

/** Messages to the person: at most one at a time. */
export interface NoticeSlice {
  notice: Notice | null;
  notify(kind: Notice['kind'], text: string): void;
  dismissNotice(): void;
}

/** A file to import, as the page's file input gives it. */
export interface ScenarioFile {
  readonly name: string;
  /** Bytes. */
  readonly size: number;
  text(): Promise<string>;
}

/** The live run and the verbs that drive it. */
export interface RunSlice {
  /** The run's document: base settings, seed and the timeline (scripted and recorded). */
  scenario: Scenario;
  /**
   * The scenario's own timeline entries, as it was loaded (a guided scenario's outage, a file's
   * changes): the entries of `scenario.timeline` that are not the person's own changes.
   */
  script: readonly TimelineEntry[];
  /** Settings in force now, as the controls show them: the timeline up to now, plus changes
   * sent to the engine and not yet recorded by it. */
  config: RelayConfig;
  nowMs: number;
  running: boolean;
  /** True between Pause and the engine's answer: the clock may still move to where it stopped. */
  pausing: boolean;
  speed: Speed;
  actualSpeed: number;
  /** 1 s chart points, oldest first, at most `MAX_POINTS`. */
  points: MetricsBucket[];
  /** 250 ms downstream-call counts as [startMs, calls], at most `MAX_FINE`. */
  fineCalls: Array<[number, number]>;
  summary: RunSummary | null;
  deadLetters: DeadLetterRow[];
  inspected: DeadLetter | null;
  /** Set when the engine failed; the page offers a reset. */
  engineFailure: string | null;
  spikeCount: number;
  /**
   * The guided scenario the run is based on (by its title), or null. Reset, a new seed and
   * setting changes keep it; a link or a file of a preset finds it again.
   */
  preset: GuidedEntry | null;
  /** The story card was closed; it comes back with the next scenario loaded. */
  storyHidden: boolean;
  /** Progress of a fast-forward (0..1), or null. */
  fastForwardProgress: number | null;
  /** Whether play stops by itself at the guided scenario's key moments. */
  pauseAtMoments: boolean;
  /** The key moment the run stopped at, until it plays on (or loads again). */
  moment: KeyMoment | null;
  /** Progress of a step (0..1) while the engine works on it, or null. */
  stepProgress: number | null;

  /** Plays; stops by itself at the next key moment when `pauseAtMoments`. */
  play(): void;
  setPauseAtMoments(on: boolean): void;
  pause(): void;
  /**
   * Advances 1 s of virtual time (pausing first), in slices: a heavy step shows its progress,
   * and pausing stops it.
   */
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
  /** Forgets the person's recorded changes (never the script), so a reset runs the script alone. */
  clearTimeline(): void;
  /**
   * Makes the person's recorded setting changes part of the starting settings and restarts from
   * 0: "what if it had been so from the start". Their other actions (a spike, a replay) and the
   * script stay where they were in time.
   */
  applyFromStart(): void;
  /** Replaces the scenario (an object or JSON text) and resets; false (with a notice) when invalid. */
  loadScenario(scenario: unknown): boolean;
  /**
   * Reads a scenario file off the main thread and loads it; false (with a notice naming the file)
   * when it is invalid or larger than `MAX_SCENARIO_FILE_BYTES`.
   */
  importScenarioFile(file: ScenarioFile): Promise<boolean>;
  /** Loads a guided scenario by id and resets with its seed. */
  loadPreset(id: string): Promise<void>;
  /** Closes the story card (until another scenario loads). */
  hideStory(): void;
  /** Runs `ms` of virtual time as fast as possible, with progress; pausing cancels it. */
  fastForward(ms: number): void;
  /** Opens a shared link's state: its scenario, mode, comparison and sweep, at its time. */
  openLink(link: LinkState): void;
  /** The state a link to this run carries. */
  linkState(): LinkState;
}

/** A job's state. */
export interface JobState<R> {
  status: 'idle' | 'running' | 'done' | 'failed';
  /** 0..1 while running. */
  progress: number;
  result: R | null;
  message: string | null;
}

/** A comparison's runs, and what they were: the settings B changed and the run length, ms. */
export interface CompareResult {
  a: RunResult;
  b: RunResult;
  differences: SettingDifference[];
  durationMs: number;
}

/** Comparisons and sweeps, run off the main thread. */
export interface ExperimentsSlice {
  mode: Mode;
  compare: CompareConfig;
  compareRun: JobState<CompareResult>;
  sweep: SweepConfig;
  sweepRun: JobState<SweepResult>;
  setMode(mode: Mode): void;
  /** Sets one of B's differences from A (checked; a bad value gives a notice). */
  setCompareSetting(path: SettablePath, value: unknown): void;
  removeCompareSetting(path: SettablePath): void;
  /** Sets the run length of both sides, ms (checked; a bad one gives a notice); null: A's own. */
  setCompareDuration(durationMs: number | null): void;
  /** Runs A and B; refused with a notice when B does not differ from A. */
  runCompare(): void;
  /** Changes the sweep's settings (a field set to undefined is removed: `y`, `series`…). */
  setSweep(change: Partial<SweepConfig>): void;
  /** Adds a series holding nothing yet ("Series n"), turning a sweep of two settings into one. */
  addSweepSeries(): void;
  removeSweepSeries(index: number): void;
  renameSweepSeries(index: number, label: string): void;
  /** Holds `path` at `value` in a series (checked; a bad value gives a notice). */
  setSweepSeriesSetting(index: number, path: SettablePath, value: unknown): void;
  removeSweepSeriesSetting(index: number, path: SettablePath): void;
  /** Fills the sweep with a scenario's suggested one (`meta.sweep`); nothing without one. */
  suggestSweep(sweep: SweepConfig | undefined): void;
  runSweep(): void;
  cancelJob(): void;
  /** Takes a link's mode, comparison and sweep. */
  openExperiments(link: Pick<LinkState, 'mode' | 'compare' | 'sweep'>): void;
}

/** Everything the page shows, and the verbs that change it. */
export type LabState = NoticeSlice & RunSlice & ExperimentsSlice;

/**
 * The `set` a slice gets: it writes its own fields `S` only (TypeScript holds it to that); other
 * slices' fields change through their verbs.
 */
export type SliceSet<S> = (partial: Partial<S> | ((state: LabState) => Partial<S>)) => void;

export type { SweepLine, SweepResult, SweepRow } from '../core';
export type { DeadLetterRow, RunResult, Speed } from '../engine/protocol';
