import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRetryBudget,
  RETRY_BUDGET_VARIANTS,
  type RetryBudget,
  type RetryBudgetConfig,
  type RetryBudgetVariant,
  retryBudgetDefaults,
} from './retry-budget';

type Op =
  | 'start' // requestStarted
  | 'end' // requestEnded
  | 'retry' // tryRetry after a non-timeout failure
  | 'retryT' // tryRetry after a timeout
  | 'retryEnd' // retryEnded
  | 'ok' // attemptSucceeded, first attempt
  | 'okRetry' // attemptSucceeded, a retry
  | 'okRetryT' // attemptSucceeded, a retry charged as after a timeout
  | 'fail' // attemptFailed
  | 'look'; // nothing: read the level
/** [op, nowMs, level after it, and for a retry whether it was allowed]. */
type Step = readonly [Op, number, number, boolean?];

const budget = (variant: RetryBudgetVariant, config: Partial<RetryBudgetConfig> = {}) =>
  createRetryBudget({ ...retryBudgetDefaults, ...config, variant });

/** Applies `op`; returns tryRetry's answer for a retry, else undefined. */
function apply(b: RetryBudget, op: Op, nowMs: number): boolean | undefined {
  switch (op) {
    case 'start':
      return void b.requestStarted(nowMs);
    case 'end':
      return void b.requestEnded(nowMs);
    case 'retry':
      return b.tryRetry(nowMs, false);
    case 'retryT':
      return b.tryRetry(nowMs, true);
    case 'retryEnd':
      return void b.retryEnded(nowMs);
    case 'ok':
      return void b.attemptSucceeded(nowMs, false);
    case 'okRetry':
      return void b.attemptSucceeded(nowMs, true);
    case 'okRetryT':
      return void b.attemptSucceeded(nowMs, true, true);
    case 'fail':
      return void b.attemptFailed(nowMs);
    case 'look':
      return undefined;
  }
}

/** Runs `steps` and returns what happened, in the steps' own shape (a diff shows the first slip). */
function run(b: RetryBudget, steps: readonly Step[]): Step[] {
  return steps.map(([op, nowMs]) => {
    const allowed = apply(b, op, nowMs);
    const level = b.level(nowMs);
    return allowed === undefined ? [op, nowMs, level] : [op, nowMs, level, allowed];
  });
}

const repeat = <T>(n: number, make: (i: number) => T): T[] =>
  Array.from({ length: n }, (_, i) => make(i));

describe('retryBudgetDefaults', () => {
  it('holds the published values', () => {
    expect(retryBudgetDefaults).toEqual({
      variant: 'off',
      awsCapacity: 500, // INITIAL_RETRY_TOKENS
      awsRetryCost: 5, // RETRY_COST
      awsTimeoutRetryCost: 10, // TIMEOUT_RETRY_COST
      awsSuccessIncrement: 1, // NO_RETRY_INCREMENT
      grpcMaxTokens: 10, // gRFC A6's example
      grpcTokenRatio: 0.1,
      envoyBudgetPercent: 20,
      envoyMinRetryConcurrency: 3,
      finagleTtlMs: 10_000,
      finagleMinRetriesPerSec: 10,
      finaglePercentCanRetry: 0.2,
      adaptiveCapacity: 10,
      adaptiveDepositPerSuccess: 0.1,
      adaptiveRetryCost: 1,
    });
  });

  it.each<[RetryBudgetVariant, number, number]>([
    ['off', Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
    ['aws', 500, 500],
    ['grpc', 10, 10],
    ['envoy', 3, Number.POSITIVE_INFINITY], // min_retry_concurrency with nothing in flight
    ['finagle', 100, Number.POSITIVE_INFINITY], // the reserve: 10/s × 10 s
    ['adaptive', 10, 10],
  ])('%s starts at level %f of capacity %f', (variant, level, capacity) => {
    const b = budget(variant);
    expect([b.level(0), b.capacity]).toEqual([level, capacity]);
  });
});

describe('off', () => {
  it('allows every retry and holds Infinity, whatever happens', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<Op>('start', 'retry', 'retryT', 'fail', 'ok')),
        (ops) => {
          const b = budget('off');
          ops.forEach((op, i) => {
            const allowed = apply(b, op, i);
            if (allowed !== undefined) expect(allowed).toBe(true);
            expect(b.level(i)).toBe(Number.POSITIVE_INFINITY);
          });
        },
      ),
    );
  });
});

