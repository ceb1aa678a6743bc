/**
 * The flow diagram's picture: boxes with their numbers and fill bars, arrows as thick as their
 * rates, the loops and the frames. It is a picture only (hidden from screen readers): the buttons
 * over it and the table under it carry the same numbers.
 */
import { memo } from 'react';
import type { Fill, FlowNumbers } from '../../store/flow';
import { formatRate } from '../format';
import type { Arrow, ArrowId, Box, FlowLayout } from './flow-layout';
import { LINE_HEIGHT, type Line, type NodeContent } from './flow-nodes';
import { OUTCOME_LOOK, type PartId } from './flow-text';

const TEXT = 'fill-slate-700 dark:fill-slate-200';
const HALO = '[paint-order:stroke] stroke-white stroke-[5px] dark:stroke-slate-900';

/** The rate each arrow carries. */
export function arrowRates(flow: FlowNumbers): Record<ArrowId, number> {
  return {
    arrivals: flow.arrivalsPerSec,
    admitted: flow.admittedPerSec,
    started: flow.startedPerSec,
    attempts: flow.attemptsPerSec,
    calls: flow.callsPerSec,
    deadLettered: flow.deadLetters.inPerSec,
  };
}

function Bar({
  x,
  y,
  w,
  fill,
  wasted,
  id,
}: { x: number; y: number; w: number; fill: Fill } & {
  wasted?: number;
  id: string;
}) {
  const share = fill.share ?? 0;
  const filled = w * share;
  // Near full, the bar turns to the colour of trouble; the numbers beside it say so in words.
  const tone = share >= 0.9 ? 'var(--c-dead)' : 'var(--c-level)';
  return (
    <g>
      <rect
        x={x}
        y={y}
        width={w}
        height={7}
        rx={3.5}
        className="fill-slate-200 dark:fill-slate-700"
      />
      {filled > 0 && (
        <rect x={x} y={y} width={Math.max(3, filled)} height={7} rx={3.5} fill={tone} />
      )}
      {wasted !== undefined && wasted > 0 && filled > 0 && (
        <rect
          x={x + filled * (1 - wasted)}
          y={y}
          width={filled * wasted}
          height={7}
          fill={`url(#${id}-wasted)`}
        />
      )}
    </g>
  );
}

/** A word after the code on a badge: the relay's own 200 (a replayed one shows in Idempotency). */
const BADGE_WORD: Partial<Record<string, string>> = { ok: 'ok' };

function ExitBadge({ x, y, line }: { x: number; y: number; line: Line & { kind: 'exit' } }) {
  const look = OUTCOME_LOOK[line.outcome];
  const word = BADGE_WORD[line.outcome];
  const rate = formatRate(line.perSec);
  const chars = look.code.length + rate.length + (word === undefined ? 0 : word.length + 1);
  return (
    <g>
      <rect
        x={x}
        y={y}
        width={16 + chars * 6.6}
        height={18}
        rx={9}
        fill={look.color}
        fillOpacity={0.14}
        stroke={look.color}
        strokeWidth={1.5}
      />
      <text x={x + 8} y={y + 13} className={`text-[12px] tabular-nums ${TEXT}`}>
        <tspan className="font-bold">{look.code}</tspan>
        {word === undefined ? '' : ` ${word}`} {rate}
      </text>
    </g>
  );
}

function Node(props: {
  box: Box;
  content: NodeContent;
  compact: boolean;
  id: string;
  guard: boolean;
}) {
  const { box, content, compact, id, guard } = props;
  const inner = box.w - 16;
  let y = box.y + LINE_HEIGHT.title;
  const lines = compact ? [] : content.lines;
  return (
    <g>
      <rect
        x={box.x}
        y={box.y}
        width={box.w}
        height={box.h}
        rx={8}
        className={
          guard
            ? 'fill-amber-50 stroke-amber-700 dark:fill-amber-950 dark:stroke-amber-400'
            : 'fill-slate-50 stroke-slate-400 dark:fill-slate-800 dark:stroke-slate-500'
        }
        strokeWidth={1.5}
      />
      <text
        x={box.x + 8}
        y={box.y + 16}
        className="fill-slate-900 text-[13px] font-semibold dark:fill-slate-50"
      >
        {content.title}
      </text>
      {compact && (
        <text x={box.x + 8} y={box.y + 34} className={`text-[12px] tabular-nums ${TEXT}`}>
          {content.value}
        </text>
      )}
      {lines.map((line, i) => {
        const top = y;
        y += LINE_HEIGHT[line.kind];
        const key = `${line.kind}-${i}`;
        if (line.kind === 'bar')
          return (
            <Bar
              key={key}
              x={box.x + 8}
              y={top + 2}
              w={inner}
              fill={line.fill}
              wasted={line.wasted}
              id={id}
            />
          );
        if (line.kind === 'exit')
          return <ExitBadge key={key} x={box.x + 6} y={top + 2} line={line} />;
        return (
          <text key={key} x={box.x + 8} y={top + 12} className={`text-[12px] tabular-nums ${TEXT}`}>
            {line.text}
          </text>
        );
      })}
    </g>
  );
}

