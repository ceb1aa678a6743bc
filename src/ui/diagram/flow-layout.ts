/**
 * Where the flow diagram's boxes, arrows and loops go, for the width it has: a row (clients on
 * the left, the downstream on the right) where the boxes fit side by side with room for the rates
 * between them, else a column (a phone, a narrow window). Diagram units are CSS pixels at
 * `scale` 1; a wide screen draws the row larger (up to `MAX_SCALE`), for the back of a room.
 */
import { contentHeight, type NodeContent } from './flow-nodes';
import type { PartId } from './flow-text';

/** A rectangle in diagram units. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Which rate an arrow carries. */
export type ArrowId = 'arrivals' | 'admitted' | 'started' | 'attempts' | 'calls' | 'deadLettered';

/** A straight arrow and where its rate is written. */
export interface Arrow {
  id: ArrowId;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  labelX: number;
  labelY: number;
  anchor: 'middle' | 'start';
}

/** Everything placed. */
export interface FlowLayout {
  orientation: 'row' | 'column';
  width: number;
  height: number;
  /** CSS pixels per diagram unit. */
  scale: number;
  /** Each part's box; a guard that had to be drawn in one line is `compact`. */
  boxes: Partial<Record<PartId, Box & { compact: boolean }>>;
  /** The frame around the guards, when a cure is on. */
  guards: Box | null;
  /** The frame around the relay's own parts. */
  relay: Box;
  arrows: Arrow[];
  /** SVG paths of the loops: the workers' retries and the clients' resends. */
  loops: Array<{ id: 'retries' | 'resends'; d: string }>;
}

const GUARDS: readonly PartId[] = ['throttle', 'breaker', 'budget'];
const ROW_WIDTHS = { clients: 92, idempotency: 116, queue: 100, workers: 104, downstream: 124 };
const GUARDS_WIDTH = 116;
const PAD = 4;
/** Least room between two boxes of a row: a rate such as "352/s" fits. */
const GAP_MIN = 42;
const GAP_MAX = 120;
const GUARD_GAP = 6;
/** A guard's box when the guards do not fit in full: its title and its value. */
const COMPACT_HEIGHT = 44;
/** How far the guards' frame may reach above and below the row. */
const GUARDS_REACH = 30;
/** Largest drawing scale, and the width at which the row starts to grow. */
export const MAX_SCALE = 1.35;
const ROW_WIDTH_AT_SCALE_1 = 1000;
/** Widest column. */
const COLUMN_MAX = 560;

type Contents = Partial<Record<PartId, NodeContent>>;

const height = (contents: Contents, part: PartId) => {
  const content = contents[part];
  return content === undefined ? 0 : contentHeight(content);
};

/** The width a row needs at scale 1, or Infinity when the parts drawn cannot fit in a row. */
export function rowWidthNeeded(contents: Contents): number {
  const hasGuards = GUARDS.some((g) => contents[g] !== undefined);
  const widths = [...Object.values(ROW_WIDTHS), ...(hasGuards ? [GUARDS_WIDTH] : [])];
  return widths.reduce((a, b) => a + b, 0) + 2 * PAD + GAP_MIN * (widths.length - 1);
}

/** Lays out the boxes of `contents` for a diagram `widthPx` wide. */
export function layoutFlow(widthPx: number, contents: Contents, resends: boolean): FlowLayout {
  return widthPx >= rowWidthNeeded(contents)
    ? layoutRow(widthPx, contents, resends)
    : layoutColumn(widthPx, contents, resends);
}

const bottom = (b: Box) => b.y + b.h;
const right = (b: Box) => b.x + b.w;

/**
 * The guards' boxes stacked in `frame`: in full when they fit in `room` (or always, when `room`
 * is null: a column grows to fit), else as title and value. The frame is set to fit them.
 */
