import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTABLE_PATHS } from '../core';
import { settingsTable, withSettingsTable } from './settings-table';

describe("the README's settings table", () => {
  it('has a row for every setting of the registry', () => {
    const table = settingsTable();
    for (const path of SETTABLE_PATHS) expect(table).toContain(`| \`${path}\` |`);
  });

  it('is the one the registry writes (run `npm run docs` after changing a setting)', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    expect(withSettingsTable(readme)).toBe(readme);
  });
});