describe('aws (standard retry quota)', () => {
  it('charges 5 per retry and 10 after a timeout; refunds the charge after a retry, else 1', () => {
    const steps: Step[] = [
      ['retry', 0, 15, true],
      ['retryT', 0, 5, true],
      ['retryT', 0, 5, false], // 10 > 5: refused, nothing charged
      ['retry', 0, 0, true],
      ['retry', 0, 0, false],
      ['fail', 0, 0], // failures cost nothing by themselves
      ['okRetry', 0, 5], // the retry's 5 back
      ['okRetryT', 0, 15], // a timeout retry's 10 back
      ['ok', 0, 16], // success at the first attempt: +1
      ['ok', 0, 17],
      ['ok', 0, 18],
      ['ok', 0, 19],
      ['ok', 0, 20],
      ['ok', 0, 20], // capped at capacity
      ['okRetryT', 0, 20],
      ['retryT', 0, 10, true],
      ['retryT', 0, 0, true],
      ['retryT', 0, 0, false],
    ];
    const b = budget('aws', { awsCapacity: 20 });
    expect(b.level(0)).toBe(20);
    expect(run(b, steps)).toEqual(steps);
  });

  it('with the defaults allows 100 retries (or 50 after timeouts) from full', () => {
    const b = budget('aws');
    expect(repeat(101, () => b.tryRetry(0, false))).toEqual([...repeat(100, () => true), false]);
    const t = budget('aws');
    expect(repeat(51, () => t.tryRetry(0, true))).toEqual([...repeat(50, () => true), false]);
  });
});

describe('grpc (retry throttling)', () => {
  it('takes a token per failure, adds 0.1 per success, and retries only above maxTokens / 2', () => {
    const steps: Step[] = [
      ['fail', 0, 9],
      ['retry', 0, 9, true], // allowed, and nothing charged: the failure paid
      ['fail', 0, 8],
      ['fail', 0, 7],
      ['fail', 0, 6],
      ['retry', 0, 6, true],
      ['fail', 0, 5],
      ['retry', 0, 5, false], // 5 is not above the threshold 5
      ['ok', 0, 5.1],
      ['retryT', 0, 5.1, true], // a timeout changes nothing here
      ['fail', 0, 4.1],
      ...repeat(9, (i): Step => ['okRetry', 0, (4200 + 100 * i) / 1000]),
      ['retry', 0, 5, false], // exactly 5.000 after nine 0.1s: kept in thousandths
      ['ok', 0, 5.1],
      ['retry', 0, 5.1, true],
    ];
    const b = budget('grpc');
    expect(run(b, steps)).toEqual(steps);
  });

  it('stays within [0, maxTokens] and keeps three decimals of tokenRatio', () => {
    const b = budget('grpc', { grpcMaxTokens: 3, grpcTokenRatio: 0.5466 });
    const steps: Step[] = [
      ['fail', 0, 2],
      ['fail', 0, 1],
      ['fail', 0, 0],
      ['fail', 0, 0],
      ['ok', 0, 0.546], // 0.5466 → 0.546
      ['ok', 0, 1.092],
      ['retry', 0, 1.092, false],
      ...repeat(3, (i): Step => ['ok', 0, (1638 + 546 * i) / 1000]),
      ['retry', 0, 2.73, true],
      ['ok', 0, 3],
      ['ok', 0, 3],
    ];
    expect(run(b, steps)).toEqual(steps);
  });
});

