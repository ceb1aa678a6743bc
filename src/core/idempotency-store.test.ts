import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type IdempotencyDecision, IdempotencyStore } from './idempotency-store';

const store = (ttlMs = 1000, maxKeys = 100) => new IdempotencyStore({ ttlMs, maxKeys });
/** Begins and completes `key` at `nowMs` with response `response`. */
const succeed = (s: IdempotencyStore, key: number, nowMs: number, response = key * 10) => {
  expect(s.begin(key, nowMs)).toBe('proceed');
  s.complete(key, nowMs, response);
};
const throws = (call: () => void) => {
  try {
    call();
    return false;
  } catch {
    return true;
  }
};
const counters = (s: IdempotencyStore) => ({
  size: s.size,
  inProgress: s.inProgress,
  replays: s.replays,
  conflicts: s.conflicts,
  evictions: s.evictions,
  expirations: s.expirations,
});

describe('IdempotencyStore', () => {
  it('proceeds on a new key, then answers conflict while it is in progress', () => {
    const s = store();
    expect(s.begin(7, 0)).toBe('proceed');
    expect(s.begin(7, 5)).toBe('conflict');
    expect(s.begin(7, 9)).toBe('conflict');
    expect(s.begin(8, 9)).toBe('proceed');
    expect(counters(s)).toMatchObject({ size: 2, inProgress: 2, conflicts: 2, replays: 0 });
  });

  it('replays a completed key with its stored response', () => {
    const s = store();
    succeed(s, 7, 100, 4242);
    succeed(s, 8, 100, 99);
    expect(s.begin(7, 200)).toBe('replay');
    expect(s.response).toBe(4242);
    expect(s.begin(8, 200)).toBe('replay');
    expect(s.response).toBe(99);
    expect(s.begin(7, 300)).toBe('replay');
    expect(s.response).toBe(4242);
    expect(counters(s)).toMatchObject({ size: 2, inProgress: 0, replays: 3, conflicts: 0 });
  });

  it('replays until one ms before completedAt + ttl, and proceeds at completedAt + ttl', () => {
    const s = store(500);
    succeed(s, 7, 1000);
    expect(s.begin(7, 1499)).toBe('replay');
    expect(s.expirations).toBe(0);
    expect(s.begin(7, 1500)).toBe('proceed');
    expect(counters(s)).toMatchObject({ size: 1, inProgress: 1, replays: 1, expirations: 1 });
  });

  it('counts an expiry met while looking up another key', () => {
    const s = store(500);
    succeed(s, 7, 1000);
    expect(s.begin(8, 1500)).toBe('proceed');
    expect(counters(s)).toMatchObject({ size: 1, expirations: 1 });
    expect(s.begin(7, 1500)).toBe('proceed');
    expect(s.expirations).toBe(1);
  });

  it('with ttl 0 never replays', () => {
    const s = store(0);
    succeed(s, 7, 1000);
    expect(s.begin(7, 1000)).toBe('proceed');
    expect(s.replays).toBe(0);
  });

  it('caches nothing after a release (failure): the next begin proceeds', () => {
    const s = store();
    expect(s.begin(7, 0)).toBe('proceed');
    s.release(7);
    expect(counters(s)).toMatchObject({ size: 0, inProgress: 0 });
    expect(s.begin(7, 1)).toBe('proceed');
    s.complete(7, 2, 70);
    expect(s.begin(7, 3)).toBe('replay');
    expect(s.response).toBe(70);
  });

  it.each<[string, (s: IdempotencyStore) => void]>([
    ['complete of an unknown key', (s) => s.complete(1, 0, 0)],
    ['release of an unknown key', (s) => s.release(1)],
    ['complete of a completed key', (s) => s.complete(2, 0, 0)],
    ['release of a completed key', (s) => s.release(2)],
    ['a second release', (s) => s.release(3)],
  ])('throws on %s', (_, call) => {
    const s = store();
    succeed(s, 2, 0);
    s.begin(3, 0);
    s.release(3);
    expect(() => call(s)).toThrow(/is not in progress/);
    expect(counters(s)).toMatchObject({ size: 1, inProgress: 0 });
  });

  describe('maxKeys', () => {
    it('evicts the oldest completed entry first and counts it', () => {
      const s = store(10_000, 3);
      expect(s.begin(1, 0)).toBe('proceed');
      succeed(s, 2, 1); // 2 completes before 1: it is the oldest completed entry
      s.complete(1, 2, 10);
      succeed(s, 3, 3);
      expect(s.begin(4, 4)).toBe('proceed');
      expect(counters(s)).toMatchObject({ size: 3, evictions: 1, expirations: 0 });
      expect(s.begin(1, 5)).toBe('replay');
      expect(s.begin(3, 5)).toBe('replay');
      expect(s.begin(2, 5)).toBe('proceed'); // evicted; proceeding evicts 1, the next oldest
      expect(counters(s)).toMatchObject({ size: 3, evictions: 2 });
      expect(s.begin(1, 6)).toBe('proceed');
    });

    it('makes room by expiry first: a dead entry is not counted as evicted', () => {
      const s = store(100, 1);
      succeed(s, 1, 0);
      expect(s.begin(2, 100)).toBe('proceed');
      expect(counters(s)).toMatchObject({ size: 1, evictions: 0, expirations: 1 });
    });

    it('never evicts an entry in progress, so the store exceeds maxKeys while all are', () => {
      const s = store(10_000, 2);
      for (const key of [1, 2, 3, 4]) expect(s.begin(key, 0)).toBe('proceed');
      expect(counters(s)).toMatchObject({ size: 4, inProgress: 4, evictions: 0 });
      s.complete(3, 1, 30);
      expect(s.begin(5, 2)).toBe('proceed'); // only 3 was evictable
      expect(counters(s)).toMatchObject({ size: 4, inProgress: 4, evictions: 1 });
      for (const key of [1, 2, 4, 5]) expect(s.begin(key, 3)).toBe('conflict');
    });

    it('is back within maxKeys at the next begin once the requests in progress end', () => {
      const s = store(10_000, 2);
      for (const key of [1, 2, 3, 4]) s.begin(key, 0);
      for (const key of [1, 2, 3, 4]) s.complete(key, 1, key);
      expect(s.begin(5, 2)).toBe('proceed');
      expect(counters(s)).toMatchObject({ size: 2, evictions: 3 });
      expect(s.begin(4, 3)).toBe('replay');
    });

    it('shrinks to a lowered maxKeys at the next begin', () => {
      const s = store(10_000, 100);
      for (let key = 0; key < 100; key++) succeed(s, key, key);
      s.options = { ttlMs: 10_000, maxKeys: 10 };
      expect(s.begin(100, 100)).toBe('proceed');
      expect(counters(s)).toMatchObject({ size: 10, evictions: 91 });
      expect(s.begin(99, 101)).toBe('replay');
      expect(s.begin(91, 101)).toBe('replay'); // keys 0 to 90 went, oldest first
      expect(s.begin(90, 101)).toBe('proceed');
    });
  });

  it('keeps thousands of entries (beyond its initial arrays) with their responses', () => {
    const s = store(1000, 100_000);
    for (let key = 0; key < 500; key++) succeed(s, key, 0);
    expect(s.begin(9999, 1000)).toBe('proceed'); // expires all 500: the ring's head moves on
    s.release(9999);
    for (let key = 0; key < 3000; key++) s.begin(key * 7, 1000);
    for (let key = 0; key < 3000; key++) s.complete(key * 7, 1000 + Math.floor(key / 3), key + 0.5);
    const wrong: number[] = [];
    for (let key = 0; key < 3000; key++) {
      if (s.begin(key * 7, 1999) !== 'replay' || s.response !== key + 0.5) wrong.push(key);
    }
    expect(wrong).toEqual([]);
    expect(s.begin(3000 * 7, 2333)).toBe('proceed'); // expires keys 0 to 1001, those done by 1333
    expect(counters(s)).toMatchObject({ size: 1999, expirations: 1502, replays: 3000 });
    expect([s.begin(1001 * 7, 2333), s.begin(1002 * 7, 2333)]).toEqual(['proceed', 'replay']);
  });

  it('applies a changed ttl to later completions; earlier ones keep their expiry', () => {
    const s = store(1000, 100);
    succeed(s, 1, 0, 10); // expires at 1000
    s.options = { ttlMs: 10, maxKeys: 100 };
    succeed(s, 2, 5, 20); // expires at 15, though 1 (at 1000) is older
    expect(s.begin(2, 14)).toBe('replay');
    expect(s.begin(2, 15)).toBe('proceed');
    s.complete(2, 995, 21); // again, until 1005
    expect(s.begin(3, 1000)).toBe('proceed'); // 1 expires; the first completion of 2 is long gone
    expect([s.begin(1, 1000), s.begin(2, 1000), s.response]).toEqual(['proceed', 'replay', 21]);
    expect(s.expirations).toBe(2);
  });

  it('matches a reference model for any sequence of operations', () => {
    const op = fc.record({
      kind: fc.constantFrom('begin', 'begin', 'complete', 'release'),
      key: fc.nat(9),
      // complete/release: mostly a key in progress (picked by `key`), sometimes any key
      anyKey: fc.nat(4).map((n) => n === 0),
      advanceMs: fc.nat(5),
    });
    const options = fc.record({ ttlMs: fc.nat(500), maxKeys: fc.integer({ min: 1, max: 5 }) });
    fc.assert(
      fc.property(
        options,
        fc.array(op, { maxLength: 300, size: 'max' }),
        ({ ttlMs, maxKeys }, ops) => {
          const s = new IdempotencyStore({ ttlMs, maxKeys });
          const model = new Model(ttlMs, maxKeys);
          const [got, want]: [unknown[], unknown[]] = [[], []]; // one expect at the end: one per step is slow
          let nowMs = 0;
          for (const [i, { kind, key: k, anyKey, advanceMs }] of ops.entries()) {
            nowMs += advanceMs;
            const running = model.runningKeys();
            const key =
              kind === 'begin' || anyKey || running.length === 0 ? k : running[k % running.length]!;
            if (kind === 'begin') {
              const decision = model.begin(key, nowMs);
              got.push(s.begin(key, nowMs), decision === 'replay' ? s.response : null);
              want.push(decision, decision === 'replay' ? model.response : null);
            } else if (!running.includes(key)) {
              got.push(
                throws(() => (kind === 'complete' ? s.complete(key, nowMs, i) : s.release(key))),
              );
              want.push(true);
            } else if (kind === 'complete') {
              s.complete(key, nowMs, i);
              model.complete(key, nowMs, i);
            } else {
              s.release(key);
              model.entries.delete(key);
            }
            got.push(counters(s));
            want.push(model.counters());
          }
          expect(got).toEqual(want);
        },
      ),
    );
  });
});

