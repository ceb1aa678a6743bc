// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChartRow } from '../../store/series';
import { QueueChart } from './CapacityCharts';
import { CausesChart } from './CausesChart';
import { BreakerChart } from './CureCharts';
import { roundAxis } from './chart-theme';
import { describeMarker, MarkersContext } from './markers-context';
import { RetryDelayChart } from './RetryCharts';
import { ErrorRateChart, ThroughputChart } from './TrafficCharts';

const row = (t: number, cures: Partial<ChartRow> = {}): ChartRow => ({
  t,
  arrivals: 50,
  ok: 50,
  replayed: 0,
  rejected: 0,
  conflict: 0,
  deadLettered: 0,
  failed: 0,
  abandoned: 0,
  goodput: 50,
  resends: 0,
  duplicates: 0,
  calls: 50,
  downstreamBusy: 2,
  downstreamWasted: 0,
  servers: null,
  downstreamQueue: 0,
  downstreamQueueMax: 0,
  rejectedPct: 0,
  errorPct: 0,
  p50: 40,
  p95: 80,
  p99: 100,
  queueDepth: 2,
  queueDepthMax: 9,
  queueCapacity: 100,
  busy: 4,
  busyMax: 4,
  workers: 8,
  amplification: 1,
  rejectedQueueFull: 0,
  rejectedThrottled: 0,
  rejectedShed: 0,
  breakerRefused: 0,
  deadRetriesExhausted: 0,
  deadBudgetSpent: 0,
  deadBreakerOpen: 0,
  deadThrottled: 0,
  hedges: 0,
  hedgeWins: 0,
  cancelled: 0,
  budgetLevel: null,
  budgetCapacity: null,
  breakerState: null,
  throttlePct: null,
  ...cures,
});

