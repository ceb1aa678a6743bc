/**
 * The events of a run as marks on its time charts: spans where the downstream was down or
 * degraded (a band), and instants where something happened (a line): a spike, a replay of dead
 * letters, a setting changed by the script or by the person. Pure; derived from the scenario
 * (its starting settings, bursts and timeline), so a reset or a link shows the same marks.
 */
import { groupedNumber, type Scenario } from '../core';
import { type SettablePath, settingOf } from './settings';

/** A band from `fromMs` to `toMs` (null: still going), or a line at `fromMs`. */
export interface Marker {
  kind: 'band' | 'line';
  fromMs: number;
  toMs: number | null;
  /** A word or two for the chart. */
  label: string;
  /** The whole event, for the text list and the tooltip. */
  detail: string;
}

/** The conditions drawn as bands: on while `on(value)`, with their label. */
const CONDITIONS: ReadonlyArray<{
  path: SettablePath;
  on: (value: unknown) => boolean;
  label: (value: unknown) => string;
}> = [
  { path: 'downstream.outage', on: (v) => v === true, label: () => 'outage' },
  {
    path: 'downstream.capacityFactor',
    on: (v) => typeof v === 'number' && v < 1,
    label: (v) => `capacity ×${v}`,
  },
  {
    path: 'downstream.slowdownFactor',
    on: (v) => typeof v === 'number' && v > 1,
    label: (v) => `slowdown ×${v}`,
  },
];
const BANDED = new Set<string>(CONDITIONS.map((c) => c.path));

/** How a setting's new value reads in a mark: "Jitter: Full", "Workers: 20". */
function describeChange(path: string, value: unknown): string {
  const setting = settingOf(path as SettablePath);
  if (setting.type === 'choice') {
    const option = setting.options.find((o) => o.value === value);
    return `${setting.label}: ${option?.short ?? option?.label ?? String(value)}`;
  }
  if (setting.type === 'switch') return `${setting.label}: ${value ? 'on' : 'off'}`;
  const shown = setting.unit === '%' && typeof value === 'number' ? `${value * 100}%` : value;
  const unit = setting.unit === '%' || typeof value !== 'number' ? '' : ` ${setting.unit}`;
  return `${setting.label}: ${shown}${unit}`;
}

function read(scenario: Scenario, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], scenario);
}

/** The marks of `scenario`, in time order (bands first at the same instant). */
export function timelineMarkers(scenario: Scenario): Marker[] {
  const marks: Marker[] = [];
  // Each condition's band: opened where it turns on, closed where it turns off.
  for (const condition of CONDITIONS) {
    let value = read(scenario, condition.path);
    let open: Marker | null = null;
    const turn = (atMs: number) => {
      if (condition.on(value) && open === null) {
        const label = condition.label(value);
        open = { kind: 'band', fromMs: atMs, toMs: null, label, detail: label };
        marks.push(open);
      } else if (!condition.on(value) && open !== null) {
        open.toMs = atMs;
        open = null;
      }
    };
    turn(0);
    for (const entry of scenario.timeline) {
      if (!('set' in entry) || !Object.hasOwn(entry.set, condition.path)) continue;
      const before = value;
      value = entry.set[condition.path];
      // A change of degree (capacity ×0.6 → ×0.4) closes one band and opens the next.
      if (open !== null && condition.on(value) && value !== before) {
        (open as Marker).toMs = entry.atMs;
        open = null;
      }
      turn(entry.atMs);
    }
  }
  for (const burst of scenario.traffic.bursts) {
    const detail = `spike of ${groupedNumber(burst.count)} requests`;
    marks.push({ kind: 'line', fromMs: burst.atMs, toMs: null, label: 'spike', detail });
  }
  for (const entry of scenario.timeline) {
    const line = (label: string, detail: string) =>
      marks.push({ kind: 'line', fromMs: entry.atMs, toMs: null, label, detail });
    if ('set' in entry) {
      const changes = Object.entries(entry.set).filter(([path]) => !BANDED.has(path));
      if (changes.length === 0) continue;
      const details = changes.map(([path, value]) => describeChange(path, value));
      line(
        changes.length === 1 ? settingOf(changes[0]![0] as SettablePath).label : 'changes',
        details.join('; '),
      );
    } else if (entry.action === 'burst') {
      line('spike', `spike of ${groupedNumber(entry.count)} requests`);
    } else if (entry.action === 'replayAllDeadLetters') {
      line('replay', 'replay of every dead letter');
    } else if (entry.action === 'replayDeadLetter') {
      line('replay', `replay of dead letter #${entry.id}`);
    } else {
      line('cleared', 'dead-letter queue cleared');
    }
  }
  return marks.sort((a, b) => a.fromMs - b.fromMs || (a.kind === 'band' ? -1 : 1));
}

/** The marks that show in [fromMs, toMs]: bands that overlap it, lines within it. */
export function marksIn(marks: readonly Marker[], fromMs: number, toMs: number): Marker[] {
  return marks.filter((m) =>
    m.kind === 'band'
      ? m.fromMs <= toMs && (m.toMs === null || m.toMs >= fromMs)
      : m.fromMs >= fromMs && m.fromMs <= toMs,
  );
}
