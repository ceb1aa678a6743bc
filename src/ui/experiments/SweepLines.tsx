import { COMPARE_METRICS, type CompareMetric, hasLatency } from '../../store/compare';
import type { SweepLine, SweepResult } from '../../store/lab-store';
import { type NumberSetting, settingOf } from '../../store/settings';
import { ChartCard } from '../charts/ChartCard';
import { COLORS, msAxis, roundAxis } from '../charts/chart-theme';
import { formatMs } from '../format';
import { SeriesMark, SweepLineChart, type SweepLineSpec } from './SweepLineChart';
import { formatMetric, highest, metricOf, SERIES_LOOKS, settingFormats } from './sweep-view';

const metric = (id: string) => COMPARE_METRICS.find((m) => m.id === id)!;
/** What a sweep with series charts, one line per series: Brooker's two numbers first. */
const SERIES_CHARTS = ['success', 'amplification', 'goodput', 'p99'].map(metric);

/** What a chart of a metric says of its unit. */
const UNIT_TEXT: Record<CompareMetric['unit'], string> = {
  share: '%',
  ratio: 'calls ÷ requests',
  rate: '200s in time per s',
  ms: 'of 200 responses',
  count: '',
};

/** Why an amplification can be below 1×: a request turned away makes no call. */
const BELOW_ONE =
  'Below 1×, some requests never reached the downstream: turned away with a 429, shed or still queued when the run ended.';

/** A metric as a chart draws it: a share in percent; its Y axis for the largest value. */
function plotted(m: CompareMetric) {
  const scale = m.unit === 'share' ? 100 : 1;
  const yAxis = (max: number): Record<string, unknown> =>
    m.unit === 'share'
      ? { domain: [0, 100], unit: '%' }
      : m.unit === 'ms'
        ? msAxis
        : m.unit === 'ratio'
          ? { ...roundAxis(Math.max(1, max)), unit: '×' }
          : roundAxis(max);
  return { scale, yAxis, format: (v: number) => formatMetric(m, v / scale) };
}

/** Rows for a chart of `m` over the swept values, a key per line (`s0`, `s1`…). */
function rowsOf(lines: readonly SweepLine[], m: CompareMetric, scale: number) {
  return lines[0]!.rows.map((row, i) => {
    const out: Record<string, number | null> & { value: number } = { value: row.value };
    lines.forEach((line, k) => {
      const v = metricOf(m, line.rows[i]?.summary ?? null);
      out[`s${k}`] = v === null ? null : v * scale;
    });
    return out;
  });
}

/** A sweep of one setting: a chart per metric, with one line per series (or per outcome). */
export function SweepLines({ result }: { result: SweepResult }) {
  const { config, lines } = result;
  const setting = settingOf(config.path) as NumberSetting<string>;
  const formats = settingFormats(setting);
  const hasSeries = (config.series ?? []).length > 0;
  const specs: SweepLineSpec[] = lines.map((line, k) => ({
    key: `s${k}`,
    name: line.label,
    ...SERIES_LOOKS[k]!,
  }));
  return (
    <>
      {hasSeries && (
        <ul
          aria-label="Series"
          className="flex flex-wrap gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
        >
          {specs.map((spec) => (
            <li key={spec.key} className="flex items-center gap-1.5">
              <SeriesMark look={spec} />
              {spec.name}
            </li>
          ))}
        </ul>
      )}
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        {hasSeries ? (
          SERIES_CHARTS.map((m) => {
            const { scale, yAxis, format } = plotted(m);
            const rows = rowsOf(lines, m, scale);
            const max = Math.max(0, ...rows.flatMap((r) => specs.map((s) => r[s.key] ?? 0)));
            return (
              <ChartCard
                key={m.id}
                title={`${m.label} against ${setting.label.toLowerCase()}`}
                unit={UNIT_TEXT[m.unit]}
                testId={`sweep-${m.id}`}
                summary={lines
                  .map((line) => {
                    const shown = line.rows.filter((r) => metricOf(m, r.summary) !== null);
                    const first = shown[0];
                    const last = shown.at(-1);
                    if (first === undefined || last === undefined) return `${line.label}: none`;
                    const v = (r: typeof first) => formatMetric(m, metricOf(m, r.summary)!);
                    return `${line.label}: ${v(first)} at ${formats.value(first.value)} to ${v(last)} at ${formats.value(last.value)}`;
                  })
                  .join('; ')
                  .concat(
                    m.id === 'amplification' &&
                      rows.some((r) => specs.some((sp) => (r[sp.key] ?? 1) < 0.995))
                      ? `. ${BELOW_ONE}`
                      : '',
                  )}
              >
                <SweepLineChart
                  rows={rows}
                  lines={specs}
                  format={format}
                  tick={formats.tick}
                  label={formats.named}
                  yAxis={yAxis(max)}
                />
              </ChartCard>
            );
          })
        ) : (
          <OutcomeCharts line={lines[0]!} setting={setting} />
        )}
      </div>
    </>
  );
}

