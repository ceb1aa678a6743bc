/**
 * Seeded randomness: sfc32 (a small, fast, well-tested 32-bit generator) with named child
 * streams, so each component draws from its own stream and changing one knob does not reshuffle
 * the draws of the others. The same seed and names always give the same numbers.
 * @see https://pracrand.sourceforge.net/RNG_engines.txt (sfc32, Chris Doty-Humphrey)
 */

const TWO_POW_32 = 4294967296;
/**
 * 2^-32. An unsigned 32-bit integer times it is exactly that integer / 2^32 (scaling by a power
 * of two is exact), and a multiplication is much cheaper than a division on the draw path.
 */
const TWO_POW_MINUS_32 = 2 ** -32;

/** Mixes a 32-bit value (murmur3's finalizer). */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Hashes a string with a seed into a 32-bit value (FNV-1a, then mixed). */
function hashName(name: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < name.length; i++) {
    h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  }
  return mix32(h);
}

/** Draw number `c` (a small integer) of the counter-based draws with base `base`, in [0, 1). */
export function uniformAt(base: number, c: number): number {
  return mix32(base ^ Math.imul(c + 0x165667b1, 0x27d4eb2f)) * TWO_POW_MINUS_32;
}

/** A seeded stream of random numbers. Create the root with `createRandom(seed)`. */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  readonly #seed: number;

  /** Prefer `createRandom`; `seed` is any 32-bit unsigned integer. */
  constructor(seed: number) {
    this.#seed = seed >>> 0;
    this.#a = mix32(this.#seed ^ 0x9e3779b9);
    this.#b = mix32(this.#seed ^ 0x243f6a88);
    this.#c = mix32(this.#seed ^ 0xb7e15162);
    this.#d = 1;
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** A child stream named `name`, independent of this one and of its other children. */
  fork(name: string): Random {
    return new Random(hashName(name, this.#seed));
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const a = this.#a;
    const b = this.#b;
    const c = this.#c;
    const d = this.#d;
    const t = (((a + b) | 0) + d) | 0;
    this.#d = (d + 1) | 0;
    this.#a = b ^ (b >>> 9);
    this.#b = (c + (c << 3)) | 0;
    this.#c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /**
   * A 32-bit hash of this stream's seed and two integers (`a` < 2^53, `b` < 2^32): the base of
   * counter-based draws, which depend only on (seed, a, b), not on what was drawn before.
   * Drawing for (request, attempt) this way gives the same request the same fate in two runs
   * that differ elsewhere. Turn the base into numbers with `uniformAt(base, c)`.
   */
  hashOf(a: number, b: number): number {
    let h = mix32(this.#seed ^ Math.imul(a >>> 0, 0x9e3779b1));
    // The high part of `a` is 0 below 2^32: skip the division there (request ids, per attempt).
    const high = a < TWO_POW_32 ? 0 : Math.floor(a / TWO_POW_32);
    h = mix32(h ^ Math.imul(high + 0x632be5ab, 0x85ebca77));
    return mix32(h ^ Math.imul(b + 0x27d4eb2f, 0xc2b2ae3d));
  }

  /** A uniform number in [0, 1). */
  next(): number {
    return this.nextUint32() * TWO_POW_MINUS_32;
  }

  /** A uniform number in [`min`, `max`). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** True with probability `probability` (0..1); always draws exactly one number. */
  bernoulli(probability: number): boolean {
    return this.next() < probability;
  }

  /** An exponentially distributed number with mean `mean` (inverse transform). */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
}

/**
 * A standard normal number from two uniform numbers in [0, 1) (Box–Muller): the one normal
 * sampler, fed by a stream or by counter-based draws.
 */
export function normalFrom(u1: number, u2: number): number {
  // 1 - u1 is in (0, 1], so the logarithm is finite.
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}

/** The root random stream of a run. `seed` is any 32-bit unsigned integer. */
export function createRandom(seed: number): Random {
  return new Random(seed);
}
