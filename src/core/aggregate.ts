/**
 * Merging consecutive metric buckets into one coarser bucket: counters add, latency histograms
 * merge (so percentiles stay within the histogram's error), levels average over time, gauges take
 * the last bucket's value. Used to draw long windows with a bounded number of points.
 */
import { Histogram } from './histogram';
import {
  addCounters,
  latencyStats,
  type MetricsBucket,
  makeBucket,
  RETRY_SAMPLES_PER_BUCKET,
  zeroCounters,
} from './metrics';

// Reused by every merge (cleared in time proportional to the bins used): merging runs many times
// a second for the charts, and a fresh histogram allocates ~6 KB.
const scratch = new Histogram();

/** One bucket covering `buckets` (consecutive, oldest first, at least one). */
export function mergeBuckets(buckets: readonly MetricsBucket[]): MetricsBucket {
  const first = buckets[0];
  const last = buckets.at(-1);
  if (first === undefined || last === undefined)
    throw new RangeError('Expected at least one bucket');
  if (buckets.length === 1) return first;
  const counters = zeroCounters();
  const histogram = scratch;
  histogram.clear();
  const retriesByNumber: number[] = [];
  const samples: Array<[number, number]> = [];
  let depthArea = 0;
  let busyArea = 0;
  let queueDepthMax = 0;
  let busyMax = 0;
  let dsQueueArea = 0;
  let downstreamQueueMax = 0;
  for (const bucket of buckets) {
    addCounters(counters, bucket);
    histogram.merge(bucket.latencyMs.histogram, bucket.latencyMs.mean * bucket.latencyMs.count);
    bucket.retriesByNumber.forEach((n, i) => {
      retriesByNumber[i] = (retriesByNumber[i] ?? 0) + n;
    });
    const width = bucket.endMs - bucket.startMs;
    depthArea += bucket.queueDepthMean * width;
    busyArea += bucket.busyMean * width;
    queueDepthMax = Math.max(queueDepthMax, bucket.queueDepthMax);
    busyMax = Math.max(busyMax, bucket.busyMax);
    dsQueueArea += bucket.downstreamQueueMean * width;
    downstreamQueueMax = Math.max(downstreamQueueMax, bucket.downstreamQueueMax);
  }
  // Keep an even spread of the samples rather than only the oldest buckets'.
  const perBucket = Math.max(1, Math.floor(RETRY_SAMPLES_PER_BUCKET / buckets.length));
  for (const bucket of buckets) samples.push(...bucket.retryDelaySamples.slice(0, perBucket));
  const widthMs = last.endMs - first.startMs;
  const gauges = {
    workers: last.workers,
    servers: last.servers,
    budgetLevel: last.budgetLevel,
    budgetCapacity: last.budgetCapacity,
    breakerState:
      Math.max(...buckets.map((b) => b.breakerState ?? -1)) < 0
        ? null
        : Math.max(...buckets.map((b) => b.breakerState ?? 0)),
    throttleProbability: last.throttleProbability,
    queueCapacity: last.queueCapacity,
    deadLetters: last.deadLetters,
    idempotencyKeys: last.idempotencyKeys,
  };
  return makeBucket(counters, gauges, {
    startMs: first.startMs,
    endMs: last.endMs,
    latencyMs: { ...latencyStats(histogram), histogram: histogram.toSparse() },
    queueDepthMean: depthArea / widthMs,
    queueDepthMax,
    busyMean: busyArea / widthMs,
    busyMax,
    downstreamQueueMean: dsQueueArea / widthMs,
    downstreamQueueMax,
    retriesByNumber: Array.from(retriesByNumber, (n) => n ?? 0),
    retryDelaySamples: samples,
  });
}

/** Groups consecutive buckets `size` at a time (the last group may be shorter) and merges each. */
export function downsample(buckets: readonly MetricsBucket[], size: number): MetricsBucket[] {
  if (size <= 1) return [...buckets];
  const out: MetricsBucket[] = [];
  for (let i = 0; i < buckets.length; i += size) out.push(mergeBuckets(buckets.slice(i, i + size)));
  return out;
}