describe('charts', () => {
  it('are no tab stops: the SVG sits in an aria-hidden box, the summary is the text', () => {
    const delays = {
      bins: [{ from: 0, to: 100, r1: 3 }],
      retries: [1],
      spread: [{ retry: 1, count: 3, min: 20, median: 50, max: 90 }],
      retried: 40,
    };
    const { container } = render(
      <>
        <QueueChart rows={[row(1000), row(2000)]} />
        <RetryDelayChart delays={delays} />
      </>,
    );
    expect(container.querySelectorAll('svg.recharts-surface')).toHaveLength(2);
    expect(container.querySelectorAll('svg[tabindex], [role="application"]')).toHaveLength(0);
    expect(screen.getByTestId('chart-retry-delays-summary')).toHaveTextContent(
      'From a sample of 3 delays of the 40 retries in view: retry 1: 3 delays from 20 ms to 90 ms',
    );
  });

  it('draws the queue peak dashed, in the chart and in its legend', () => {
    const { container } = render(<QueueChart rows={[row(1000), row(2000)]} />);
    const dashed = container.querySelectorAll('.recharts-line path[stroke-dasharray="4 3"]');
    expect(dashed).toHaveLength(1);
    expect(screen.getByText('peak').querySelector('line[stroke-dasharray="4 3"]')).not.toBeNull();
  });

  it.each([
    [2, [0, 0.5, 1, 1.5, 2]],
    [2.1, [0, 1, 2, 3]],
    [63, [0, 20, 40, 60, 80]],
    [1.18, [0, 0.5, 1, 1.5]],
  ])(
    'puts round, evenly spaced ticks on a 0..%s axis, the top one at or above it',
    (max, ticks) => {
      expect(roundAxis(max)).toEqual({ domain: [0, ticks.at(-1)], ticks, interval: 0 });
    },
  );

  it("draws only the causes seen in the window, a dead letter dashed in its cause's colour", () => {
    const rows = [
      row(1000, { rejectedQueueFull: 3 }),
      row(2000, { breakerRefused: 5, deadBreakerOpen: 2 }),
    ];
    const { container } = render(<CausesChart rows={rows} />);
    expect(screen.getByText('429: queue full')).toBeInTheDocument();
    expect(screen.getByText('breaker refused a call')).toBeInTheDocument();
    expect(screen.getByText('dead letter: breaker open')).toBeInTheDocument();
    expect(screen.queryByText('429: throttled')).toBeNull();
    expect(screen.queryByText('dead letter: budget spent')).toBeNull();
    expect(container.querySelectorAll('.recharts-line')).toHaveLength(3);
    const dashed = container.querySelectorAll('.recharts-line path[stroke-dasharray="4 3"]');
    expect(dashed).toHaveLength(1);
    expect(dashed[0]).toHaveAttribute('stroke', 'var(--c-breaker)');
    expect(screen.getByTestId('chart-causes-summary')).toHaveTextContent(
      'Last second: breaker refused a call 5/s, dead letter: breaker open 2/s.',
    );
  });

  it('says so when nothing was refused, instead of an empty chart', () => {
    render(<CausesChart rows={[row(1000), row(2000)]} />);
    expect(screen.getByText('Nothing refused and no dead letters in this window.')).toBeVisible();
  });

  it("names the breaker's states on its axis and in its summary", () => {
    const rows = [row(1000, { breakerState: 0 }), row(2000, { breakerState: 2 })];
    render(<BreakerChart rows={rows} />);
    expect(screen.getByTestId('chart-breaker-summary')).toHaveTextContent(
      'Now open; open in 1 of the 2 intervals shown',
    );
  });

  it('marks the run events in view: a band for an outage, a labelled line for a change', () => {
    const marks = [
      { kind: 'band', fromMs: 1200, toMs: null, label: 'outage', detail: 'outage' },
      { kind: 'line', fromMs: 2500, toMs: null, label: 'Jitter', detail: 'Jitter: Full' },
      { kind: 'line', fromMs: 9000, toMs: null, label: 'spike', detail: 'spike of 5 requests' },
    ] as const;
    const { container } = render(
      <MarkersContext.Provider value={marks}>
        <QueueChart rows={[row(1000), row(2000), row(3000)]} />
      </MarkersContext.Provider>,
    );
    expect(container.querySelectorAll('.recharts-reference-area')).toHaveLength(1);
    // The spike at 0:09 is outside the chart's 0:01 – 0:03.
    expect(container.querySelectorAll('.recharts-reference-line')).toHaveLength(1);
    expect(container.querySelector('svg.recharts-surface')).toHaveTextContent('Jitter');
    expect(marks.map(describeMarker)).toEqual([
      '0:01.2 – now outage',
      '0:02.5 Jitter: Full',
      '0:09 spike of 5 requests',
    ]);
  });

  it('ends a tick label at the right edge at its tick, so "60:00" is not cut off', () => {
    const rows = Array.from({ length: 61 }, (_, i) => row(3_540_000 + i * 1000));
    const { container } = render(<QueueChart rows={rows} />);
    const labels = [...container.querySelectorAll('text.recharts-cartesian-axis-tick-value')];
    const last = labels.find((t) => t.textContent === '60:00');
    expect(last).toHaveAttribute('text-anchor', 'end');
    expect(labels.find((t) => t.textContent === '59:30')).toHaveAttribute('text-anchor', 'middle');
  });

  /** The labels of the Y axis (the X axis's are times, "m:ss"). */
  const yLabels = (container: HTMLElement) =>
    [...container.querySelectorAll('text.recharts-cartesian-axis-tick-value')]
      .map((t) => t.textContent)
      .filter((t) => !t?.includes(':'));

  it('gives the value axis round ticks up to the peak of the stacked outcomes', () => {
    const rows = [row(1000, { ok: 50, rejected: 30 }), row(2000, { ok: 20, rejected: 5 })];
    const { container } = render(<ThroughputChart rows={rows} />);
    expect(yLabels(container)).toEqual(['0', '20', '40', '60', '80']);
  });

  it('draws an axis to 1 while every value is zero, and percentages with their unit', () => {
    const zero = { ok: 0, replayed: 0, rejected: 0, deadLettered: 0 };
    const { container } = render(<ThroughputChart rows={[row(1000, zero), row(2000, zero)]} />);
    expect(yLabels(container)).toEqual(['0', '0.25', '0.5', '0.75', '1']);
    const errors = render(<ErrorRateChart rows={[row(1000), row(2000, { errorPct: 12 })]} />);
    expect(yLabels(errors.container)).toEqual(['0%', '25%', '50%', '75%', '100%']);
  });

  it("puts the retry-delay ticks on the bars' edges, each bar over its own bin", () => {
    const delays = {
      bins: [0, 1, 2, 3].map((i) => ({ from: i * 250, to: (i + 1) * 250, r1: i + 1 })),
      retries: [1],
      spread: [{ retry: 1, count: 10, min: 20, median: 600, max: 990 }],
      retried: 10,
    };
    const { container } = render(<RetryDelayChart delays={delays} />);
    const ticks = [...container.querySelectorAll('text.recharts-cartesian-axis-tick-value')]
      .map((t) => t.textContent)
      .filter((t) => t?.endsWith('ms') || t?.endsWith(' s'));
    expect(ticks).toEqual(['0 ms', '250 ms', '500 ms', '750 ms', '1 s']);
  });
});
