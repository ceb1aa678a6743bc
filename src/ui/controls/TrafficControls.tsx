import { selectConfig } from '../../store/selectors';
import { formatCount, formatPercent, formatRate } from '../format';
import { useLab, useLabActions } from '../store-context';
import { NumberField } from './NumberField';
import { Section } from './Section';
import { Select } from './Select';
import { Slider } from './Slider';

/** Rate, arrival process, keys and duplicates, and the spike button. */
export function TrafficControls() {
  const traffic = useLab((s) => selectConfig(s).traffic);
  const spikeCount = useLab((s) => s.spikeCount);
  const { setParam, spike, setSpikeCount } = useLabActions();
  return (
    <Section title="Traffic">
      <Slider
        label="Request rate"
        value={traffic.ratePerSec}
        min={0}
        max={5000}
        scale="log"
        format={formatRate}
        hint="Mean client requests per second of virtual time."
        onChange={(v) => setParam('traffic.ratePerSec', v)}
      />
      <Select
        label="Arrivals"
        value={traffic.arrival}
        options={[
          { value: 'poisson', label: 'Poisson (random gaps)' },
          { value: 'uniform', label: 'Uniform (even gaps)' },
        ]}
        hint="How requests are spread in time."
        onChange={(v) => setParam('traffic.arrival', v)}
      />
      <Slider
        label="Requests with an idempotency key"
        value={traffic.keyedRatio}
        min={0}
        max={1}
        step={0.01}
        format={formatPercent}
        hint="Keyed requests are deduplicated: a resend replays the stored success."
        onChange={(v) => setParam('traffic.keyedRatio', v)}
      />
      <Slider
        label="Client resends"
        value={traffic.duplicateRatio}
        min={0}
        max={0.5}
        step={0.01}
        format={formatPercent}
        hint="Share of arrivals that resend a recent request (a double submit or a client retry)."
        onChange={(v) => setParam('traffic.duplicateRatio', v)}
      />
      <div className="space-y-1">
        <div className="flex items-end gap-2">
          <NumberField
            label="Spike size"
            value={spikeCount}
            min={1}
            max={100_000}
            onChange={setSpikeCount}
          />
          <button
            type="button"
            onClick={spike}
            className="rounded-md bg-amber-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-amber-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-700 dark:focus-visible:outline-amber-400"
          >
            Send spike
          </button>
        </div>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Sends {formatCount(spikeCount)} requests at the same instant, like the original curl test.
        </p>
      </div>
    </Section>
  );
}
