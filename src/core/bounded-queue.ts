/**
 * A queue with a fixed capacity, taken from either end (oldest first, or newest first), on a ring
 * buffer that grows on demand up to the capacity (so a large capacity costs nothing until it is
 * used). Invariant: `size <= capacity`, except after the capacity is lowered below the current
 * size; then no push succeeds until it drains.
 */

/** A bounded first-in, first-out queue. */
export class BoundedQueue<T> {
  /** The ring; its length is a power of two, so positions wrap with a mask, not a division. */
  #items: Array<T | undefined> = new Array(16);
  #head = 0;
  #size = 0;
  #capacity: number;

  /** `capacity`: most items held at once, an integer ≥ 0. */
  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Items waiting. */
  get size(): number {
    return this.#size;
  }

  /** Most items held at once. */
  get capacity(): number {
    return this.#capacity;
  }

  /** Changes the capacity; items already queued stay. */
  set capacity(capacity: number) {
    this.#capacity = capacity;
  }

  /** True when a push would be refused. */
  get isFull(): boolean {
    return this.#size >= this.#capacity;
  }

  /** Appends `item`; returns false (and keeps nothing) when full. */
  push(item: T): boolean {
    if (this.#size >= this.#capacity) return false;
    if (this.#size === this.#items.length) this.#grow();
    this.#items[(this.#head + this.#size) & (this.#items.length - 1)] = item;
    this.#size++;
    return true;
  }

  /** Removes and returns the oldest item, or `undefined` when empty. */
  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined;
    this.#head = (this.#head + 1) & (this.#items.length - 1);
    this.#size--;
    return item;
  }

  /** Removes and returns the newest item, or `undefined` when empty. */
  pop(): T | undefined {
    if (this.#size === 0) return undefined;
    this.#size--;
    const at = (this.#head + this.#size) & (this.#items.length - 1);
    const item = this.#items[at];
    this.#items[at] = undefined;
    return item;
  }

  /** The oldest item, left in place, or `undefined` when empty. */
  peek(): T | undefined {
    return this.#size === 0 ? undefined : this.#items[this.#head];
  }

  /** The items in order, oldest first (a copy). */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.#size; i++)
      out.push(this.#items[(this.#head + i) % this.#items.length] as T);
    return out;
  }

  #grow(): void {
    const items: Array<T | undefined> = new Array(this.#items.length * 2);
    for (let i = 0; i < this.#size; i++)
      items[i] = this.#items[(this.#head + i) % this.#items.length];
    this.#items = items;
    this.#head = 0;
  }
}
