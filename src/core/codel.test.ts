import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoDel, type CoDelConfig, coDelDefaults } from './codel';

/**
 * Dequeues every `stepMs` from `fromMs` to `toMs` (inclusive): at each dequeue, asks about head
 * items (each waiting `sojournAt(t)`) until one is delivered. Returns the times of the drops.
 */
function dequeue(
  codel: CoDel,
  fromMs: number,
  toMs: number,
  stepMs: number,
  sojournAt: (nowMs: number) => number,
): number[] {
  const drops: number[] = [];
  for (let t = fromMs; t <= toMs; t += stepMs) {
    while (codel.shouldDrop(sojournAt(t), t)) drops.push(t);
  }
  return drops;
}
const codel = (config: Partial<CoDelConfig> = {}) => new CoDel({ ...coDelDefaults, ...config });
const overloaded = () => 50;

describe('CoDel', () => {
  it("holds RFC 8289's defaults: target 5 ms, interval 100 ms", () => {
    expect(coDelDefaults).toEqual({ targetMs: 5, intervalMs: 100 });
  });

  it.each([0, 1, 4, 4.999])('never drops while the sojourn is %f ms, below target', (sojournMs) => {
    const c = codel();
    expect(dequeue(c, 0, 5000, 1, () => sojournMs)).toEqual([]);
    expect(c.dropping).toBe(false);
  });

  it('under constant overload drops at first-above + interval, then interval / √count apart', () => {
    const c = codel();
    // Above target from t = 0: dropping may start at 100. Drops are due at 100, then
    // 100 + 100/√1 = 200, + 100/√2 = 270.711, + 100/√3 = 328.446, + 100/√4 = 378.446,
    // 423.167, 463.992, 501.788, 537.144, 570.477, 602.100, 632.251; a dequeue every ms.
    expect(dequeue(c, 0, 640, 1, overloaded)).toEqual([
      100, 200, 271, 329, 379, 424, 464, 502, 538, 571, 603, 633,
    ]);
    expect([c.dropping, c.count]).toEqual([true, 12]);
  });

  it('drops several items at one dequeue when drops fall due faster than dequeues', () => {
    const c = codel();
    // Every 50 ms: at 550 the drop due at 537.144 is followed by one due at 537.144 + 100/√8.
    expect(dequeue(c, 0, 800, 50, overloaded)).toEqual([
      100, 200, 300, 350, 400, 450, 500, 550, 550, 600, 650, 650, 700, 700, 750, 750, 800, 800,
    ]);
  });

  it('waits a whole interval above target before the first drop', () => {
    const c = codel();
    // Below target until 30, above from 31: dropping may start at 131.
    expect(dequeue(c, 0, 250, 1, (t) => (t <= 30 ? 1 : 50))).toEqual([131, 231]);
  });

  it('leaves the dropping state at the first sojourn below target', () => {
    const c = codel();
    expect(dequeue(c, 0, 420, 1, overloaded)).toEqual([100, 200, 271, 329, 379]);
    expect(c.dropping).toBe(true);
    expect(c.shouldDrop(4, 421)).toBe(false);
    expect(c.dropping).toBe(false);
    expect(dequeue(c, 422, 2000, 1, () => 4)).toEqual([]);
  });

  it('re-entering soon after leaving starts from the drop rate that last worked', () => {
    const c = codel();
    const sojourn = (t: number) => (t <= 420 || t >= 500 ? 50 : 1);
    // Left at 421 with count 5 (entered at count 1), next drop then due at 423.167. Above again
    // from 500, so re-entry at 600: 600 − 423.167 < 16 × 100, count = 5 − 1 = 4; the next drops
    // are due at 600 + 100/√4 = 650, then + 100/√5 = 694.721, + 100/√6 = 735.546.
    expect(dequeue(c, 0, 740, 1, sojourn)).toEqual([100, 200, 271, 329, 379, 600, 650, 695, 736]);
    expect(c.count).toBe(7);
  });

  it('re-entering long after leaving starts again from count 1', () => {
    const c = codel();
    const sojourn = (t: number) => (t <= 420 || t >= 2500 ? 50 : 1);
    // Re-entry at 2600: 2600 − 423.167 ≥ 16 × 100.
    expect(dequeue(c, 0, 2780, 1, sojourn)).toEqual([100, 200, 271, 329, 379, 2600, 2700, 2771]);
  });

  it('never drops the last item, and counts it as below target', () => {
    const c = codel();
    for (let t = 0; t <= 1000; t++) expect(c.shouldDrop(50, t, true)).toBe(false);
    // A last item at 50 restarts the wait: above again from 51, dropping may start at 151.
    const d = codel();
    const drops = [];
    for (let t = 0; t <= 160; t++) {
      while (d.shouldDrop(50, t, t === 50)) drops.push(t);
    }
    expect(drops).toEqual([151]);
  });

  it('reads a drop nobody asked after as a queue found empty (the RFC resets its wait)', () => {
    const c = codel();
    expect(dequeue(c, 0, 199, 1, overloaded)).toEqual([100]);
    expect(c.shouldDrop(50, 200)).toBe(true); // count 2; the caller asks nothing more at 200
    expect(c.shouldDrop(50, 201)).toBe(false); // empty then: left dropping, the wait restarts
    expect(c.dropping).toBe(false);
    // Above from 201, so re-entry at 301; count − lastcount = 1 is not > 1: count starts at 1.
    expect(dequeue(c, 202, 410, 1, overloaded)).toEqual([301, 401]);
  });

  it('applies a new target and interval at once', () => {
    const c = codel();
    expect(dequeue(c, 0, 150, 1, () => 20)).toEqual([100]);
    c.configure({ targetMs: 30, intervalMs: 100 });
    expect(dequeue(c, 151, 400, 1, () => 20)).toEqual([]); // 20 ms is now below target
    c.configure({ targetMs: 10, intervalMs: 50 });
    // Above from 401 again: dropping may start at 451, from count 1 (1 − 1 is not > 1); 451 + 50.
    expect(dequeue(c, 401, 520, 1, () => 20)).toEqual([451, 501]);
  });

  it('drops only items waiting at least target, never the last one', () => {
    let runsWithDrops = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            gapMs: fc.integer({ min: 0, max: 60 }),
            sojournMs: fc.oneof(
              { arbitrary: fc.integer({ min: 0, max: 4 }), weight: 1 },
              { arbitrary: fc.integer({ min: 5, max: 300 }), weight: 8 },
            ),
            queueEmpty: fc.integer({ min: 0, max: 19 }).map((x) => x === 0),
          }),
          { minLength: 50, maxLength: 300 },
        ),
        (dequeues) => {
          const c = codel();
          let nowMs = 0;
          let dropped = false;
          for (const { gapMs, sojournMs, queueEmpty } of dequeues) {
            nowMs += gapMs;
            if (c.shouldDrop(sojournMs, nowMs, queueEmpty)) {
              dropped = true;
              expect(sojournMs).toBeGreaterThanOrEqual(coDelDefaults.targetMs);
              expect(queueEmpty).toBe(false);
            }
          }
          if (dropped) runsWithDrops++;
        },
      ),
    );
    // Nearly all of the 100 runs drop something (all, measured): it checks drops, not silence.
    expect(runsWithDrops).toBeGreaterThan(90);
  });
});
