/**
 * A log-bucketed histogram of non-negative values (latencies, in ms). Bin i ≥ 1 holds
 * [MIN · γ^(i-1), MIN · γ^i) with γ = 1.04; a quantile is reported as its bin's geometric middle,
 * clamped to the exact min and max seen, so its relative error is at most √γ − 1 ≈ 2%.
 * Bin 0 holds everything below MIN (1 µs), reported as 0.
 */

const GAMMA = 1.04;
const LOG_GAMMA = Math.log(GAMMA);
const MIN_VALUE = 0.001;
/** 30 days in ms is bin ~730; values beyond the last bin land in it. */
const BIN_COUNT = 760;

/** Bin index of a value. */
export function binOf(value: number): number {
  if (value < MIN_VALUE) return 0;
  const bin = 1 + Math.floor(Math.log(value / MIN_VALUE) / LOG_GAMMA);
  return bin < BIN_COUNT ? bin : BIN_COUNT - 1;
}

/** The value a bin stands for: its geometric middle (0 for bin 0). */
export function binValue(bin: number): number {
  return bin === 0 ? 0 : MIN_VALUE * GAMMA ** (bin - 0.5);
}

/** A histogram as sparse pairs, for snapshots: `bins[i]` holds `counts[i]` values. */
export interface SparseHistogram {
  readonly bins: readonly number[];
  readonly counts: readonly number[];
  readonly min: number;
  readonly max: number;
}

/** A mutable log-bucketed histogram. */
export class Histogram {
  #counts = new Float64Array(BIN_COUNT);
  #touched: number[] = [];
  #count = 0;
  #sum = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = Number.NEGATIVE_INFINITY;

  get count(): number {
    return this.#count;
  }
  get sum(): number {
    return this.#sum;
  }
  /** Mean of the values, or 0 when empty. */
  get mean(): number {
    return this.#count === 0 ? 0 : this.#sum / this.#count;
  }
  get min(): number {
    return this.#count === 0 ? 0 : this.#min;
  }
  get max(): number {
    return this.#count === 0 ? 0 : this.#max;
  }

  /** Records one value (≥ 0). */
  record(value: number): void {
    const bin = binOf(value);
    if (this.#counts[bin] === 0) this.#touched.push(bin);
    this.#counts[bin]!++;
    this.#count++;
    this.#sum += value;
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
  }

  /** Adds a sparse histogram's counts to this one (its sum is estimated from bin values). */
  merge(sparse: SparseHistogram, sum: number): void {
    for (let i = 0; i < sparse.bins.length; i++) {
      const bin = sparse.bins[i]!;
      if (this.#counts[bin] === 0) this.#touched.push(bin);
      this.#counts[bin]! += sparse.counts[i]!;
      this.#count += sparse.counts[i]!;
    }
    this.#sum += sum;
    if (sparse.bins.length > 0) {
      this.#min = Math.min(this.#min, sparse.min);
      this.#max = Math.max(this.#max, sparse.max);
    }
  }

  /** The value at quantile `q` (0..1) by nearest rank, or 0 when empty. */
  quantile(q: number): number {
    if (this.#count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.#count));
    this.#touched.sort((a, b) => a - b);
    let seen = 0;
    for (const bin of this.#touched) {
      seen += this.#counts[bin]!;
      if (seen >= rank) return Math.min(this.#max, Math.max(this.#min, binValue(bin)));
    }
    return this.#max;
  }

  /** The counts as sparse pairs, bins ascending. */
  toSparse(): SparseHistogram {
    this.#touched.sort((a, b) => a - b);
    const counts = this.#touched.map((bin) => this.#counts[bin]!);
    return { bins: [...this.#touched], counts, min: this.min, max: this.max };
  }

  /** Empties the histogram, in time proportional to the bins used. */
  clear(): void {
    for (const bin of this.#touched) this.#counts[bin] = 0;
    this.#touched.length = 0;
    this.#count = 0;
    this.#sum = 0;
    this.#min = Number.POSITIVE_INFINITY;
    this.#max = Number.NEGATIVE_INFINITY;
  }
}
