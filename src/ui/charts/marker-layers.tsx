import { useContext } from 'react';
import { ReferenceArea, ReferenceLine } from 'recharts';
import { MarkersContext } from './markers-context';

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
