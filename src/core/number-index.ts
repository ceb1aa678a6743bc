/**
 * A map from non-negative integer keys (< 2^53) to int32 values, on typed arrays, for the
 * idempotency store, which looks keys up for nearly every request (a `Map` of 100,000 entries
 * spent most of the engine's time there). Its keys are mostly consecutive ids, so each key has
 * one direct slot, its low bits: consecutive keys take consecutive slots, with no probing and
 * no collision while the live keys span fewer ids than there are slots. A key whose slot is
 * taken goes to a `HashedIndex` beside it. Invariant: a key is in its direct slot or in the
 * overflow, never both.
 *
 * Why not probing from the direct slot (as this once did, Robin Hood from `key & mask`): in an
 * outage no key completes, the block of completed keys stops leaving, new ids wrap around onto
 * it, and each insert and delete shifted the whole block: the engine ran 30–600× slower
 * (issue 13.1). Here such keys go to the overflow, which hashes them apart, at O(1) each.
 */
import { HashedIndex } from './hashed-index';

const EMPTY = -1;
const TWO_POW_32 = 4294967296;

/**
 * Direct slot of a key: its low bits. Above 2^32 the high part is mixed in, so keys that share
 * their low 32 bits spread out.
 */
function slotOf(key: number, mask: number): number {
  // Below 2^32 the high part is 0: skip the division, as this runs several times per request.
  if (key < TWO_POW_32) return key & mask;
  return ((key >>> 0) ^ Math.imul(Math.floor(key / TWO_POW_32), 0x9e3779b1)) & mask;
}

/** Maps integer keys to int32 values. */
export class NumberIndex {
  /** Direct slots: `#keys[slotOf(k)]` is `k` or `EMPTY` or another key (then `k` may overflow). */
  #keys: Float64Array;
  #values: Int32Array;
  #mask: number;
  /** Keys in their direct slot. */
  #direct = 0;
  #overflow = new HashedIndex();
  #probes = 0;

  /** `capacity`: direct slots to start with, rounded up to a power of two ≥ 16 (they grow). */
  constructor(capacity = 1024) {
    let slots = 16;
    while (slots < capacity) slots *= 2;
    this.#keys = new Float64Array(slots).fill(EMPTY);
    this.#values = new Int32Array(slots);
    this.#mask = slots - 1;
  }

  /** Keys held. */
  get size(): number {
    return this.#direct + this.#overflow.size;
  }

  /** Keys held apart from their direct slot (it was taken when they came). */
  get overflowSize(): number {
    return this.#overflow.size;
  }

  /**
   * Work done so far, in slots: each slot a lookup visited, and each key an insert or a delete
   * moved. A count, not a time, so a test can bound the work per operation (issue 13.1).
   */
  get probes(): number {
    return this.#probes + this.#overflow.probes;
  }

  /** The value of `key`, or -1 when absent. */
  get(key: number): number {
    const position = this.find(key);
    return position < 0 ? -1 : this.valueAt(position);
  }

  /** Sets `key` to `value`, adding the key when absent. */
  set(key: number, value: number): void {
    const position = this.find(key);
    if (position < 0) this.add(key, value);
    else if (position < this.#keys.length) this.#values[position] = value;
    else {
      this.deleteAt(position);
      this.add(key, value);
    }
  }

  /** Removes `key`; returns its value, or -1 when it was absent. */
  delete(key: number): number {
    const position = this.find(key);
    return position < 0 ? -1 : this.deleteAt(position);
  }

  // Position-based access, for callers that would otherwise look the same key up twice. A
  // position stays valid until the next `add` or delete. Positions from the direct slots' count
  // on are the overflow's.

  /** Where `key` is, or -1 when absent. */
  find(key: number): number {
    const slot = slotOf(key, this.#mask);
    this.#probes++;
    if (this.#keys[slot] === key) return slot;
    // The slot was taken when `key` came (it may be free since): look in the overflow.
    if (this.#overflow.size === 0) return -1;
    const position = this.#overflow.find(key);
    return position < 0 ? -1 : this.#keys.length + position;
  }

  /** The value at `position`, from `find`. */
  valueAt(position: number): number {
    const slots = this.#keys.length;
    return position < slots ? this.#values[position]! : this.#overflow.valueAt(position - slots);
  }

  /** Adds `key`, which must be absent (`find(key)` is -1), with `value`. */
  add(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.#keys.length) this.#resize(this.#keys.length * 2);
    this.#place(key, value);
  }

  /** Removes the key at `position`, from `find`; returns its value. */
  deleteAt(position: number): number {
    const slots = this.#keys.length;
    if (position >= slots) return this.#overflow.deleteAt(position - slots);
    this.#probes++;
    this.#keys[position] = EMPTY;
    this.#direct--;
    return this.#values[position]!;
  }

  /** Puts an absent key in its direct slot when free, else in the overflow. */
  #place(key: number, value: number): void {
    const slot = slotOf(key, this.#mask);
    this.#probes++;
    if (this.#keys[slot] === EMPTY) {
      this.#keys[slot] = key;
      this.#values[slot] = value;
      this.#direct++;
    } else {
      this.#overflow.add(key, value);
    }
  }

  #resize(slots: number): void {
    const oldKeys = this.#keys;
    const oldValues = this.#values;
    const oldOverflow = this.#overflow;
    this.#probes += oldOverflow.probes; // its count goes with it
    this.#keys = new Float64Array(slots).fill(EMPTY);
    this.#values = new Int32Array(slots);
    this.#mask = slots - 1;
    this.#direct = 0;
    this.#overflow = new HashedIndex();
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] !== EMPTY) this.#place(oldKeys[i]!, oldValues[i]!);
    }
    oldOverflow.forEach((key, value) => {
      this.#place(key, value);
    });
  }
}
