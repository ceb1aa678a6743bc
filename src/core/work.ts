/**
 * Work done reading input from outside (files, links, typed values), counted in steps: a
 * character scanned, a node of a value visited, a cell of an edit distance. The readers add to
 * it; tests and benchmarks read it to hold parsing to a budget in work, not in wall time (issue
 * 13.4). Counting is one addition per batch of steps; nothing reads it in production.
 */

/** Steps counted since `steps` was last reset. */
export const inputWork = { steps: 0 };

/** Counts `steps` steps of input work. */
export function countWork(steps: number): void {
  inputWork.steps += steps;
}
