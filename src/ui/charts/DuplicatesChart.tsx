import type { ChartRow } from '../../store/series';
import { formatRate } from '../format';
import { ChartCard } from './ChartCard';
import { COLORS } from './chart-theme';
import { CHART_TITLES } from './chart-titles';
import { TimeSeriesChart } from './TimeSeriesChart';

// Outside the component: the same object on every redraw (see TrafficCharts).
const SERIES = [
  {
    key: 'duplicates',
    name: 'duplicate effects (a second charge)',
    color: COLORS.deadLettered,
    width: 2,
  },
  { key: 'replayed', name: '200 replayed from the idempotency store', color: COLORS.replayed },
];

/**
 * The idempotency lesson over time: effects the downstream applied again for a request it had
 * already served (a double charge), against the resends the idempotency store answered itself.
 */
export function DuplicatesChart({ rows }: { rows: ChartRow[] }) {
  const last = rows.at(-1);
  const total = rows.reduce((sum, r) => sum + r.duplicates, 0);
  return (
    <ChartCard
      title={CHART_TITLES.duplicates}
      unit="per second"
      testId="chart-duplicates"
      points={rows.length}
      legend={SERIES}
      empty={rows.length === 0}
      summary={
        last
          ? `Last second: ${formatRate(last.duplicates)} duplicate effects at the downstream, ${formatRate(last.replayed)} answered from the idempotency store.${total === 0 ? ' No duplicate effect in this window.' : ''}`
          : 'No requests yet.'
      }
    >
      <TimeSeriesChart rows={rows} series={SERIES} shape="line" format={formatRate} />
    </ChartCard>
  );
}