describe('envoy (retry budget)', () => {
  it('allows active retries up to max(⌊percent × active⌋, min), retries counting as active', () => {
    const steps: Step[] = [
      ['start', 0, 1], // active 1: ⌊0.5⌋ = 0 < min 1
      ['start', 0, 1], // active 2: 1
      ['start', 0, 1], // active 3: ⌊1.5⌋ = 1
      ['start', 0, 2], // active 4: 2
      ['retry', 0, 1, true], // 1 retry; active 5: ⌊2.5⌋ = 2
      ['retry', 0, 1, true], // 2 retries; active 6: 3
      ['retry', 0, 0, true], // 3 retries; active 7: ⌊3.5⌋ = 3
      ['retry', 0, 0, false],
      ['retryEnd', 0, 1], // 2 retries; active 6: 3
      ['end', 0, 0], // active 5: 2
      ['end', 0, 0], // active 4: 2
      ['retry', 0, 0, false],
      ['end', 0, 0], // active 3: ⌊1.5⌋ = 1, below the 2 retries: shown as 0
      ['retryEnd', 0, 0], // 1 retry; active 2: 1
      ['retryEnd', 0, 1], // 0 retries; active 1: min 1
      ['retry', 0, 0, true],
    ];
    const b = budget('envoy', { envoyBudgetPercent: 50, envoyMinRetryConcurrency: 1 });
    expect(b.level(0)).toBe(1);
    expect(run(b, steps)).toEqual(steps);
  });

  it('with the defaults allows 3 retries for 10 requests, and 24 for 100 (⌊20% of 124⌋)', () => {
    const ten = budget('envoy');
    for (let i = 0; i < 10; i++) ten.requestStarted(0);
    expect(repeat(4, () => ten.tryRetry(0, false))).toEqual([true, true, true, false]);
    const hundred = budget('envoy');
    for (let i = 0; i < 100; i++) hundred.requestStarted(0);
    expect(repeat(25, () => hundred.tryRetry(0, false))).toEqual([
      ...repeat(24, () => true),
      false,
    ]);
  });
});

describe('finagle (RetryBudget)', () => {
  // ttl 1 s: ten slices of 100 ms. 50%: a request deposits 1000, a retry withdraws 2000.
  // Reserve: 1/s × 1 s × 2000 = 2000, one retry.
  const finagle = (minRetriesPerSec: number) =>
    budget('finagle', {
      finagleTtlMs: 1000,
      finagleMinRetriesPerSec: minRetriesPerSec,
      finaglePercentCanRetry: 0.5,
    });

  it('deposits per request, withdraws per retry, and lets deposits expire after the ttl', () => {
    const steps: Step[] = [
      ['look', 0, 1], // the reserve
      ['start', 0, 1], // 3000 tokens
      ['start', 0, 2], // 4000
      ['retry', 10, 1, true],
      ['retry', 20, 0, true],
      ['retry', 30, 0, false], // 0 tokens left
      ['start', 100, 0], // a new slice: 1000 − 2000 + reserve = 1000
      ['start', 150, 1],
      ['look', 1000, 2], // 900 ms later: the first slice (net −2000) expired, the second stays
      ['look', 1099, 2],
      ['look', 1100, 1], // the next expiry drops the second slice too: the reserve is left
    ];
    expect(run(finagle(1), steps)).toEqual(steps);
  });

  it('keeps the debt of withdrawals that outlive their deposits, showing it as 0', () => {
    const steps: Step[] = [
      ['start', 0, 0], // 1000 < 2000: no reserve
      ['start', 0, 1],
      ['retry', 100, 0, true], // in a later slice than the deposits
      ['look', 1000, 0], // deposits expired, the withdrawal not: −2000
      ['start', 1000, 0],
      ['start', 1000, 0], // back to 0 only
      ['retry', 1000, 0, false],
      ['look', 1100, 1], // the withdrawal's slice expired
    ];
    expect(run(finagle(0), steps)).toEqual(steps);
  });

  it('with the defaults allows the 100-retry reserve, plus one retry per 5 requests', () => {
    const b = budget('finagle');
    expect(repeat(101, () => b.tryRetry(0, false))).toEqual([...repeat(100, () => true), false]);
    for (let i = 0; i < 5; i++) b.requestStarted(0);
    expect([b.tryRetry(0, false), b.tryRetry(0, false)]).toEqual([true, false]);
  });

  it('with no percent and no reserve never allows a retry (Finagle returns RetryBudget.Empty)', () => {
    const b = budget('finagle', { finagleMinRetriesPerSec: 0, finaglePercentCanRetry: 0 });
    for (let i = 0; i < 50; i++) b.requestStarted(i);
    expect([b.tryRetry(50, false), b.level(50)]).toEqual([false, 0]);
  });
});

