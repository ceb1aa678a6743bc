/**
 * The relay's queue and its discipline: which waiting request a free worker takes. FIFO takes
 * the oldest; LIFO the newest (the one whose client is most likely still there); adaptive LIFO
 * takes the newest only while the queue is longer than a threshold (Facebook's "Fail at scale");
 * CoDel takes the oldest but sheds requests while queue waits have stayed above a target for an
 * interval (RFC 8289, as Facebook applies it to request queues).
 * Invariant: the queue never grows past its capacity (lowering it lets the excess drain).
 */
import { BoundedQueue } from './bounded-queue';
import { CoDel } from './codel';
import type { RelayRequest } from './relay-request';
import type { RelayConfig } from './scenario-schema';

const FIFO = 0;
const LIFO = 1;
const ADAPTIVE_LIFO = 2;
const CODEL = 3;
const DISCIPLINES = { fifo: FIFO, lifo: LIFO, adaptiveLifo: ADAPTIVE_LIFO, codel: CODEL } as const;

/** The relay's waiting requests, taken by its discipline. */
export class RelayQueue {
  readonly #items: BoundedQueue<RelayRequest>;
  #discipline: number = FIFO;
  #lifoAboveDepth = 0;
  /** CoDel's control law: its state lasts across takes (the drop schedule). */
  readonly #codel: CoDel;

  constructor(relay: RelayConfig['relay']) {
    this.#items = new BoundedQueue(relay.queueCapacity);
    this.#codel = new CoDel(relay.codel);
    this.configure(relay);
  }

  /** Requests waiting. */
  get size(): number {
    return this.#items.size;
  }

  /** Most requests that may wait. */
  get capacity(): number {
    return this.#items.capacity;
  }

  /** Applies the relay's settings (already validated) to later pushes and takes. */
  configure(relay: RelayConfig['relay']): void {
    this.#items.capacity = relay.queueCapacity;
    this.#discipline = DISCIPLINES[relay.queueDiscipline];
    this.#lifoAboveDepth = relay.adaptiveLifoDepth;
    this.#codel.configure(relay.codel);
  }

  /** Queues `request`, arrived now; false (and nothing kept) when full. */
  push(request: RelayRequest, nowMs: number): boolean {
    request.queuedAtMs = nowMs;
    return this.#items.push(request);
  }

  /**
   * The request a free worker takes now, or `undefined` when none waits. Under CoDel, each
   * request it sheds on the way goes to `shed` first.
   */
  take(nowMs: number, shed: (request: RelayRequest) => void): RelayRequest | undefined {
    const items = this.#items;
    switch (this.#discipline) {
      case LIFO:
        return items.pop();
      case ADAPTIVE_LIFO:
        return items.size > this.#lifoAboveDepth ? items.pop() : items.shift();
      case CODEL:
        for (;;) {
          const head = items.shift();
          if (head === undefined) return undefined;
          if (!this.#codel.shouldDrop(nowMs - head.queuedAtMs, nowMs, items.size === 0)) {
            return head;
          }
          shed(head);
        }
      default:
        return items.shift();
    }
  }
}
