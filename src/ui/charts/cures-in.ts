import type { ChartRow } from '../../store/series';

/** Which cure charts have something to show in `rows`: a cure on at any time in the window. */
export function curesIn(rows: readonly ChartRow[]) {
  return {
    budget: rows.some((r) => r.budgetLevel !== null),
    breaker: rows.some((r) => r.breakerState !== null),
    throttle: rows.some((r) => r.throttlePct !== null),
    hedging: rows.some((r) => r.hedges > 0),
  };
}
