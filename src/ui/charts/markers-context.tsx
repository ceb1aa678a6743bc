import { createContext, useContext } from 'react';
import { ReferenceArea, ReferenceLine } from 'recharts';
import type { Marker } from '../../store/markers';
import { formatAxisTime } from '../format';

/** The run's marks, for every time chart below (set per chart when its paced data changes). */
export const MarkersContext = createContext<readonly Marker[]>([]);

/** The marks over a time chart from `fromMs` to `toMs`: bands behind the lines, lines labelled. */
export function useMarkerLayers(fromMs: number, toMs: number) {
  const markers = useContext(MarkersContext);
  if (markers.length === 0 || !(toMs > fromMs)) return [];
  const shown = markers.filter((m) =>
    m.kind === 'band'
      ? m.fromMs < toMs && (m.toMs === null || m.toMs > fromMs)
      : m.fromMs >= fromMs && m.fromMs <= toMs,
  );
  return shown.map((m) =>
    m.kind === 'band' ? (
      <ReferenceArea
        key={`band-${m.fromMs}-${m.label}`}
        x1={Math.max(fromMs, m.fromMs)}
        x2={Math.min(toMs, m.toMs ?? toMs)}
        ifOverflow="hidden"
        fill="var(--c-band)"
        fillOpacity={0.14}
        label={{ value: m.label, position: 'insideTopLeft', fontSize: 11, fill: 'var(--c-axis)' }}
      />
    ) : (
      <ReferenceLine
        key={`line-${m.fromMs}-${m.detail}`}
        x={m.fromMs}
        stroke="var(--c-axis)"
        strokeDasharray="3 3"
        ifOverflow="hidden"
        label={{ value: m.label, position: 'insideTopRight', fontSize: 11, fill: 'var(--c-axis)' }}
      />
    ),
  );
}

/** A moment as m:ss, with tenths where it is not a whole second ("0:02.5"). */
function at(ms: number): string {
  const tenths = Math.round(ms / 100) % 10;
  const whole = formatAxisTime(Math.floor(Math.round(ms / 100) / 10) * 1000);
  return tenths === 0 ? whole : `${whole}.${tenths}`;
}

/** A mark in words: "0:30 – 0:40 outage", "0:50 spike of 600 requests". */
export function describeMarker(m: Marker): string {
  if (m.kind === 'line') return `${at(m.fromMs)} ${m.detail}`;
  return `${at(m.fromMs)} – ${m.toMs === null ? 'now' : at(m.toMs)} ${m.detail}`;
}
