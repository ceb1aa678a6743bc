import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberIndex } from './number-index';

type Op = { kind: 'set'; key: number; value: number } | { kind: 'get' | 'delete'; key: number };

const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const opOver = (key: fc.Arbitrary<number>): fc.Arbitrary<Op> =>
  fc.oneof(
    fc.record({ kind: fc.constant('set' as const), key, value: int32 }),
    fc.record({ kind: fc.constantFrom('get' as const, 'delete' as const), key }),
  );

/**
 * Applies `op` to the index and to a `Map` model, then checks the answer, the size, the live keys
 * and `op.key` (absent ones included). Plain comparisons: an expect per key per step is slow.
 */
function check(index: NumberIndex, model: Map<number, number>, op: Op): void {
  const expected = model.get(op.key) ?? -1;
  let answer = expected;
  if (op.kind === 'set') {
    index.set(op.key, op.value);
    model.set(op.key, op.value);
  } else if (op.kind === 'get') {
    answer = index.get(op.key);
  } else {
    answer = index.delete(op.key);
    model.delete(op.key);
  }
  const wrong = [op.key, ...model.keys()].filter(
    (key) => index.get(key) !== (model.get(key) ?? -1),
  );
  if (answer !== expected || index.size !== model.size || wrong.length > 0) {
    expect({ answer, size: index.size, wrong }, JSON.stringify(op)).toEqual({
      answer: expected,
      size: model.size,
      wrong: [],
    });
  }
}

/** Runs `ops` on a small index (so it collides and grows), then checks every key ever used. */
const runOps = (ops: Op[]) => {
  const [index, model] = [new NumberIndex(16), new Map<number, number>()];
  for (const op of ops) check(index, model, op);
  const wrong = ops.filter(({ key }) => index.get(key) !== (model.get(key) ?? -1));
  expect(wrong).toEqual([]);
};