/** The store's contract, written plainly: a `Map`, expiry checked on every `begin`. */
class Model {
  entries = new Map<number, { expiresAtMs: number; response: number } | 'inProgress'>();
  response = 0;
  #counts = { replays: 0, conflicts: 0, evictions: 0, expirations: 0 };
  constructor(
    readonly ttlMs: number,
    readonly maxKeys: number,
  ) {}

  runningKeys = () => [...this.entries].filter(([, e]) => e === 'inProgress').map(([k]) => k);

  begin(key: number, nowMs: number): IdempotencyDecision {
    for (const [k, entry] of this.entries) {
      if (entry !== 'inProgress' && nowMs >= entry.expiresAtMs) {
        this.entries.delete(k);
        this.#counts.expirations++;
      }
    }
    const entry = this.entries.get(key);
    if (entry === 'inProgress') return this.#count('conflicts', 'conflict');
    if (entry !== undefined) {
      this.response = entry.response;
      return this.#count('replays', 'replay');
    }
    // Completed entries are kept in completion order: a completion re-inserts its key last.
    for (const [k, e] of this.entries) {
      if (this.entries.size < this.maxKeys) break;
      if (e === 'inProgress') continue;
      this.entries.delete(k);
      this.#counts.evictions++;
    }
    this.entries.set(key, 'inProgress');
    return 'proceed';
  }