function stackGuards(
  frame: Box,
  contents: Contents,
  boxes: FlowLayout['boxes'],
  room: number | null,
) {
  const present = GUARDS.filter((g) => contents[g] !== undefined);
  const full = present.map((g) => height(contents, g));
  const stacked = (heights: number[]) =>
    heights.reduce((a, b) => a + b, 0) + GUARD_GAP * (present.length + 1);
  const compact = room !== null && stacked(full) > room;
  const heights = compact ? present.map(() => COMPACT_HEIGHT) : full;
  const needed = stacked(heights);
  const middle = frame.y + frame.h / 2;
  frame.h = Math.max(frame.h, needed);
  frame.y = room === null ? frame.y : middle - frame.h / 2;
  let y = frame.y + (frame.h - needed) / 2 + GUARD_GAP;
  present.forEach((g, i) => {
    boxes[g] = { x: frame.x + GUARD_GAP, y, w: frame.w - 2 * GUARD_GAP, h: heights[i]!, compact };
    y += heights[i]! + GUARD_GAP;
  });
}

function layoutRow(widthPx: number, contents: Contents, resends: boolean): FlowLayout {
  const scale = Math.min(MAX_SCALE, Math.max(1, widthPx / ROW_WIDTH_AT_SCALE_1));
  const width = widthPx / scale;
  const hasGuards = GUARDS.some((g) => contents[g] !== undefined);
  const columns: Array<PartId | 'guards'> = ['clients', 'idempotency', 'queue', 'workers'];
  if (hasGuards) columns.push('guards');
  columns.push('downstream');
  const widthOf = (c: PartId | 'guards') =>
    c === 'guards' ? GUARDS_WIDTH : ROW_WIDTHS[c as keyof typeof ROW_WIDTHS];
  const used = columns.reduce((sum, c) => sum + widthOf(c), 0);
  const gap = Math.min(GAP_MAX, (width - 2 * PAD - used) / (columns.length - 1));
  const top = 46;
  const h = Math.max(
    ...(['clients', 'idempotency', 'queue', 'workers', 'downstream'] as const).map((p) =>
      height(contents, p),
    ),
  );
  let x = (width - used - gap * (columns.length - 1)) / 2;
  const boxes: FlowLayout['boxes'] = {};
  const placed: Box[] = [];
  let guards: Box | null = null;
  for (const c of columns) {
    const box = { x, y: top, w: widthOf(c), h };
    if (c === 'guards') {
      guards = { ...box };
      stackGuards(guards, contents, boxes, h + 2 * GUARDS_REACH);
    } else boxes[c] = { ...box, compact: false };
    placed.push(box);
    x += box.w + gap;
  }
  const ids: ArrowId[] = hasGuards
    ? ['arrivals', 'admitted', 'started', 'attempts', 'calls']
    : ['arrivals', 'admitted', 'started', 'calls'];
  const mid = top + h / 2;
  const arrows: Arrow[] = ids.map((id, i) => {
    const from = placed[i]!;
    const to = placed[i + 1]!;
    const x1 = right(from) + 2;
    const x2 = to.x - 2;
    return {
      id,
      x1,
      y1: mid,
      x2,
      y2: mid,
      labelX: (x1 + x2) / 2,
      labelY: mid - 8,
      anchor: 'middle',
    };
  });
  const workers = boxes.workers!;
  const dlqWidth = workers.w + 16;
  const dlq = {
    x: workers.x + workers.w / 2 - dlqWidth / 2,
    y: bottom(workers) + 40,
    w: dlqWidth,
    h: height(contents, 'deadLetters'),
    compact: false,
  };
  boxes.deadLetters = dlq;
  const wx = workers.x + workers.w / 2;
  arrows.push({
    id: 'deadLettered',
    x1: wx,
    y1: bottom(workers) + 2,
    x2: wx,
    y2: dlq.y - 2,
    labelX: wx + 7,
    labelY: bottom(workers) + 24,
    anchor: 'start',
  });
  const first = boxes.idempotency!;
  const last = guards ?? workers;
  const relay = {
    x: first.x - 16,
    y: 8,
    w: right(last) + 16 - (first.x - 16),
    h: bottom(dlq) + 12 - 8,
  };
  const loops: FlowLayout['loops'] = [
    { id: 'retries', d: loopAbove(workers, 20) },
    ...(resends ? [{ id: 'resends' as const, d: loopBelow(boxes.clients!, 22) }] : []),
  ];
  return {
    orientation: 'row',
    width,
    height: bottom(relay) + 6,
    scale,
    boxes,
    guards,
    relay,
    arrows,
    loops,
  };
}

