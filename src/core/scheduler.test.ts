import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Lane, Scheduler } from './scheduler';

/** A scheduler and a log that handlers append to. */
const setup = () => ({ scheduler: new Scheduler(), log: [] as string[] });

describe('Scheduler', () => {
  it('runs events in time order, each at its own virtual time', () => {
    const { scheduler, log } = setup();
    const note = (name: string) => log.push(`${name}@${scheduler.nowMs}`);
    scheduler.schedule(30, note, 'c');
    scheduler.schedule(10, note, 'a');
    scheduler.schedule(20, note, 'b');
    scheduler.runUntil(100);
    expect(log).toEqual(['a@10', 'b@20', 'c@30']);
    expect(scheduler.executed).toBe(3);
  });

  it('runs events at the same time in insertion order', () => {
    const { scheduler, log } = setup();
    for (const name of ['a', 'b', 'c', 'd', 'e']) scheduler.schedule(5, (n) => log.push(n), name);
    scheduler.runUntil(5);
    expect(log).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it("runs 'late' events after every 'normal' event at the same time, even ones scheduled later", () => {
    const { scheduler, log } = setup();
    const push = (name: string) => log.push(name);
    scheduler.schedule(5, push, 'late-1', 'late');
    scheduler.schedule(5, push, 'late-2', 'late');
    scheduler.schedule(
      5,
      () => {
        log.push('normal-1');
        scheduler.schedule(0, push, 'normal-from-handler');
      },
      null,
    );
    scheduler.schedule(4, push, 'earlier');
    scheduler.schedule(6, push, 'later');
    scheduler.runUntil(10);
    expect(log).toEqual([
      'earlier',
      'normal-1',
      'normal-from-handler',
      'late-1',
      'late-2',
      'later',
    ]);
  });

  it('runUntil runs events due at or before the time, keeps the rest, and sets the clock', () => {
    const { scheduler, log } = setup();
    for (const t of [5, 10, 11]) scheduler.schedule(t, (n) => log.push(n), `t${t}`);
    scheduler.runUntil(10);
    expect(log).toEqual(['t5', 't10']);
    expect(scheduler.nowMs).toBe(10);
    expect(scheduler.size).toBe(1);
    expect(scheduler.nextTimeMs).toBe(11);
    scheduler.runUntil(10.5);
    expect(scheduler.nowMs).toBe(10.5);
    scheduler.runUntil(20);
    expect(log).toEqual(['t5', 't10', 't11']);
    expect(scheduler.nowMs).toBe(20);
    expect(scheduler.nextTimeMs).toBe(Number.POSITIVE_INFINITY);
  });

  it('runs events scheduled at delay 0 during a handler within the same runUntil', () => {
    const { scheduler, log } = setup();
    const chain = (depth: number) => {
      log.push(`${depth}@${scheduler.nowMs}`);
      if (depth < 3) scheduler.schedule(0, chain, depth + 1);
    };
    scheduler.schedule(7, chain, 0);
    scheduler.runUntil(7);
    expect(log).toEqual(['0@7', '1@7', '2@7', '3@7']);
    expect(scheduler.size).toBe(0);
  });

  it('calls afterEach once after each event run', () => {
    const { scheduler, log } = setup();
    for (const t of [1, 2, 3]) scheduler.schedule(t, (n) => log.push(n), `e${t}`);
    scheduler.runUntil(2, () => log.push('after'));
    expect(log).toEqual(['e1', 'after', 'e2', 'after']);
  });

  describe('cancel', () => {
    it('returns true once, and the cancelled event never runs', () => {
      const { scheduler, log } = setup();
      const push = (name: string) => log.push(name);
      const keep = scheduler.schedule(5, push, 'keep');
      const drop = scheduler.schedule(5, push, 'drop');
      const dropLate = scheduler.schedule(5, push, 'drop-late', 'late');
      expect(scheduler.cancel(drop)).toBe(true);
      expect(scheduler.cancel(drop)).toBe(false);
      expect(scheduler.cancel(dropLate)).toBe(true);
      scheduler.runUntil(10);
      expect(log).toEqual(['keep']);
      expect(scheduler.executed).toBe(1);
      expect(scheduler.cancel(keep)).toBe(false);
    });

    it('returns false for an event that already ran, even once its record is reused', () => {
      const { scheduler, log } = setup();
      const first = scheduler.schedule(1, (n) => log.push(n), 'first');
      scheduler.runUntil(1);
      scheduler.schedule(1, (n) => log.push(n), 'second');
      expect(scheduler.cancel(first)).toBe(false);
      expect(scheduler.cancel(12345)).toBe(false);
      scheduler.runUntil(5);
      expect(log).toEqual(['first', 'second']);
    });

    it('does not move the clock to a cancelled event', () => {
      const { scheduler } = setup();
      scheduler.cancel(scheduler.schedule(8, () => {}, null));
      scheduler.schedule(3, () => {}, null);
      scheduler.runUntil(5);
      scheduler.runUntil(9);
      expect(scheduler.executed).toBe(1);
      expect(scheduler.size).toBe(0);
    });
  });

  it('step runs exactly one event and reports whether one was waiting', () => {
    const { scheduler, log } = setup();
    expect(scheduler.step()).toBe(false);
    scheduler.schedule(20, (n) => log.push(n), 'b');
    scheduler.schedule(10, (n) => log.push(n), 'a');
    expect(scheduler.step()).toBe(true);
    expect(log).toEqual(['a']);
    expect(scheduler.nowMs).toBe(10);
    expect(scheduler.step()).toBe(true);
    expect(log).toEqual(['a', 'b']);
    expect(scheduler.nowMs).toBe(20);
    expect(scheduler.step()).toBe(false);
  });

  it('keeps size and next time exact inside a handler, and lets a handler run events itself', () => {
    const { scheduler, log } = setup();
    const seen: Array<[string, number, number]> = [];
    const look = (label: string) => seen.push([label, scheduler.size, scheduler.nextTimeMs]);
    const push = (name: string) => log.push(name);
    scheduler.schedule(
      5,
      () => {
        look('first thing at 5');
        scheduler.schedule(0, push, 'nested at 5');
        scheduler.schedule(1, push, 'at 6');
        look('after scheduling');
        scheduler.runUntil(5);
        look('after a nested run');
      },
      null,
    );
    scheduler.schedule(
      8,
      () => {
        scheduler.schedule(0, push, 'nested at 8');
        look('scheduled first at 8');
        expect(scheduler.step()).toBe(true);
        look('after a nested step');
      },
      null,
    );
    scheduler.schedule(7, () => scheduler.runUntil(7), null);
    scheduler.schedule(
      9,
      () => {
        expect(scheduler.step()).toBe(true);
        look('stepped first at 9');
        for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) scheduler.schedule(1, push, name);
      },
      null,
    );
    scheduler.schedule(9, push, 'at 9');
    scheduler.runUntil(10);
    expect(log).toEqual([
      'nested at 5',
      'at 6',
      'nested at 8',
      'at 9',
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
    ]);
    expect(seen).toEqual([
      ['first thing at 5', 4, 7],
      ['after scheduling', 6, 5],
      ['after a nested run', 5, 6],
      ['scheduled first at 8', 3, 8],
      ['after a nested step', 2, 9],
      ['stepped first at 9', 0, Number.POSITIVE_INFINITY],
    ]);
    expect(scheduler.executed).toBe(14);
    expect(scheduler.size).toBe(0);
  });

  it('step skips cancelled events and runs the next real one', () => {
    const { scheduler, log } = setup();
    scheduler.cancel(scheduler.schedule(5, (n) => log.push(n), 'cancelled'));
    scheduler.cancel(scheduler.schedule(6, (n) => log.push(n), 'cancelled too'));
    scheduler.schedule(10, (n) => log.push(n), 'real');
    expect(scheduler.step()).toBe(true);
    expect(log).toEqual(['real']);
    expect(scheduler.nowMs).toBe(10);
    expect(scheduler.executed).toBe(1);
    expect(scheduler.size).toBe(0);
  });

  it('step returns false when only cancelled events are waiting, and leaves the clock', () => {
    const { scheduler, log } = setup();
    scheduler.cancel(scheduler.schedule(5, (n) => log.push(n), 'cancelled'));
    expect(scheduler.step()).toBe(false);
    expect(log).toEqual([]);
    expect(scheduler.nowMs).toBe(0);
    expect(scheduler.size).toBe(0);
  });

  it.each([
    ['a negative delay', (s: Scheduler) => s.schedule(-1, () => {}, null), /`delayMs`.*-1/],
    ['a NaN delay', (s: Scheduler) => s.schedule(Number.NaN, () => {}, null), /`delayMs`.*NaN/],
    ['scheduleAt in the past', (s: Scheduler) => s.scheduleAt(9, () => {}, null), /`timeMs`.*9/],
    ['runUntil in the past', (s: Scheduler) => s.runUntil(9), /`timeMs`.*now \(10\).*9/],
  ])('rejects %s with a RangeError', (_, call, message) => {
    const scheduler = new Scheduler();
    scheduler.runUntil(10);
    expect(() => call(scheduler)).toThrow(RangeError);
    expect(() => call(scheduler)).toThrow(message);
    expect(scheduler.size).toBe(0);
  });

  it('scheduleAt accepts the current time', () => {
    const { scheduler, log } = setup();
    scheduler.runUntil(10);
    scheduler.scheduleAt(10, (n) => log.push(n), 'now');
    scheduler.runUntil(10);
    expect(log).toEqual(['now']);
  });

  describe('order against a reference', () => {
    const lane = fc.constantFrom<Lane>('normal', 'late');
    /** Orders by (time, lane, insertion), the scheduler's contract. */
    const byKey = (a: Pending, b: Pending) =>
      a.timeMs - b.timeMs || a.late - b.late || a.seq - b.seq;
    type Pending = { timeMs: number; late: number; seq: number; label: string; children: Child[] };
    type Child = { delayMs: number; lane: Lane };
    const late = (l: Lane) => (l === 'late' ? 1 : 0);

    it('pops random schedules in (time, lane, insertion) order, skipping cancelled ones', () => {
      const event = fc.record({
        timeMs: fc.integer({ min: 0, max: 20 }),
        lane,
        cancelled: fc.boolean(),
      });
      fc.assert(
        fc.property(
          fc.array(event, { maxLength: 200, size: 'max' }),
          fc.integer({ min: 0, max: 20 }),
          (events, splitMs) => {
            const scheduler = new Scheduler();
            const ran: string[] = [];
            const ids = events.map((e, i) =>
              scheduler.scheduleAt(e.timeMs, (n) => ran.push(n), `${i}`, e.lane),
            );
            for (const [i, e] of events.entries()) if (e.cancelled) scheduler.cancel(ids[i]!);
            scheduler.runUntil(splitMs);
            scheduler.runUntil(20);

            const expected = events
              .map((e, i) => ({ ...e, late: late(e.lane), seq: i, label: `${i}`, children: [] }))
              .filter((e) => !e.cancelled)
              .sort(byKey)
              .map((e) => e.label);
            expect(ran).toEqual(expected);
            expect(scheduler.executed).toBe(expected.length);
          },
        ),
      );
    });

    it('matches a naive sorted list when handlers schedule more events as they run', () => {
      const child = fc.record({ delayMs: fc.integer({ min: 0, max: 5 }), lane });
      const event = fc.record({
        timeMs: fc.integer({ min: 0, max: 10 }),
        lane,
        children: fc.array(child, { maxLength: 3 }),
      });
      fc.assert(
        fc.property(fc.array(event, { maxLength: 60, size: 'max' }), (events) => {
          // Reference: a list re-sorted before every pop; a child's seq follows scheduling order.
          const pending: Pending[] = events.map((e, i) => ({
            ...e,
            late: late(e.lane),
            seq: i,
            label: `${i}`,
          }));
          let seq = pending.length;
          const expected: string[] = [];
          for (let next = pending.sort(byKey).shift(); next; next = pending.sort(byKey).shift()) {
            expected.push(`${next.label}@${next.timeMs}`);
            for (const [j, c] of next.children.entries()) {
              const at = next.timeMs + c.delayMs;
              pending.push({
                timeMs: at,
                late: late(c.lane),
                seq: seq++,
                label: `${next.label}.${j}`,
                children: [],
              });
            }
          }

          const scheduler = new Scheduler();
          const ran: string[] = [];
          const run = ({ label, children }: Pick<Pending, 'label' | 'children'>) => {
            ran.push(`${label}@${scheduler.nowMs}`);
            for (const [j, c] of children.entries()) {
              scheduler.schedule(c.delayMs, run, { label: `${label}.${j}`, children: [] }, c.lane);
            }
          };
          for (const [i, e] of events.entries())
            scheduler.scheduleAt(e.timeMs, run, { label: `${i}`, children: e.children }, e.lane);
          scheduler.runUntil(100);
          expect(ran).toEqual(expected);
        }),
      );
    });
  });
});
