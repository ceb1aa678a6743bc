import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { openLab } from './lab-page';

test('Compare A/B: a quick pick relative to A, headers that name it, its table exported', async ({
  page,
}) => {
  const problems = await openLab(page, '#preset=backpressure');
  await page.getByRole('tab', { name: 'Compare A/B' }).click();
  const run = page.getByRole('button', { name: 'Run comparison' });
  // The default B (full jitter) is this A's own: nothing to compare yet.
  await expect(run).toBeDisabled();
  await expect(page.getByText('B is the same as A: change a setting of B.')).toBeVisible();

  // A has 8 workers: the pick doubles them, and no pick equals A.
  const picks = page.getByRole('group', { name: /Quick picks for B/ });
  await expect(picks.getByRole('button', { name: 'B: full jitter' })).toHaveCount(0);
  await picks.getByRole('button', { name: 'B: twice the workers (16)' }).click();
  await expect(page.getByRole('list', { name: "B's differences" })).toContainText(
    'Workers: A 8 workers → B 16 workers',
  );
  const minutes = page.getByRole('spinbutton', { name: 'Run length' });
  await minutes.fill('50000');
  await expect(page.getByText(/run length must be from 0\.1 to 43,200 minutes/)).toBeVisible();
  await expect(run).toBeDisabled();
  await minutes.fill('1');
  await run.click();

  const table = page.getByTestId('compare-table');
  await expect(table.getByRole('columnheader')).toHaveText([
    'Metric',
    'A: 8 workers',
    'B: 16 workers',
    'B − A',
  ]);
  await expect(page.getByTestId('same-traffic')).toContainText('sent by clients over 60 s');
  const served = table.getByRole('row', { name: /^Clients served/ }).getByRole('cell');
  const shown = await served.allTextContents();

  await page.getByText('Files ▾').click();
  await expect(page.getByRole('button', { name: 'Export summary (CSV)' })).toHaveCount(0);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export comparison table (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^compare-table-seed-\d+-1min\.csv$/);
  const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\n');
  expect(lines[0]).toBe('metric,unit,A: 8 workers,B: 16 workers,B - A,better');
  expect(lines).toHaveLength(16);
  const rows = lines.slice(1).map((l) => l.split(','));
  expect(rows.map((r) => r[0])).toContain('Latency p99');
  // The served row as the table shows it: the same numbers, unrounded, in percent.
  const csvServed = rows.find((r) => r[0] === 'Clients served (a 200 in time)')!;
  expect(csvServed[1]).toBe('%');
  const [a, b, d] = csvServed.slice(2, 5).map(Number);
  expect(`${a!.toFixed(1)}%`).toBe(shown[0]);
  expect(`${b!.toFixed(1)}%`).toBe(shown[1]);
  expect(d).toBeCloseTo(b! - a!, 6);
  expect(problems).toEqual([]);
});
