/**
 * A hash index from non-negative integer keys (< 2^53) to int32 values: Robin Hood open
 * addressing on typed arrays, with backward-shift deletion, each key spread over the table by
 * Fibonacci hashing, so no pattern of keys (a block that stays while others wrap around onto it)
 * piles them into one run. `NumberIndex` keeps here the keys its direct slots cannot take.
 * Invariant: along any run of slots, each key's distance from its home slot is at most one more
 * than the previous key's, so a miss and a delete stop early.
 */

const EMPTY = -1;
const TWO_POW_32 = 4294967296;

/**
 * Home slot of `key` in a table of 2^(32 − `shift`) slots: the top bits of its low 32 bits
 * (mixed with the high ones) times 2^32/φ.
 * @see https://probablydance.com/2018/06/16/fibonacci-hashing-the-optimization-that-the-world-forgot-or-a-better-alternative-to-integer-modulo/
 */
function home(key: number, shift: number): number {
  // Below 2^32 the high part is 0: skip the division.
  const low =
    key < TWO_POW_32 ? key : (key >>> 0) ^ Math.imul(Math.floor(key / TWO_POW_32), 0x85ebca6b);
  return Math.imul(low, 0x9e3779b1) >>> shift;
}

/** Maps integer keys to int32 values. */
export class HashedIndex {
  #keys: Float64Array;
  #values: Int32Array;
  #mask: number;
  /** 32 − log2(slots): `home` keeps this many bits fewer than 32. */
  #shift: number;
  #size = 0;
  #probes = 0;

  /** `capacity`: slots to start with, rounded up to a power of two ≥ 16 (it grows as needed). */
  constructor(capacity = 16) {
    let slots = 16;
    while (slots < capacity) slots *= 2;
    this.#keys = new Float64Array(slots).fill(EMPTY);
    this.#values = new Int32Array(slots);
    this.#mask = slots - 1;
    this.#shift = Math.clz32(this.#mask);
  }

  /** Keys held. */
  get size(): number {
    return this.#size;
  }

  /** Work done so far, in slots: each slot a lookup visited and each key a change moved. */
  get probes(): number {
    return this.#probes;
  }

  /** Where `key` is in the table, or -1 when absent; valid until the next `add` or delete. */
  find(key: number): number {
    const keys = this.#keys;
    const mask = this.#mask;
    const shift = this.#shift;
    for (let i = home(key, shift), distance = 0; ; i = (i + 1) & mask, distance++) {
      const k = keys[i]!;
      if (k === key) {
        this.#probes += distance + 1;
        return i;
      }
      // A gap, or a key nearer its home than we are to ours: `key` would have taken this slot.
      if (k === EMPTY || ((i - home(k, shift)) & mask) < distance) {
        this.#probes += distance + 1;
        return -1;
      }
    }
  }

  /** The value at `position`, from `find`. */
  valueAt(position: number): number {
    return this.#values[position]!;
  }

  /** Adds `key`, which must be absent (`find(key)` is -1), with `value`. */
  add(key: number, value: number): void {
    if ((this.#size + 1) * 2 > this.#keys.length) this.#resize(this.#keys.length * 2);
    this.#insert(key, value);
    this.#size++;
  }

  /** Removes the key at `position`, from `find`; returns its value. */
  deleteAt(position: number): number {
    const keys = this.#keys;
    const values = this.#values;
    const mask = this.#mask;
    const shift = this.#shift;
    const value = values[position]!;
    let hole = position;
    // Shift the displaced keys that follow back by one; a key at its home (or a gap) ends it.
    for (let j = (position + 1) & mask; ; j = (j + 1) & mask) {
      const k = keys[j]!;
      if (k === EMPTY || home(k, shift) === j) break;
      keys[hole] = k;
      values[hole] = values[j]!;
      hole = j;
    }
    this.#probes += ((hole - position) & mask) + 1;
    keys[hole] = EMPTY;
    this.#size--;
    return value;
  }

  /** Calls `visit` with every key and its value, in no particular order. */
  forEach(visit: (key: number, value: number) => void): void {
    const keys = this.#keys;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] !== EMPTY) visit(keys[i]!, this.#values[i]!);
    }
  }

  #insert(key: number, value: number): void {
    const keys = this.#keys;
    const values = this.#values;
    const mask = this.#mask;
    const shift = this.#shift;
    let carriedKey = key;
    let carriedValue = value;
    const start = home(key, shift);
    for (let i = start, distance = 0; ; i = (i + 1) & mask, distance++) {
      const k = keys[i]!;
      if (k === EMPTY) {
        keys[i] = carriedKey;
        values[i] = carriedValue;
        this.#probes += ((i - start) & mask) + 1;
        return;
      }
      const residentDistance = (i - home(k, shift)) & mask;
      if (residentDistance < distance) {
        // Robin Hood: the key farther from home takes the slot; carry the resident on.
        keys[i] = carriedKey;
        const v = values[i]!;
        values[i] = carriedValue;
        carriedKey = k;
        carriedValue = v;
        distance = residentDistance;
      }
    }
  }

  #resize(slots: number): void {
    const oldKeys = this.#keys;
    const oldValues = this.#values;
    this.#keys = new Float64Array(slots).fill(EMPTY);
    this.#values = new Int32Array(slots);
    this.#mask = slots - 1;
    this.#shift = Math.clz32(this.#mask);
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] !== EMPTY) this.#insert(oldKeys[i]!, oldValues[i]!);
    }
  }
}
