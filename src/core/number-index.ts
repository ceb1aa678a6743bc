/**
 * A hash index from non-negative integer keys (< 2^53) to int32 values: Robin Hood open
 * addressing on typed arrays, with backward-shift deletion. It exists because the idempotency
 * store looks up keys for nearly every request, and a `Map` of 100,000 entries spent most of the
 * engine's time there. Invariant: along any run of slots, each key's distance from its home
 * slot is at most one more than the previous key's, so a miss and a delete stop early.
 */

const EMPTY = -1;
const TWO_POW_32 = 4294967296;

/**
 * Home slot of a key: its low bits. The keys here are mostly consecutive ids, so consecutive keys
 * fill consecutive slots at distance 0: no collisions, and neighbouring keys share cache lines.
 */
function home(key: number, mask: number): number {
  // Below 2^32 the high part is 0: skip the division, as this runs several times per request.
  if (key < TWO_POW_32) return key & mask;
  return ((key >>> 0) ^ Math.imul(Math.floor(key / TWO_POW_32), 0x9e3779b1)) & mask;
}

/** Maps integer keys to int32 values. */
export class NumberIndex {
  #keys: Float64Array;
  #values: Int32Array;
  #mask: number;
  #size = 0;

  /** `capacity`: slots to start with, rounded up to a power of two (it grows as needed). */
  constructor(capacity = 1024) {
    let slots = 16;
    while (slots < capacity) slots *= 2;
    this.#keys = new Float64Array(slots).fill(EMPTY);
    this.#values = new Int32Array(slots);
    this.#mask = slots - 1;
  }

  /** Keys held. */
  get size(): number {
    return this.#size;
  }

  /** The value of `key`, or -1 when absent. */
  get(key: number): number {
    const position = this.find(key);
    return position < 0 ? -1 : this.#values[position]!;
  }

  /** Sets `key` to `value`, adding the key when absent. */
  set(key: number, value: number): void {
    const position = this.find(key);
    if (position >= 0) {
      this.#values[position] = value;
      return;
    }
    this.add(key, value);
  }

  /** Removes `key`; returns its value, or -1 when it was absent. */
  delete(key: number): number {
    const position = this.find(key);
    return position < 0 ? -1 : this.deleteAt(position);
  }

  // Position-based access, for callers that would otherwise look the same key up twice. A
  // position stays valid until the next `add` or delete.

  /** Where `key` is in the table, or -1 when absent. */
  find(key: number): number {
    const keys = this.#keys;
    const mask = this.#mask;
    for (let i = home(key, mask), distance = 0; ; i = (i + 1) & mask, distance++) {
      const k = keys[i]!;
      if (k === key) return i;
      // A gap, or a key nearer its home than we are to ours: `key` would have taken this slot.
      if (k === EMPTY || ((i - home(k, mask)) & mask) < distance) return -1;
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
    const value = values[position]!;
    let hole = position;
    // Shift the displaced keys that follow back by one; a key at its home (or a gap) ends it.
    for (let j = (position + 1) & mask; ; j = (j + 1) & mask) {
      const k = keys[j]!;
      if (k === EMPTY || home(k, mask) === j) break;
      keys[hole] = k;
      values[hole] = values[j]!;
      hole = j;
    }
    keys[hole] = EMPTY;
    this.#size--;
    return value;
  }

  #insert(key: number, value: number): void {
    const keys = this.#keys;
    const values = this.#values;
    const mask = this.#mask;
    let carriedKey = key;
    let carriedValue = value;
    for (let i = home(key, mask), distance = 0; ; i = (i + 1) & mask, distance++) {
      const k = keys[i]!;
      if (k === EMPTY) {
        keys[i] = carriedKey;
        values[i] = carriedValue;
        return;
      }
      const residentDistance = (i - home(k, mask)) & mask;
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
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] !== EMPTY) this.#insert(oldKeys[i]!, oldValues[i]!);
    }
  }
}