/** A loop out of the top of `box` and back in, `rise` above it, arrow pointing back down. */
function loopAbove(box: Box, rise: number): string {
  const x1 = right(box) - 22;
  const x2 = box.x + 22;
  return `M ${x1} ${box.y - 1} V ${box.y - rise} H ${x2} V ${box.y - 3}`;
}

function loopBelow(box: Box, drop: number): string {
  const x1 = box.x + 24;
  const x2 = right(box) - 24;
  return `M ${x1} ${bottom(box) + 1} V ${bottom(box) + drop} H ${x2} V ${bottom(box) + 3}`;
}

/** A loop out of the left side of `box` and back in, `reach` to the left of it. */
function loopLeft(box: Box, reach: number): string {
  const y1 = box.y + box.h * 0.7;
  const y2 = box.y + box.h * 0.3;
  return `M ${box.x - 1} ${y1} H ${box.x - reach} V ${y2} H ${box.x - 3}`;
}

function layoutColumn(widthPx: number, contents: Contents, resends: boolean): FlowLayout {
  const width = Math.min(widthPx, COLUMN_MAX);
  const left = 34;
  const dlqWidth = 124;
  const dlqGap = 40;
  const mainWidth = Math.min(240, width - left - PAD - dlqWidth - dlqGap);
  const gapY = 40;
  const boxes: FlowLayout['boxes'] = {};
  const placed: Box[] = [];
  let y = 6;
  const place = (part: PartId) => {
    const box = { x: left, y, w: mainWidth, h: height(contents, part) };
    boxes[part] = { ...box, compact: false };
    placed.push(box);
    y += box.h + gapY;
  };
  place('clients');
  const relayTop = y - 22;
  place('idempotency');
  place('queue');
  place('workers');
  let guards: Box | null = null;
  if (GUARDS.some((g) => contents[g] !== undefined)) {
    guards = { x: left, y, w: mainWidth, h: 0 };
    stackGuards(guards, contents, boxes, null);
    placed.push(guards);
    y = bottom(guards) + gapY;
  }
  const relayBottom = y - gapY + 14;
  place('downstream');
  const ids: ArrowId[] = ['arrivals', 'admitted', 'started'];
  ids.push(...(guards === null ? ['calls' as const] : (['attempts', 'calls'] as const)));
  const cx = left + mainWidth / 2;
  const arrows: Arrow[] = ids.map((id, i) => {
    const y1 = bottom(placed[i]!) + 2;
    const y2 = placed[i + 1]!.y - 2;
    return {
      id,
      x1: cx,
      y1,
      x2: cx,
      y2,
      labelX: cx + 8,
      labelY: (y1 + y2) / 2 + 4,
      anchor: 'start',
    };
  });
  const workers = boxes.workers!;
  const dlq = {
    x: right(workers) + dlqGap,
    y: workers.y,
    w: dlqWidth,
    h: height(contents, 'deadLetters'),
    compact: false,
  };
  boxes.deadLetters = dlq;
  const wy = workers.y + 30;
  arrows.push({
    id: 'deadLettered',
    x1: right(workers) + 2,
    y1: wy,
    x2: dlq.x - 2,
    y2: wy,
    labelX: right(workers) + dlqGap / 2,
    labelY: wy - 6,
    anchor: 'middle',
  });
  const relay = { x: left - 26, y: relayTop, w: width - PAD - (left - 26), h: 0 };
  relay.h = Math.max(relayBottom, bottom(dlq) + 12) - relayTop;
  const loops: FlowLayout['loops'] = [
    { id: 'retries', d: loopLeft(workers, 18) },
    ...(resends ? [{ id: 'resends' as const, d: loopLeft(boxes.clients!, 18) }] : []),
  ];
  return {
    orientation: 'column',
    width,
    height: y - gapY + 6,
    scale: 1,
    boxes,
    guards,
    relay,
    arrows,
    loops,
  };
}
