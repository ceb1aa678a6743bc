/**
 * The README's table of settings, written from the settings registry (`npm run docs` rewrites
 * it between its markers; a test fails when the README's copy is stale), so the documentation of
 * a setting has the same one home as the setting.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type NumberSetting, SETTABLE_PATHS, type Setting, settingOf } from '../core';

export const BEGIN = '<!-- settings table: npm run docs writes it from src/core/settings.ts -->';
export const END = '<!-- end of settings table -->';

const DAY_MS = 86_400_000;

/** A number as the table shows it: 30 days, 100,000, 10%… */
function shown(value: number, unit: string): string {
  if (unit === '%') return `${+(value * 100).toFixed(1)}%`;
  if (unit === 'ms' && value >= DAY_MS && value % DAY_MS === 0) return `${value / DAY_MS} days`;
  return `${value.toLocaleString('en-US')}${unit === 'ms' ? ' ms' : ''}`;
}

function defaultOf(setting: Setting): string {
  if (setting.type === 'number' && setting.optional) return 'none';
  const value = setting.default;
  if (typeof value === 'string') return `\`${value}\``;
  if (typeof value === 'boolean') return String(value);
  return setting.type === 'number' ? shown(value as number, setting.unit) : String(value);
}

function rangeOf(setting: Setting): string {
  switch (setting.type) {
    case 'switch':
      return 'true, false';
    case 'choice':
      return setting.options.map((o) => `\`${o.value}\``).join(', ');
    case 'number': {
      const s = setting as NumberSetting<string>;
      const range = `${shown(s.min, s.unit)} – ${shown(s.max, s.unit)}`;
      return s.sentinel === undefined ? range : `${range} or \`"${s.sentinel}"\``;
    }
  }
}

function pageOf(setting: Setting): string {
  if (setting.type !== 'number') return '';
  const { page, unit } = setting as NumberSetting<string>;
  const range = `${shown(page.min, unit)} – ${shown(page.max, unit)}${page.scale === 'log' ? ', log' : ''}`;
  return page.narrower === undefined ? range : `${range}: ${page.narrower}`;
}

/** The table, as markdown. */
export function settingsTable(): string {
  const rows = SETTABLE_PATHS.map((path) => {
    const s = settingOf(path);
    const cells = [`\`${path}\``, defaultOf(s), rangeOf(s), s.hint, pageOf(s)];
    return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  });
  return [
    '| field | default | a file accepts | meaning | the page offers |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** `readme` with its settings table rewritten. */
export function withSettingsTable(readme: string): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error('README.md has no settings table markers');
  return `${readme.slice(0, begin + BEGIN.length)}\n${settingsTable()}\n${readme.slice(end)}`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = join(import.meta.dirname, '..', '..', 'README.md');
  writeFileSync(file, withSettingsTable(readFileSync(file, 'utf8')));
}