describe('adaptive (token bucket)', () => {
  it('spends a whole token per retry and earns 0.1 per success, exactly', () => {
    const b = budget('adaptive');
    expect(repeat(11, (i) => [b.tryRetry(i, false), b.level(i)])).toEqual([
      ...repeat(10, (i) => [true, 9 - i]),
      [false, 0],
    ]);
    const steps: Step[] = [
      ...repeat(9, (i): Step => ['ok', 20, (i + 1) / 10]),
      ['retry', 20, 0.9, false], // 0.9 is not a whole token
      ['okRetry', 20, 1], // a retry's success deposits too
      ['retry', 20, 0, true],
      ...repeat(100, (i): Step => ['ok', 30, (i + 1) / 10]),
      ['ok', 30, 10], // capped
    ];
    expect(run(b, steps)).toEqual(steps);
  });
});

describe('every variant', () => {
  const configArbitrary = fc.record({
    awsCapacity: fc.integer({ min: 0, max: 50 }),
    awsRetryCost: fc.integer({ min: 1, max: 10 }),
    awsTimeoutRetryCost: fc.integer({ min: 1, max: 20 }),
    awsSuccessIncrement: fc.integer({ min: 0, max: 5 }),
    grpcMaxTokens: fc.integer({ min: 1, max: 20 }),
    grpcTokenRatio: fc.integer({ min: 1, max: 2000 }).map((x) => x / 1000),
    envoyBudgetPercent: fc.integer({ min: 0, max: 100 }),
    envoyMinRetryConcurrency: fc.integer({ min: 0, max: 5 }),
    finagleTtlMs: fc.integer({ min: 1000, max: 20_000 }),
    finagleMinRetriesPerSec: fc.integer({ min: 0, max: 1 }),
    finaglePercentCanRetry: fc.integer({ min: 0, max: 2000 }).map((x) => x / 1000),
    adaptiveCapacity: fc.integer({ min: 1, max: 8 }),
    adaptiveDepositPerSuccess: fc.integer({ min: 1, max: 500 }).map((x) => x / 1000),
    adaptiveRetryCost: fc.integer({ min: 500, max: 3000 }).map((x) => x / 1000),
  });
  const ops: Op[] = ['start', 'end', 'retry', 'retryT', 'retryEnd', 'ok', 'okRetry', 'okRetryT'];
  const stepArbitrary = fc.record({
    // Failures weigh more: budgets must run dry for the lower bound to be tested.
    op: fc.oneof(fc.constantFrom(...ops), fc.constant<Op>('fail'), fc.constant<Op>('retry')),
    gapMs: fc.integer({ min: 0, max: 700 }),
  });

  it.each(RETRY_BUDGET_VARIANTS.filter((v) => v !== 'off'))(
    '%s: the level stays in [0, capacity] whatever happens',
    (variant) => {
      let runsWithRefusal = 0;
      fc.assert(
        fc.property(
          configArbitrary,
          fc.array(stepArbitrary, { minLength: 40, maxLength: 150 }),
          (config, steps) => {
            const b = createRetryBudget({ ...config, variant });
            let nowMs = 0;
            let requests = 0;
            let retries = 0;
            let refused = false;
            for (const { op, gapMs } of steps) {
              nowMs += gapMs;
              // Only what a caller can do: end what started.
              if (op === 'end' && requests === 0) continue;
              if (op === 'retryEnd' && retries === 0) continue;
              const allowed = apply(b, op, nowMs);
              if (op === 'start') requests++;
              if (op === 'end') requests--;
              if (op === 'retryEnd') retries--;
              if (allowed === true) retries++;
              if (allowed === false) refused = true;
              const level = b.level(nowMs);
              expect(level).toBeGreaterThanOrEqual(0);
              expect(level).toBeLessThanOrEqual(b.capacity);
            }
            if (refused) runsWithRefusal++;
          },
        ),
      );
      // Most of the 100 runs (85 to 100, measured) drain the budget: the bound at 0 is tested too.
      expect(runsWithRefusal).toBeGreaterThan(70);
    },
  );
});
