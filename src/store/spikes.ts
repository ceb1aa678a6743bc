/** Spikes in a series of counts: how synchronized retry waves are told apart from a smooth tail. */

/**
 * The number of separate runs of values at or above a third of the largest value: one for a
 * single burst, one more for each synchronized wave after it (waves shrink as some of their calls
 * get through, so half the peak would miss the later ones).
 */
export function countSpikes(values: readonly number[]): number {
  const peak = values.reduce((max, v) => Math.max(max, v), 0);
  if (peak === 0) return 0;
  let spikes = 0;
  let inside = false;
  for (const v of values) {
    const high = v >= peak / 3;
    if (high && !inside) spikes++;
    inside = high;
  }
  return spikes;
}