  complete(key: number, nowMs: number, response: number): void {
    this.entries.delete(key);
    this.entries.set(key, { expiresAtMs: nowMs + this.ttlMs, response });
  }

  counters() {
    return { size: this.entries.size, inProgress: this.runningKeys().length, ...this.#counts };
  }

  #count<T>(counter: 'replays' | 'conflicts', result: T): T {
    this.#counts[counter]++;
    return result;
  }
}

describe('issue 13.1: outage does not slow the index', () => {
  it('does little index work per request while no key completes and new keys pile onto old ones', () => {
    const s = new IdempotencyStore({ ttlMs: 86_400_000, maxKeys: 10_000 });
    for (let key = 0; key < 10_000; key++) succeed(s, key, key); // full: the oldest 101 make room
    // The outage: every request is refused or fails, so its key is released, never completed;
    // 100 in progress at once; 100,000 new ids wrap around the index's 32,768 slots three times.
    const before = s.indexProbes;
    const requests = 100_000;
    for (let key = 10_000; key < 10_000 + requests; key++) {
      if (s.begin(key, 20_000) !== 'proceed') throw new Error(`key ${key} did not proceed`);
      if (key - 100 >= 10_000) s.release(key - 100);
    }
    expect(counters(s)).toMatchObject({ size: 9_999, inProgress: 100, evictions: 101 });
    // Placed by their low bits, keys once cost about 3,000 slots per request here.
    expect((s.indexProbes - before) / requests).toBeLessThan(10); // about 4.9 now, as steady
  });
});
