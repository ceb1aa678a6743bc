import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashedIndex } from './hashed-index';

type Op = { kind: 'add'; key: number; value: number } | { kind: 'find' | 'delete'; key: number };

const opOver = (key: fc.Arbitrary<number>): fc.Arbitrary<Op> =>
  fc.oneof(
    fc.record({ kind: fc.constant('add' as const), key, value: fc.integer({ min: -1, max: 1e6 }) }),
    fc.record({ kind: fc.constantFrom('find' as const, 'delete' as const), key }),
  );

/** Runs `ops` on a small index (so it collides and grows) and on a `Map`; lists disagreements. */
function disagreements(ops: readonly Op[]): string[] {
  const [index, model] = [new HashedIndex(16), new Map<number, number>()];
  const wrong: string[] = [];
  for (const op of ops) {
    const position = index.find(op.key);
    const found = position < 0 ? undefined : index.valueAt(position);
    if (found !== model.get(op.key)) wrong.push(`${JSON.stringify(op)}: found ${found}`);
    if (op.kind === 'add' && position < 0) {
      index.add(op.key, op.value);
      model.set(op.key, op.value);
    } else if (op.kind === 'delete' && position >= 0) {
      index.deleteAt(position);
      model.delete(op.key);
    }
  }
  const held = new Map<number, number>();
  index.forEach((key, value) => {
    held.set(key, value);
  });
  if (index.size !== model.size) wrong.push(`size ${index.size}, expected ${model.size}`);
  for (const [key, value] of model) {
    if (held.get(key) !== value) wrong.push(`forEach: ${key} → ${held.get(key)}, not ${value}`);
  }
  return wrong;
}

describe('HashedIndex', () => {
  it('adds, finds, reads and deletes by position', () => {
    const index = new HashedIndex();
    expect(index.find(5)).toBe(-1);
    index.add(5, 50);
    index.add(6, 60);
    expect(index.valueAt(index.find(5))).toBe(50);
    expect(index.deleteAt(index.find(5))).toBe(50);
    expect([index.find(5), index.valueAt(index.find(6)), index.size]).toEqual([-1, 60, 1]);
  });

  it('matches a Map for random operations over a small key range (many collisions)', () => {
    fc.assert(
      fc.property(fc.array(opOver(fc.nat(63)), { maxLength: 300, size: 'max' }), (ops) => {
        expect(disagreements(ops)).toEqual([]);
      }),
    );
  });

  it('matches a Map for keys in patterns: multiples of powers of two, and above 2^32', () => {
    const key = fc
      .tuple(fc.nat(40), fc.constantFrom(1, 1024, 2 ** 20, 2 ** 32, 2 ** 40), fc.nat(3))
      .map(([k, unit, low]) => k * unit + low);
    fc.assert(
      fc.property(fc.array(opOver(key), { maxLength: 300, size: 'max' }), (ops) => {
        expect(disagreements(ops)).toEqual([]);
      }),
    );
  });

  it('spreads a block of consecutive keys: a few slots per operation, not a run', () => {
    const index = new HashedIndex();
    for (let key = 0; key < 50_000; key++) index.add(key, key);
    const before = index.probes;
    for (let key = 0; key < 50_000; key++) index.find(key + 2 ** 17); // misses
    expect((index.probes - before) / 50_000).toBeLessThan(3);
  });
});