describe('NumberIndex', () => {
  it('sets, overwrites, gets and deletes', () => {
    const index = new NumberIndex();
    expect(index.get(5)).toBe(-1);
    index.set(5, 50);
    index.set(6, 60);
    index.set(5, 55);
    expect([index.get(5), index.get(6), index.size]).toEqual([55, 60, 2]);
    expect(index.delete(5)).toBe(55);
    expect(index.delete(5)).toBe(-1);
    expect([index.get(5), index.get(6), index.size]).toEqual([-1, 60, 1]);
  });

  it('finds positions: valueAt reads them, deleteAt removes the key there, add adds absent keys', () => {
    const index = new NumberIndex(16);
    index.add(3, 30);
    index.add(19, 190); // shares its direct slot with 3 in 16 slots
    expect(index.find(7)).toBe(-1);
    const position = index.find(3);
    expect(index.valueAt(position)).toBe(30);
    expect(index.deleteAt(position)).toBe(30);
    expect([index.find(3), index.get(19), index.size]).toEqual([-1, 190, 1]);
    expect(index.valueAt(index.find(19))).toBe(190);
  });

  it('holds keys above 2^32 apart from their low 32 bits, up to 2^53', () => {
    const index = new NumberIndex(16);
    const keys = [7, 2 ** 32 + 7, 2 ** 40 + 7, 2 ** 52 + 7, Number.MAX_SAFE_INTEGER, 2 ** 32];
    keys.forEach((key, i) => {
      index.set(key, i);
    });
    expect(keys.map((key) => index.get(key))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(index.get(2 ** 33 + 7)).toBe(-1);
    expect(index.delete(2 ** 32 + 7)).toBe(1);
    expect(keys.map((key) => index.get(key))).toEqual([0, -1, 2, 3, 4, 5]);
  });

  it('matches a Map for random operations over a small key range (many collisions)', () => {
    fc.assert(
      fc.property(fc.array(opOver(fc.nat(63)), { maxLength: 300, size: 'max' }), (ops) =>
        runOps(ops),
      ),
    );
  });

  it('matches a Map when every key shares a direct slot in a small table (all but one overflow)', () => {
    const key = fc.nat(40).map((k) => k * 1024);
    fc.assert(
      fc.property(fc.array(opOver(key), { maxLength: 200, size: 'max' }), (ops) => runOps(ops)),
    );
  });

  it('puts a key whose direct slot is taken in the overflow, and finds it there after the slot frees', () => {
    const index = new NumberIndex(16);
    index.set(3, 30);
    index.set(19, 190); // direct slot 3 of 16 is taken by 3
    expect([index.size, index.overflowSize]).toEqual([2, 1]);
    expect(index.delete(3)).toBe(30);
    expect([index.get(19), index.get(3), index.size]).toEqual([190, -1, 1]);
    index.set(19, 191); // set anew: to its direct slot, free now
    expect([index.get(19), index.overflowSize, index.size]).toEqual([191, 0, 1]);
    index.set(35, 350); // slot 3 is 19's now
    expect([index.get(35), index.overflowSize, index.size]).toEqual([350, 1, 2]);
  });

  it('moves overflowed keys back to their direct slots when it grows, if free', () => {
    const index = new NumberIndex(16);
    for (const key of [0, 16, 32]) index.add(key, key); // 16 and 32 overflow in 16 slots
    expect(index.overflowSize).toBe(2);
    for (let key = 1; key <= 6; key++) index.add(key, key); // 9 keys: grows to 32 slots
    expect(index.overflowSize).toBe(1); // 16 is direct in 32 slots; 32 still shares with 0
    expect([0, 16, 32, 6].map((key) => index.get(key))).toEqual([0, 16, 32, 6]);
  });

  it('matches a Map for keys above 2^32 that share their low bits', () => {
    const key = fc
      .tuple(fc.nat(20), fc.nat(20), fc.constantFrom(2 ** 32, 2 ** 40, 2 ** 48))
      .map(([high, low, unit]) => high * unit + low);
    fc.assert(
      fc.property(fc.array(opOver(key), { maxLength: 300, size: 'max' }), (ops) => runOps(ops)),
    );
  });

  it('matches a Map for sequential keys inserted and deleted first in, first out', () => {
    const base = fc.constantFrom(0, 1000, 2 ** 32 - 100, 2 ** 40, Number.MAX_SAFE_INTEGER - 2000);
    // true: insert the next key; false: delete the oldest
    const steps = fc.array(fc.boolean(), { maxLength: 600, size: 'max' });
    fc.assert(
      fc.property(base, steps, int32, (first, inserts, value) => {
        const [index, model] = [new NumberIndex(16), new Map<number, number>()];
        let [next, oldest] = [first, first];
        for (const insert of inserts) {
          const op: Op = insert
            ? { kind: 'set', key: next++, value: value ^ next }
            : { kind: 'delete', key: oldest < next ? oldest++ : oldest };
          check(index, model, op);
        }
        const gone = Array.from({ length: oldest - first }, (_, i) => first + i);
        expect(gone.filter((key) => index.get(key) !== -1)).toEqual([]);
      }),
    );
  });

  it('keeps 1000 live keys exact through 100,000 sequential inserts and deletes', () => {
    const index = new NumberIndex();
    const wrong: number[] = []; // one expect at the end: 100,000 expect calls take seconds
    for (let key = 0; key < 100_000; key++) {
      index.set(key, key % 7919);
      if (key >= 1000 && index.delete(key - 1000) !== (key - 1000) % 7919) wrong.push(key - 1000);
    }
    for (let key = 98_000; key < 100_000; key++) {
      if (index.get(key) !== (key < 99_000 ? -1 : key % 7919)) wrong.push(key);
    }
    expect(wrong).toEqual([]);
    expect(index.size).toBe(1000);
  });
});

describe('issue 13.1: outage does not slow the index', () => {
  /**
   * Slots of work per operation while new keys stream through `live` at a time and wrap around,
   * several times, onto a block of `old` keys that stays: the idempotency store in an outage,
   * when no key completes and the completed ones stop leaving. Probed from their low bits, as
   * keys once were (Robin Hood), each insert and delete shifted the whole block: about 1,000
   * slots per operation in the larger case below.
   */
  function workPerOperation(old: number, live: number, fresh: number): number {
    const index = new NumberIndex(16);
    for (let key = 0; key < old; key++) index.add(key, key);
    const before = index.probes;
    let operations = 0;
    const wrong: number[] = [];
    for (let key = old; key < old + fresh; key++) {
      if (index.find(key) >= 0) wrong.push(key);
      index.add(key, key);
      operations += 2;
      if (key - live >= old) {
        if (index.delete(key - live) !== key - live) wrong.push(key - live);
        operations++;
      }
    }
    expect(wrong).toEqual([]);
    expect(index.size).toBe(old + live);
    return (index.probes - before) / operations;
  }

  it('counts the slots it visits and moves', () => {
    const index = new NumberIndex(16);
    expect(index.probes).toBe(0);
    index.add(1, 10);
    index.get(1);
    index.get(2);
    expect(index.probes).toBeGreaterThanOrEqual(3);
  });

  it.each([
    [1000, 50, 20_000],
    [10_000, 100, 100_000],
  ])('keeps the work per operation small with %i old keys, %i live, %i new', (old, live, fresh) => {
    expect(workPerOperation(old, live, fresh)).toBeLessThan(4); // about 1.6 now
  });
});
