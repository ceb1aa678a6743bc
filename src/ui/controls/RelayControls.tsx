import type { JitterMode } from '../../core';
import { selectConfig } from '../../store/selectors';
import { formatCount, formatMs } from '../format';
import { useLab, useLabActions } from '../store-context';
import { Section } from './Section';
import { Select } from './Select';
import { Slider } from './Slider';
import { Toggle } from './Toggle';

const JITTER_OPTIONS: ReadonlyArray<{ value: JitterMode; label: string }> = [
  { value: 'none', label: 'None: exactly base × 2ⁿ' },
  { value: 'full', label: 'Full: uniform(0, base × 2ⁿ)' },
  { value: 'equal', label: 'Equal: half fixed, half random' },
  { value: 'decorrelated', label: 'Decorrelated: uniform(base, 3 × previous)' },
];

/** Workers, queue, retry policy, idempotency TTL. */
export function RelayControls() {
  const relay = useLab((s) => selectConfig(s).relay);
  const { setParam } = useLabActions();
  const { retry } = relay;
  const unbounded = relay.workers === 'unbounded';
  return (
    <Section title="Relay">
      <Slider
        label="Workers"
        value={unbounded ? 1000 : (relay.workers as number)}
        min={1}
        max={1000}
        scale="log"
        format={(v) => (unbounded ? 'unbounded' : formatCount(v))}
        hint="Requests handled at once; a worker stays busy through every retry wait."
        disabled={unbounded}
        onChange={(v) => setParam('relay.workers', v)}
      />
      <Toggle
        label="No worker pool"
        checked={unbounded}
        hint="Every request runs at once, like the relay before the pool: the queue never fills."
        onChange={(on) => setParam('relay.workers', on ? 'unbounded' : 8)}
      />
      <Slider
        label="Queue capacity"
        value={relay.queueCapacity}
        min={0}
        max={10_000}
        scale="log"
        format={(v) => `${formatCount(v)} requests`}
        hint="Requests that may wait for a worker; beyond that the relay answers 429."
        onChange={(v) => setParam('relay.queueCapacity', v)}
      />
      <Slider
        label="Max retries"
        value={retry.maxRetries}
        min={0}
        max={10}
        format={(v) => `${v} ${v === 1 ? 'retry' : 'retries'}`}
        hint="Tries after the first failed one; then the request is dead-lettered."
        onChange={(v) => setParam('relay.retry.maxRetries', v)}
      />
      <Slider
        label="Base delay"
        value={retry.baseDelayMs}
        min={1}
        max={10_000}
        scale="log"
        format={formatMs}
        hint="Backoff before the first retry; it doubles for each retry after."
        onChange={(v) => setParam('relay.retry.baseDelayMs', Math.min(v, retry.maxDelayMs))}
      />
      <Slider
        label="Max delay"
        value={retry.maxDelayMs}
        min={1}
        max={60_000}
        scale="log"
        format={formatMs}
        hint="Cap on any backoff delay (at least the base delay)."
        onChange={(v) => setParam('relay.retry.maxDelayMs', Math.max(v, retry.baseDelayMs))}
      />
      <Select<JitterMode>
        label="Jitter"
        value={retry.jitter}
        options={JITTER_OPTIONS}
        hint="How retry delays are spread (the AWS formulas)."
        onChange={(v) => setParam('relay.retry.jitter', v)}
      />
      <Slider
        label="Attempt timeout"
        value={retry.attemptTimeoutMs}
        min={10}
        max={60_000}
        scale="log"
        format={formatMs}
        hint="How long the relay waits for one call before it counts as failed."
        onChange={(v) => setParam('relay.retry.attemptTimeoutMs', v)}
      />
      <Slider
        label="Idempotency TTL"
        value={relay.idempotency.ttlMs}
        min={1000}
        max={2_592_000_000}
        step={1000}
        scale="log"
        format={formatMs}
        hint="How long a stored success is replayed for its key."
        onChange={(v) => setParam('relay.idempotency.ttlMs', v)}
      />
    </Section>
  );
}
