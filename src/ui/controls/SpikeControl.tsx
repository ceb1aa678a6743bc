import { formatCount } from '../format';
import { useLab, useLabActions } from '../store-context';
import { NumberField } from './NumberField';

/** Sends a spike of N requests at one instant, like the original curl test. */
export function SpikeControl() {
  const spikeCount = useLab((s) => s.spikeCount);
  const { spike, setSpikeCount } = useLabActions();
  return (
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
  );
}
