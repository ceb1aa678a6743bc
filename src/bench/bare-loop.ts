/**
 * The baseline the engine benchmark is measured against: a bare binary-heap event loop with
 * closures, the least a discrete-event simulation can do per event. Each event draws an
 * exponential gap (xorshift) and schedules one more, so the heap holds `concurrency` events.
 */

interface BareEvent {
  time: number;
  seq: number;
  run: () => void;
}

/** Runs `events` events with `concurrency` pending at a time; returns a checksum. */
export function runBareLoop(events: number, concurrency = 8): number {
  const heap: BareEvent[] = [];
  let seq = 0;
  let now = 0;
  let state = 0x9e3779b9;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const before = (a: BareEvent, b: BareEvent) =>
    a.time < b.time || (a.time === b.time && a.seq < b.seq);
  const push = (event: BareEvent) => {
    let i = heap.push(event) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(event, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = event;
  };
  const pop = (): BareEvent => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= heap.length) break;
        if (child + 1 < heap.length && before(heap[child + 1]!, heap[child]!)) child++;
        if (!before(heap[child]!, last)) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  };
  let executed = 0;
  let checksum = 0;
  const schedule = () => {
    const time = now - Math.log(1 - uniform()) * 10;
    push({ time, seq: seq++, run: tick });
  };
  function tick() {
    checksum = (checksum + now) % 1e9;
    if (executed + heap.length < events) schedule();
  }
  for (let i = 0; i < concurrency; i++) schedule();
  while (heap.length > 0) {
    const event = pop();
    now = event.time;
    executed++;
    event.run();
  }
  return checksum + executed;
}
