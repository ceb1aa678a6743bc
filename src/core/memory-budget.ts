/**
 * The memory a browser tab gives a run, and the message for a scenario that needs more (issue
 * 13.2): which setting to change, why it needs so much, and what would fit.
 */
import {
  estimateMemoryBytes,
  formatCount,
  type MemoryEstimate,
  type MemoryPart,
  type MemorySettings,
} from './memory';

/**
 * The most a scenario's run may need at worst, bytes: what a browser tab can give a run, with
 * room for the page around it. `parseScenario` refuses a scenario whose estimate is above it.
 */
export const MEMORY_BUDGET_BYTES = 1_500_000_000;

/** Bytes for a message: 3.4 GB, 250 MB. */
export function formatBytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.ceil(bytes / 1e6)} MB`;
}

/** What to change, by the setting a group of parts answers to. */
const ADVICE: Record<string, string> = {
  'relay.workers': 'bound the workers, or lower the rate or the timeouts',
  'downstream.servers': 'bound its servers, or lower the rate, the retries or the latency',
  'downstream.queueCapacity': 'bound its queue, or lower the rate or the retries',
  'relay.queueCapacity': 'lower the queue capacity',
  'relay.idempotency.maxKeys': 'keep fewer keys',
  'relay.deadLetter.capacity': 'keep fewer dead letters',
};

/**
 * Why a run of `settings` does not fit `MEMORY_BUDGET_BYTES`, or null when it does: the setting
 * whose parts need the most, and a message that says how much, for what, and what would fit.
 */
export function memoryProblem(
  settings: MemorySettings,
): { readonly path: string; readonly message: string } | null {
  const estimate = estimateMemoryBytes(settings);
  if (estimate.bytes <= MEMORY_BUDGET_BYTES) return null;
  const groups = new Map<string, MemoryPart[]>();
  for (const p of estimate.parts) {
    if (p.count > 0) groups.set(p.setting, [...(groups.get(p.setting) ?? []), p]);
  }
  const bytesOf = (parts: readonly MemoryPart[]) => parts.reduce((sum, p) => sum + p.bytes, 0);
  const [setting, parts] = [...groups].reduce((a, b) => (bytesOf(b[1]) > bytesOf(a[1]) ? b : a));
  const what = parts.map((p) => p.what).join(' and ');
  const rate = fittingRate(settings, estimate);
  const advice = (ADVICE[setting] ?? 'lower it').replace(
    'lower the rate',
    rate === null ? 'lower the rate' : `lower the rate (${formatCount(rate)}/s would fit)`,
  );
  return {
    path: setting,
    message: `this run needs about ${formatBytes(estimate.bytes)} of memory at worst, ${formatBytes(bytesOf(parts))} of it for ${what}; at most ${formatBytes(MEMORY_BUDGET_BYTES)} fits in a browser tab: ${advice}`,
  };
}

/**
 * The highest request rate (two significant digits) at which `settings` would fit, when the rate
 * is what the estimate depends on and the timeline never changes it; else null.
 */
function fittingRate(settings: MemorySettings, estimate: MemoryEstimate): number | null {
  const rate = settings.traffic.ratePerSec;
  const rateSet = settings.timeline.some((e) => e.set?.['traffic.ratePerSec'] !== undefined);
  if (rate <= 0 || rateSet || !estimate.parts.some((p) => p.boundedBy === 'rate')) return null;
  const fits = (r: number) =>
    estimateMemoryBytes({ ...settings, traffic: { ...settings.traffic, ratePerSec: r } }).bytes <=
    MEMORY_BUDGET_BYTES;
  if (!fits(0)) return null;
  // Fits at `low`, not at `high`: halve the gap down to 1% of the rate.
  let [low, high] = [0, rate];
  while (high - low > rate / 100) {
    const middle = (low + high) / 2;
    if (fits(middle)) low = middle;
    else high = middle;
  }
  const digits = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(low, 1))) - 1);
  const shown = Math.floor(low / digits) * digits;
  return shown > 0 ? shown : null;
}
