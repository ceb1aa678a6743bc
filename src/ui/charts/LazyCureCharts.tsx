import { lazy, Suspense } from 'react';
import type { ChartRow } from '../../store/series';

// The cures' charts load with the first one shown (most runs switch no cure on).
const load = () => import('./CureCharts');
const CHARTS = {
  budget: lazy(() => load().then((m) => ({ default: m.BudgetChart }))),
  breaker: lazy(() => load().then((m) => ({ default: m.BreakerChart }))),
  throttle: lazy(() => load().then((m) => ({ default: m.ThrottleChart }))),
  hedging: lazy(() => load().then((m) => ({ default: m.HedgeChart }))),
};

/** The chart of one cure, loaded on first use. */
export function CureChart({ cure, rows }: { cure: keyof typeof CHARTS; rows: ChartRow[] }) {
  const Chart = CHARTS[cure];
  return (
    <Suspense fallback={<div className="h-56" />}>
      <Chart rows={rows} />
    </Suspense>
  );
}
