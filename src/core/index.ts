/**
 * Resilient Relay's simulation core: framework-free, synchronous and deterministic. Everything
 * runs on a virtual clock with seeded randomness: no wall clock, no unseeded randomness, no DOM.
 */

export { downsample, mergeBuckets } from './aggregate';
export { type BackoffOptions, backoffDelayMs, backoffRangeMs, exponentialMs } from './backoff';
export { BoundedQueue } from './bounded-queue';
export * from './compare';
export * from './compare-ids';
export type {
  AttemptOutcome,
  AttemptRecord,
  DeadLetter,
  DeadLetterCause,
} from './dead-letter-queue';
export {
  ATTEMPTS_KEPT,
  ATTEMPTS_KEPT_FIRST,
  ATTEMPTS_KEPT_LAST,
  attemptNumber,
  DEAD_LETTER_CAUSES,
  DeadLetterQueue,
} from './dead-letter-queue';
export * from './experiments';
export { Histogram, type SparseHistogram } from './histogram';
export { IdempotencyStore } from './idempotency-store';
export { MAX_JSON_DEPTH } from './json-text';
export * from './link-data';
export {
  DOWNSTREAM_QUEUE_MAX_CALLS,
  estimateMemoryBytes,
  type MemoryEstimate,
} from './memory';
export { formatBytes, MEMORY_BUDGET_BYTES, memoryProblem } from './memory-budget';
export {
  addCounters,
  type Counters,
  FINE_MS,
  type Gauges,
  type LatencyStats,
  type MetricsBucket,
  POINT_MS,
  RETRY_SAMPLES_PER_BUCKET,
  RETRY_SAMPLES_SHOWN,
  zeroCounters,
} from './metrics';
export { groupedNumber } from './number-text';
export { createRandom, Random } from './random';
export { REPLAY_IDS_FROM, type RequestEnd, type RequestOutcome } from './relay';
export {
  checkConfig,
  checkMemoryBudget,
  configAt,
  describeValue,
  parseScenario,
  parseSettable,
  readScenarioText,
  ScenarioError,
  type ScenarioResult,
  setField,
  startingConfig,
  withoutUnusedP99,
} from './scenario';
export { migrateScenario, SCENARIO_VERSION } from './scenario-migrations';
export * from './scenario-schema';
export { Scheduler } from './scheduler';
export * from './settings';
export {
  createSimulation,
  type RelayState,
  runScenario,
  Simulation,
  type SimulationOptions,
} from './simulation';
export { type RunSummary, sumOutcomes } from './summary';
export * from './sweep';
export * from './sweep-plan';
export { WorkerPool } from './worker-pool';
