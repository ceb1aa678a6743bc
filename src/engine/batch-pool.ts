/**
 * A batch job spread over several lanes (one per worker): each lane gets the job's scenario once,
 * then runs one or two at a time as it finishes them, so a slow run never holds the others up.
 * The page sees one job: one progress (chunks done over all runs), one cancel, and the outcomes in
 * the order of its runs, identical to what one lane alone would give.
 */

import type { BatchHost } from './batch-host';
import {
  type BatchCommand,
  type BatchMessage,
  chunksOf,
  type LaneCommand,
  type LaneMessage,
  type RunOutcome,
  type RunSpec,
} from './protocol';

/** A lane as the pool sees it: where to send its commands and how to hear from it. */
export interface LaneLink {
  send(command: LaneCommand): void;
  listen(listener: (message: LaneMessage) => void): void;
}

/** Runs a lane holds at once: the one it works on and the next, so it never waits for the pool. */
const LANE_DEPTH = 2;

interface PoolJob {
  id: number;
  runs: RunSpec[];
  /** The next run to hand out. */
  next: number;
  outcomes: Array<RunOutcome | undefined>;
  finished: number;
  /** Chunks done per run (all of a finished run's). */
  done: number[];
  chunks: number;
  /** Runs handed to each lane and not finished. */
  held: number[];
  /** The last whole percent reported: progress is posted only when it moves. */
  percent: number;
}

/** A batch host that spreads each job's runs over `lanes`. */
export function createBatchPool(lanes: readonly LaneLink[]): BatchHost {
  if (lanes.length === 0) throw new Error('A batch pool needs at least one lane.');
  let job: PoolJob | null = null;
  let listener: (message: BatchMessage) => void = () => {};

  /** Hands `lane` runs until it holds `depth` of them (or none are left). */
  const fill = (lane: number, depth = LANE_DEPTH) => {
    const current = job;
    while (current !== null && current.held[lane]! < depth && current.next < current.runs.length) {
      const index = current.next++;
      current.held[lane]!++;
      lanes[lane]!.send({ type: 'run', id: current.id, index, run: current.runs[index]! });
    }
  };

  const stop = (id: number) => {
    job = null;
    for (const lane of lanes) lane.send({ type: 'cancel', id });
  };

  const report = (current: PoolJob) => {
    const total = current.runs.length * current.chunks;
    const done = current.done.reduce((sum, n) => sum + n, 0);
    const percent = Math.floor((100 * done) / total);
    if (percent === current.percent) return;
    current.percent = percent;
    listener({ type: 'progress', id: current.id, done, total });
  };

  const receive = (lane: number, message: LaneMessage) => {
    const current = job;
    if (current === null || (message.id !== current.id && message.id !== -1)) return;
    switch (message.type) {
      case 'progress':
        current.done[message.index] = message.done;
        report(current);
        return;
      case 'ran':
        current.outcomes[message.index] = message.outcome;
        current.done[message.index] = current.chunks;
        current.held[lane]!--;
        current.finished++;
        if (current.finished === current.runs.length) {
          job = null;
          listener({
            type: 'finished',
            id: current.id,
            outcomes: current.outcomes as RunOutcome[],
          });
          return;
        }
        report(current);
        fill(lane);
        return;
      case 'failed':
        stop(current.id);
        listener({ type: 'failed', id: current.id, message: message.message });
        return;
    }
  };
  lanes.forEach((lane, i) => {
    lane.listen((message) => receive(i, message));
  });

  const start = (command: Extract<BatchCommand, { type: 'start' }>) => {
    if (job !== null) stop(job.id);
    if (command.runs.length === 0) {
      listener({ type: 'finished', id: command.id, outcomes: [] });
      return;
    }
    const current: PoolJob = {
      id: command.id,
      runs: command.runs,
      next: 0,
      outcomes: command.runs.map(() => undefined),
      finished: 0,
      done: command.runs.map(() => 0),
      chunks: chunksOf(command.scenario.durationMs),
      held: lanes.map(() => 0),
      percent: 0,
    };
    job = current;
    // Every lane its scenario first, then runs round the lanes: one each, then a second each.
    const busy = lanes.slice(0, Math.min(lanes.length, command.runs.length));
    for (const lane of busy) lane.send({ type: 'job', id: command.id, scenario: command.scenario });
    for (let depth = 1; depth <= LANE_DEPTH; depth++) {
      for (let lane = 0; lane < busy.length && job === current; lane++) fill(lane, depth);
    }
  };

  return {
    send: (command) => {
      if (command.type === 'start') start(command);
      else if (job?.id === command.id) stop(command.id);
    },
    listen: (next) => {
      listener = next;
    },
  };
}
