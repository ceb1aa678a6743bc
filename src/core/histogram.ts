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

/** Bin index of a value, by its definition: the formula `binOf` must agree with exactly. */
export function binOfByLog(value: number): number {
  if (value < MIN_VALUE) return 0;
  const bin = 1 + Math.floor(Math.log(value / MIN_VALUE) / LOG_GAMMA);
  return bin < BIN_COUNT ? bin : BIN_COUNT - 1;
}

// binOf without a logarithm. The definition's lower edge of bin b is near E(b) = MIN · γ^(b-1);
// Math.log's rounding moves it by a few ulps, far less than the window E(b) · (1 ± 2^-30) around
// it. A value's exponent and top mantissa bits pick a cell; the cell gives the bins whose whole
// window lies below the cell, then the windows above decide. A value inside a window (about one
// in 10^8) is left to the definition, so binOf and binOfByLog agree on every value.

/** Relative half-width of the window around each edge (the tests check every edge is inside). */
const EDGE_MARGIN = 2 ** -30;
/** Top mantissa bits in a cell index: a cell spans a ratio ≤ 1 + 2^-5 < γ, so ≤ 1 edge. */
const CELL_MANTISSA_BITS = 5;
const CELL_SHIFT = 20 - CELL_MANTISSA_BITS;
/** Scratch for reading a double's bits (big-endian: the high word is at byte 0). */
const bits = new DataView(new ArrayBuffer(8));

/** Cell of a positive double: its exponent and top mantissa bits, as one integer. */
function cellOf(value: number): number {
  bits.setFloat64(0, value);
  return bits.getUint32(0) >>> CELL_SHIFT;
}

/** Window [low, high) around the lower edge of bin b, for 1 ≤ b < BIN_COUNT; then +∞. */
const EDGE_LOW = new Float64Array(BIN_COUNT + 1);
const EDGE_HIGH = new Float64Array(BIN_COUNT + 1);
for (let bin = 1; bin < BIN_COUNT; bin++) {
  const edge = MIN_VALUE * Math.exp((bin - 1) * LOG_GAMMA);
  // Bin 1 starts at MIN_VALUE exactly: log(1) is 0 with no rounding.
  EDGE_LOW[bin] = bin === 1 ? MIN_VALUE : edge * (1 - EDGE_MARGIN);
  EDGE_HIGH[bin] = bin === 1 ? MIN_VALUE : edge * (1 + EDGE_MARGIN);
}
EDGE_LOW[BIN_COUNT] = EDGE_HIGH[BIN_COUNT] = Number.POSITIVE_INFINITY;
/** Values at or above this are in the last bin. */
const LAST_HIGH = EDGE_HIGH[BIN_COUNT - 1]!;
const FIRST_CELL = cellOf(MIN_VALUE);
/** Per cell from FIRST_CELL on: the last bin whose whole window lies at or below the cell. */
const CELL_BINS = new Uint16Array(cellOf(LAST_HIGH) - FIRST_CELL + 1);
for (let i = 0, bin = 0; i < CELL_BINS.length; i++) {
  bits.setUint32(0, (FIRST_CELL + i) << CELL_SHIFT);
  bits.setUint32(4, 0);
  const cellStart = bits.getFloat64(0);
  while (EDGE_HIGH[bin + 1]! <= cellStart) bin++;
  CELL_BINS[i] = bin;
}

/** Bin index of a value: `binOfByLog(value)`, without the logarithm (this runs per request). */
export function binOf(value: number): number {
  if (value < MIN_VALUE) return 0;
  if (!(value < LAST_HIGH)) return BIN_COUNT - 1; // NaN too, as in the definition
  let bin = CELL_BINS[cellOf(value) - FIRST_CELL]!;
  while (value >= EDGE_LOW[bin + 1]!) {
    if (value < EDGE_HIGH[bin + 1]!) return binOfByLog(value);
    bin++;
  }
  return bin;
}

/** The window [low, high) that holds the lower edge of `bin` (1 ≤ bin < 760); for tests. */
export function binEdgeWindow(bin: number): [number, number] {
  return [EDGE_LOW[bin]!, EDGE_HIGH[bin]!];
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
