/**
 * The long-outage workload of issue 13.1: 1,000 keyed requests/s into 100 workers, and the
 * downstream out from 150 s to the end. During the outage no key completes, so the idempotency
 * store's completed keys stop moving while new request ids keep growing past them: the pattern
 * that once made the index shift whole blocks per insert (30–600× slower than a steady run).
 */
import type { ScenarioInput } from '../core';

/** When the outage starts, virtual ms. */
export const OUTAGE_AT_MS = 150_000;

/** The long-outage workload, `durationMs` long (450 s ≈ 450,000 requests). */
export function outageWorkload(durationMs = 450_000, seed = 1): ScenarioInput {
  return {
    seed,
    durationMs,
    traffic: { ratePerSec: 1000, arrival: 'poisson', keyedRatio: 1 },
    relay: { workers: 100 },
    timeline: [{ atMs: OUTAGE_AT_MS, set: { 'downstream.outage': true } }],
  };
}
