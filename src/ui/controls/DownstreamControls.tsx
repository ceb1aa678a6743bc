import type { LatencyDistribution } from '../../core';
import { LOGNORMAL_P99_RATIO_DEFAULT, LOGNORMAL_P99_RATIO_MAX } from '../../store/limits';
import { selectConfig } from '../../store/selectors';
import { formatCount, formatMs, formatPercent } from '../format';
import { useLab, useLabActions } from '../store-context';
import { Section } from './Section';
import { Select } from './Select';
import { Slider } from './Slider';
import { Toggle } from './Toggle';

/** Failure rate, latency, hangs and the outage switch. */
export function DownstreamControls() {
  const downstream = useLab((s) => selectConfig(s).downstream);
  const { setParam, setParams } = useLabActions();
  const { latency } = downstream;
  const limited = downstream.concurrencyLimit !== 'unbounded';
  return (
    <Section title="Downstream">
      <Toggle
        label="Outage"
        tone="danger"
        checked={downstream.outage}
        hint="While on, every call to the downstream fails."
        onChange={(on) => setParam('downstream.outage', on)}
      />
      <Slider
        label="Failure rate"
        value={downstream.failureProbability}
        min={0}
        max={1}
        step={0.01}
        format={formatPercent}
        hint="Share of calls refused with an error (no effect applied)."
        onChange={(v) => setParam('downstream.failureProbability', v)}
      />
      <Select<LatencyDistribution>
        label="Latency distribution"
        value={latency.distribution}
        options={[
          { value: 'constant', label: 'Constant' },
          { value: 'exponential', label: 'Exponential' },
          { value: 'lognormal', label: 'Lognormal (long tail)' },
        ]}
        hint="How long one call takes."
        onChange={(v) => setParam('downstream.latency.distribution', v)}
      />
      <Slider
        label="Mean latency"
        value={latency.meanMs}
        min={1}
        max={10_000}
        scale="log"
        format={formatMs}
        hint="Average duration of one downstream call."
        onChange={(meanMs) =>
          // Keep a set lognormal p99 at the same multiple of the mean, so it stays valid.
          setParams(
            latency.p99Ms === undefined
              ? { 'downstream.latency.meanMs': meanMs }
              : {
                  'downstream.latency.meanMs': meanMs,
                  'downstream.latency.p99Ms': (latency.p99Ms / latency.meanMs) * meanMs,
                },
          )
        }
      />
      {latency.distribution === 'lognormal' && (
        <Slider
          label="p99 latency"
          value={latency.p99Ms ?? latency.meanMs * LOGNORMAL_P99_RATIO_DEFAULT}
          min={Math.ceil(latency.meanMs * 1.01)}
          max={Math.floor(latency.meanMs * LOGNORMAL_P99_RATIO_MAX)}
          scale="log"
          format={formatMs}
          hint="99% of calls finish within this; at most 14.9 times the mean."
          onChange={(v) => setParam('downstream.latency.p99Ms', v)}
        />
      )}
      <Slider
        label="Downstream capacity"
        value={limited ? (downstream.concurrencyLimit as number) : 1000}
        min={1}
        max={1000}
        scale="log"
        format={(v) => (limited ? `${formatCount(v)} calls at once` : 'unlimited')}
        hint="Calls it works on at once; one more is refused at once (a failure, no effect)."
        disabled={!limited}
        onChange={(v) => setParam('downstream.concurrencyLimit', v)}
      />
      <Toggle
        label="Unlimited capacity"
        checked={!limited}
        hint="The downstream takes any number of calls at once, however many arrive."
        onChange={(on) => setParam('downstream.concurrencyLimit', on ? 'unbounded' : 50)}
      />
      <Slider
        label="Hang rate"
        value={downstream.hangProbability}
        min={0}
        max={1}
        step={0.01}
        format={formatPercent}
        hint="Share of calls that never answer; only the attempt timeout ends them."
        onChange={(v) => setParam('downstream.hangProbability', v)}
      />
    </Section>
  );
}
