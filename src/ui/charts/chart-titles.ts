import type { ChartId } from '../../core';

/** Each live chart's title, by id: on the chart, and on a story's link to it. */
export const CHART_TITLES: Record<ChartId, string> = {
  throughput: 'Throughput by outcome',
  goodput: 'Goodput: 200s that reached their client in time',
  errors: '429 rate and error rate',
  latency: 'Latency of 200 responses',
  'retry-delays': 'Retry timing: backoff delays (sample)',
  calls: 'Downstream calls over time',
  amplification: 'Load amplification',
  duplicates: 'Duplicate effects and stored replays',
  queue: 'Queue depth against capacity',
  workers: 'Busy workers against the pool',
  downstream: 'Downstream servers: busy, and wasted',
  'downstream-queue': 'Calls waiting at the downstream',
  causes: 'Refusals and dead letters, by cause',
  budget: 'Retry budget',
  breaker: 'Circuit breaker state',
  throttle: 'Adaptive throttling',
  hedges: 'Hedged requests',
};
