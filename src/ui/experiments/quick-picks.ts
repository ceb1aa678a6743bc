/** The quick picks for B: changes relative to A's settings now, never one that equals A. */
import type { RelayConfig } from '../../core';
import { differingSettings } from '../../store/compare';
import { type SettablePath, settingOf, valueAt } from '../../store/settings';

/** One quick pick: its label (with the value it sets) and the settings it gives B. */
export interface QuickPick {
  label: string;
  set: Partial<Record<SettablePath, unknown>>;
}

/** Retries a B gets when A has none: the scenario default's. */
const SOME_RETRIES = 3;

/** The picks for A's settings `config`, each a change of A (none a no-op). */
export function quickPicks(config: RelayConfig): QuickPick[] {
  const at = (path: SettablePath) => valueAt(config, path);
  const picks: QuickPick[] = [];
  const workers = at('relay.workers');
  if (typeof workers === 'number') {
    const twice = workers * 2;
    if (twice <= workersMax()) {
      picks.push({ label: `B: twice the workers (${twice})`, set: { 'relay.workers': twice } });
    }
    const half = Math.floor(workers / 2);
    if (half >= 1) {
      picks.push({ label: `B: half the workers (${half})`, set: { 'relay.workers': half } });
    }
  }
  picks.push(
    at('relay.retry.jitter') === 'none'
      ? { label: 'B: full jitter', set: { 'relay.retry.jitter': 'full' } }
      : { label: 'B: no jitter', set: { 'relay.retry.jitter': 'none' } },
  );
  picks.push(
    Number(at('relay.retry.maxRetries')) > 0
      ? { label: 'B: no retries', set: { 'relay.retry.maxRetries': 0 } }
      : { label: `B: ${SOME_RETRIES} retries`, set: { 'relay.retry.maxRetries': SOME_RETRIES } },
  );
  picks.push(
    Number(at('traffic.keyedRatio')) > 0
      ? { label: 'B: no idempotency keys', set: { 'traffic.keyedRatio': 0 } }
      : { label: 'B: an idempotency key on every request', set: { 'traffic.keyedRatio': 1 } },
  );
  return picks.filter((pick) => differingSettings(config, pick.set).length > 0);
}

function workersMax(): number {
  const setting = settingOf('relay.workers');
  return setting.type === 'number' ? setting.max : Number.POSITIVE_INFINITY;
}
