import { createContext } from 'react';
import type { Marker } from '../../store/markers';
import { formatAxisTime } from '../format';

/**
 * The run's marks, for every time chart below (set per chart when its paced data changes). Drawn
 * by `marker-layers.tsx`, which loads with the charts (recharts stays out of the first load).
 */
export const MarkersContext = createContext<readonly Marker[]>([]);

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
