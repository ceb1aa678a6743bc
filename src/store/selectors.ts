/**
 * Module-level selectors over the lab state. Derived series are memoized on the identity of the
 * arrays they come from, so a render that did not get a new snapshot computes nothing.
 */
import {
  ATTEMPTS_KEPT_FIRST,
  attemptNumber,
  DEAD_LETTER_CAUSES,
  type DeadLetter,
  REPLAY_IDS_FROM,
} from '../core';
import type { LabState } from './lab-store';
import { type Marker, timelineMarkers } from './markers';
import { ownEntries } from './run-slice';
import {
  type CallRow,
  type ChartRow,
  callRows,
  chartRows,
  curesSeen,
  type RedNumbers,
  type RetryDelays,
  recentRed,
  retryDelays,
  visiblePoints,
  windowMsForSpeed,
} from './series';

function memoize<A extends object, B, R>(compute: (a: A, b: B) => R): (a: A, b: B) => R {
  let lastA: A | undefined;
  let lastB: B | undefined;
  let last: R;
  return (a, b) => {
    if (a !== lastA || b !== lastB) {
      lastA = a;
      lastB = b;
      last = compute(a, b);
    }
    return last;
  };
}

export const selectConfig = (s: LabState) => s.config;
export const selectSummary = (s: LabState) => s.summary;
export const selectDeadLetters = (s: LabState) => s.deadLetters;
export const selectInspected = (s: LabState) => s.inspected;
export const selectNotice = (s: LabState) => s.notice;
export const selectEngineFailure = (s: LabState) => s.engineFailure;
export const selectFineCalls = (s: LabState) => s.fineCalls;
export const selectPoints = (s: LabState) => s.points;
export const selectTimeline = (s: LabState) => s.scenario.timeline;
const ownOf = memoize(ownEntries);
let markersFor: { scenario: LabState['scenario']; markers: Marker[] } | null = null;
/** The run's events as chart marks, derived once per scenario (timeline) change. */
export function selectMarkers(s: LabState): Marker[] {
  if (markersFor?.scenario !== s.scenario) {
    markersFor = { scenario: s.scenario, markers: timelineMarkers(s.scenario) };
  }
  return markersFor.markers;
}
/** The person's own recorded changes (not the scenario's script), memoized per timeline. */
export const selectOwnChanges = (s: LabState) => ownOf(s.scenario.timeline, s.script);

/** How much virtual time the charts cover now, ms. */
export const selectWindowMs = (s: LabState) => windowMsForSpeed(s.speed);

const visible = memoize((points: LabState['points'], windowMs: number) => {
  const last = points.at(-1);
  return last === undefined ? [] : visiblePoints(points, last.endMs, windowMs);
});

/** Chart rows of the points within `windowMs` of the newest (memoized on the last call). */
export const rowsFor = memoize((points: LabState['points'], windowMs: number): ChartRow[] =>
  chartRows(visible(points, windowMs)),
);

/**
 * Which cures were on within `windowMs` of the newest point (memoized on the last call): a scan
 * of the points, cheap enough for the store's update (deriving the chart rows there made that
 * update a long task when a whole new window came in, at Max).
 */
export const curesFor = memoize((points: LabState['points'], windowMs: number) =>
  curesSeen(visible(points, windowMs)),
);

/** Backoff delays of the points within `windowMs` of the newest (memoized on the last call). */
export const delaysFor = memoize(
  (points: LabState['points'], windowMs: number): RetryDelays =>
    retryDelays(visible(points, windowMs)),
);

/** The calls chart's rows over the same window as the other charts (memoized on the last call). */
export const callsFor = memoize(
  (fine: LabState['fineCalls'], windowMs: number): { rows: CallRow[]; groupMs: number } =>
    callRows(fine, windowMs),
);

const red = memoize((points: LabState['points'], _: number): RedNumbers | null =>
  recentRed(points),
);

/** Chart rows of the visible window. */
export const selectChartRows = (s: LabState) => rowsFor(s.points, windowMsForSpeed(s.speed));
/** RED numbers of the last 10 s. */
export const selectRecentRed = (s: LabState) => red(s.points, 0);

/** How the page names a request: by its number, or as the nth dead-letter replay. */
export function requestName(requestId: number): string {
  return requestId >= REPLAY_IDS_FROM
    ? `Replay ${requestId - REPLAY_IDS_FROM + 1} of a dead letter`
    : `Request ${requestId}`;
}

/** Why a dead letter was given up, in words. */
export function deadLetterCause(entry: DeadLetter): string {
  return DEAD_LETTER_CAUSES[entry.cause];
}

/** A row of a dead letter's attempt history: a kept attempt with its number, or the omitted. */
export type AttemptRow =
  | { kind: 'attempt'; number: number; attempt: DeadLetter['attempts'][number] }
  | { kind: 'omitted'; count: number };

/**
 * The rows of a dead letter's history: its kept attempts numbered among all it made, and where
 * the middle ones were left out (a dead letter keeps the first and the last few), how many.
 */
export function attemptRows(entry: DeadLetter): AttemptRow[] {
  const rows: AttemptRow[] = entry.attempts.map((attempt, i) => ({
    kind: 'attempt',
    number: attemptNumber(entry, i),
    attempt,
  }));
  if (entry.omittedAttempts > 0) {
    rows.splice(ATTEMPTS_KEPT_FIRST, 0, { kind: 'omitted', count: entry.omittedAttempts });
  }
  return rows;
}
