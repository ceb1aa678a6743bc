/** Number and time formatting for the page; every number on screen carries its unit. */
import { groupedNumber } from '../store/number-text';
import type { Setting } from '../store/settings';

// Written without Intl (see `groupedNumber`): the first Intl formatter of a page is a long task.
const integer = (value: number) => groupedNumber(value, 0);
const oneDecimal = (value: number) => groupedNumber(value, 1);

/** A count, with thousands separators. */
export function formatCount(value: number): string {
  return integer(value);
}

/** A share 0..1 as a percentage. */
export function formatPercent(share: number): string {
  return `${oneDecimal(share * 100)}%`;
}

/** A duration in ms, in the unit that reads best (µs below 1 ms, s from 1 s…). */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '∞';
  if (ms === 0) return '0 ms';
  if (ms < 1) return `${oneDecimal(ms * 1000)} µs`;
  if (ms < 1000) return `${integer(ms)} ms`;
  if (ms < 120_000) return `${oneDecimal(ms / 1000)} s`;
  if (ms < 7_200_000) return `${oneDecimal(ms / 60_000)} min`;
  if (ms < 172_800_000) return `${oneDecimal(ms / 3_600_000)} h`;
  return `${oneDecimal(ms / 86_400_000)} d`;
}

/** A virtual clock reading, h:mm:ss.t. */
export function formatClock(ms: number): string {
  const tenths = Math.floor(ms / 100) % 10;
  const totalSeconds = Math.floor(ms / 1000);
  const s = totalSeconds % 60;
  const m = Math.floor(totalSeconds / 60) % 60;
  const h = Math.floor(totalSeconds / 3600);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${h}:${pad(m)}:${pad(s)}.${tenths}`;
}

/** A chart axis tick for virtual time in ms: m:ss. */
export function formatAxisTime(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  return `${Math.floor(totalSeconds / 60)}:${String(totalSeconds % 60).padStart(2, '0')}`;
}

/** A rate per second. */
export function formatRate(perSec: number): string {
  return `${perSec < 10 ? oneDecimal(perSec) : integer(perSec)}/s`;
}

/** `unit` for `count` of it: "1 retry", "3 retries", "1 call at once". */
export function unitFor(count: number, unit: string): string {
  if (count === 1) {
    const [first = '', ...rest] = unit.split(' ');
    const one = first.endsWith('ies') ? `${first.slice(0, -3)}y` : first.replace(/s$/, '');
    return [one, ...rest].join(' ');
  }
  return unit;
}

/** A number setting's value as people read it, with its unit (a share as a percentage). */
export function formatWithUnit(value: number, unit: string): string {
  switch (unit) {
    case 'ms':
      return formatMs(value);
    case '%':
      return formatPercent(value);
    case 'req/s':
      return formatRate(value);
    case '×':
      return `${oneDecimal(value)}×`;
    default:
      return `${formatCount(value)} ${unitFor(value, unit)}`;
  }
}

/** A setting's value as people read it: units, percentages, words. */
export function formatSetting(setting: Setting, value: unknown): string {
  switch (setting.type) {
    case 'switch':
      return value ? 'on' : 'off';
    case 'choice':
      return setting.options.find((o) => o.value === value)?.label ?? String(value);
    case 'number':
      return typeof value === 'number' ? formatWithUnit(value, setting.unit) : String(value);
  }
}

const MS_PER: Record<string, number> = {
  µs: 0.001,
  us: 0.001,
  ms: 1,
  s: 1000,
  sec: 1000,
  min: 60_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * A value typed in a setting's unit, as `formatWithUnit` writes it or plainer: "250", "1.5 s"
 * and "2 min" for ms, "35" or "35%" for a share (0.35), "1,200/s", "3×", "12 workers". Returns
 * the number, or a message saying what was expected.
 */
export function parseWithUnit(text: string, unit: string): number | { error: string } {
  const trimmed = text.trim().replace(/,/g, '').replace(/\s+/g, ' ');
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?) ?(.*)$/i.exec(trimmed);
  const suffix = match?.[2]?.toLowerCase() ?? '';
  const number = match === null ? Number.NaN : Number(match[1]);
  const expected =
    {
      ms: 'a duration such as 250, 250 ms, 1.5 s or 2 min',
      '%': 'a percentage such as 35 or 35%',
      'req/s': 'a rate such as 50 or 50/s',
      '×': 'a factor such as 2 or 2×',
    }[unit] ?? `a number of ${unit}`;
  const fail = { error: `Expected ${expected}, got "${text.trim()}".` };
  if (!Number.isFinite(number)) return fail;
  switch (unit) {
    case 'ms': {
      const factor = suffix === '' ? 1 : MS_PER[suffix];
      return factor === undefined ? fail : number * factor;
    }
    case '%':
      return suffix === '' || suffix === '%' ? Number((number / 100).toPrecision(12)) : fail;
    case 'req/s':
      return ['', '/s', 'req/s', 'per s'].includes(suffix) ? number : fail;
    case '×':
      return suffix === '' || suffix === '×' || suffix === 'x' ? number : fail;
    default: {
      const names = [unit.toLowerCase(), unitFor(1, unit).toLowerCase()];
      return suffix === '' || names.includes(suffix) ? number : fail;
    }
  }
}