function FlowArrow({
  arrow,
  rate,
  maxRate,
  id,
}: {
  arrow: Arrow;
  rate: number;
  maxRate: number;
  id: string;
}) {
  const width = rate > 0 ? 1.5 + 3.5 * Math.sqrt(rate / Math.max(rate, maxRate)) : 1.25;
  return (
    <g>
      <line
        x1={arrow.x1}
        y1={arrow.y1}
        x2={arrow.x2}
        y2={arrow.y2}
        strokeWidth={width}
        strokeDasharray={rate > 0 ? undefined : '3 3'}
        markerEnd={`url(#${id}-head)`}
        className="stroke-slate-500 dark:stroke-slate-400"
      />
      <text
        x={arrow.labelX}
        y={arrow.labelY}
        textAnchor={arrow.anchor}
        className={`text-[12px] font-medium tabular-nums ${TEXT} ${HALO}`}
      >
        {formatRate(rate)}
      </text>
    </g>
  );
}

/** The diagram for `flow`, laid out by `layout`; `id` keeps its patterns apart from others'. */
export const FlowSvg = memo(function FlowSvg(props: {
  flow: FlowNumbers;
  layout: FlowLayout;
  contents: Partial<Record<PartId, NodeContent>>;
  id: string;
}) {
  const { flow, layout, contents, id } = props;
  const rates = arrowRates(flow);
  const maxRate = Math.max(...Object.values(rates), 1);
  const { relay, guards } = layout;
  return (
    <svg
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width="100%"
      aria-hidden="true"
      className="block select-none font-sans"
    >
      <defs>
        <marker
          id={`${id}-head`}
          viewBox="0 0 10 10"
          refX="8"
          refY="5"
          markerWidth="9"
          markerHeight="9"
          markerUnits="userSpaceOnUse"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" className="fill-slate-500 dark:fill-slate-400" />
        </marker>
        <pattern
          id={`${id}-wasted`}
          width="4"
          height="4"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="4" height="4" fill="var(--c-wasted)" />
          <line
            x1="0"
            y1="0"
            x2="0"
            y2="4"
            strokeWidth="2"
            className="stroke-white dark:stroke-slate-900"
          />
        </pattern>
      </defs>
      <rect
        x={relay.x}
        y={relay.y}
        width={relay.w}
        height={relay.h}
        rx={12}
        fill="none"
        strokeDasharray="6 4"
        className="stroke-slate-400 dark:stroke-slate-500"
      />
      <text
        x={relay.x + 10}
        y={relay.y + 16}
        className="fill-slate-500 text-[11px] font-semibold tracking-wider uppercase dark:fill-slate-400"
      >
        Relay
      </text>
      {guards !== null && (
        <rect
          x={guards.x}
          y={guards.y}
          width={guards.w}
          height={guards.h}
          rx={10}
          className="fill-amber-100/40 stroke-amber-600/60 dark:fill-amber-900/20 dark:stroke-amber-500/50"
          strokeDasharray="3 3"
        />
      )}
      {layout.loops.map((loop) => (
        <path
          key={loop.id}
          d={loop.d}
          fill="none"
          strokeWidth={1.5}
          strokeLinejoin="round"
          markerEnd={`url(#${id}-head)`}
          className="stroke-slate-500 dark:stroke-slate-400"
        />
      ))}
      {layout.arrows.map((arrow) => (
        <FlowArrow key={arrow.id} arrow={arrow} rate={rates[arrow.id]} maxRate={maxRate} id={id} />
      ))}
      {(Object.keys(layout.boxes) as PartId[]).map((part) => {
        const box = layout.boxes[part]!;
        const content = contents[part];
        if (content === undefined) return null;
        const guard = part === 'throttle' || part === 'breaker' || part === 'budget';
        return (
          <Node
            key={part}
            box={box}
            content={content}
            compact={box.compact}
            id={id}
            guard={guard}
          />
        );
      })}
    </svg>
  );
});