const OUTCOMES: SweepLineSpec[] = [
  { key: 'success', name: 'success', color: COLORS.ok, symbol: 'circle', dash: undefined },
  { key: 'rejected', name: '429', color: COLORS.rejected, symbol: 'square', dash: '6 3' },
  {
    key: 'dead',
    name: '503 dead-lettered',
    color: COLORS.deadLettered,
    symbol: 'triangle',
    dash: '2 2',
  },
];
const LATENCY: SweepLineSpec[] = [
  { key: 'p50', name: 'p50', color: COLORS.p50, symbol: 'circle', dash: undefined },
  { key: 'p99', name: 'p99', color: COLORS.p99, symbol: 'square', dash: '6 3' },
];
const AMPLIFICATION: SweepLineSpec[] = [
  {
    key: 'amplification',
    name: 'amplification',
    color: COLORS.calls,
    symbol: 'circle',
    dash: undefined,
  },
];

/** The sweep without series, as it always was: outcomes (%), latency and amplification. */
function OutcomeCharts({ line, setting }: { line: SweepLine; setting: NumberSetting<string> }) {
  const formats = settingFormats(setting);
  const data = line.rows.flatMap(({ value, summary: s }) => {
    if (s === null) return [];
    const o = s.outcomes;
    const finished = s.requests - o.inFlight || 1;
    // No 200 to time: no latency point, rather than a 0 that reads as fast.
    const timed = hasLatency(s);
    return [
      {
        value,
        success: ((o.ok + o.replayed) / finished) * 100,
        rejected: (o.rejected / finished) * 100,
        dead: (o.deadLettered / finished) * 100,
        p50: timed ? s.latencyMs.p50 : null,
        p99: timed ? s.latencyMs.p99 : null,
        amplification: s.amplification,
      },
    ];
  });
  if (data.length === 0) return null;
  const lower = setting.label.toLowerCase();
  const shown = formats.value;
  const common = { tick: formats.tick, label: formats.named };
  return (
    <>
      <ChartCard
        title={`Outcomes against ${lower}`}
        unit="% of finished requests"
        testId="sweep-outcomes"
        legend={OUTCOMES}
        summary={`${highest(data, shown)} ${data.map((d) => `${shown(d.value)}: ${d.success.toFixed(1)}% ok, ${d.rejected.toFixed(1)}% 429, ${d.dead.toFixed(1)}% 503`).join('; ')}.`}
      >
        <SweepLineChart
          rows={data}
          lines={OUTCOMES}
          format={(v) => `${v.toFixed(1)}%`}
          yAxis={{ domain: [0, 100], unit: '%' }}
          {...common}
        />
      </ChartCard>
      <ChartCard
        title={`Latency against ${lower}`}
        unit="p50 / p99 of 200 responses"
        testId="sweep-latency"
        legend={LATENCY}
        summary={data
          .map((d) =>
            d.p50 === null || d.p99 === null
              ? `${shown(d.value)}: no 200s`
              : `${shown(d.value)}: p50 ${formatMs(d.p50)}, p99 ${formatMs(d.p99)}`,
          )
          .join('; ')}
      >
        <SweepLineChart rows={data} lines={LATENCY} format={formatMs} yAxis={msAxis} {...common} />
      </ChartCard>
      <ChartCard
        title={`Amplification against ${lower}`}
        unit="downstream calls ÷ requests"
        testId="sweep-amplification"
        summary={`${data.map((d) => `${shown(d.value)}: ${d.amplification.toFixed(2)}×`).join('; ')}.${data.some((d) => d.amplification < 0.995) ? ` ${BELOW_ONE}` : ''}`}
      >
        <SweepLineChart
          rows={data}
          lines={AMPLIFICATION}
          format={(v) => `${v.toFixed(2)}×`}
          yAxis={{ ...roundAxis(Math.max(1, ...data.map((d) => d.amplification))), unit: '×' }}
          {...common}
        />
      </ChartCard>
    </>
  );
}
