import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { openLab } from './lab-page';

/** Opens the sweep tab on a scenario loaded through the lab's automation hook. */
async function openSweep(page: Page, scenario: object): Promise<string[]> {
  const problems = await openLab(page);
  await page.evaluate((s) => window.resilientRelay.store.getState().loadScenario(s), scenario);
  await page.getByRole('tab', { name: 'Sweep' }).click();
  return problems;
}

/** The text of the file the page offers when `click` runs. */
async function download(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

test('a sweep of two settings: a heatmap read by keyboard, its table and its CSV, run on every core', async ({
  page,
}) => {
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  const problems = await openSweep(page, {
    seed: 7,
    durationMs: 30_000,
    traffic: { ratePerSec: 80 },
    downstream: { latency: { meanMs: 50 }, failureProbability: 0.1 },
  });
  await page.getByRole('radio', { name: 'Two settings (heatmap)' }).check();
  const across = 'Across (columns)';
  const down = 'Down (rows)';
  await expect(page.getByRole('combobox', { name: `${across} Setting` })).toHaveValue(
    'relay.workers',
  );
  await page.getByRole('spinbutton', { name: `${across} From (workers)` }).fill('1');
  await page.getByRole('spinbutton', { name: `${across} To (workers)` }).fill('5');
  await page.getByRole('spinbutton', { name: `${across} Steps` }).fill('5');
  await expect(page.getByRole('combobox', { name: `${down} Setting` })).toHaveValue(
    'relay.queueCapacity',
  );
  await page.getByRole('spinbutton', { name: `${down} From (requests)` }).fill('0');
  await page.getByRole('spinbutton', { name: `${down} To (requests)` }).fill('40');
  await page.getByRole('spinbutton', { name: `${down} Steps` }).fill('3');
  await expect(page.getByTestId('sweep-values')).toContainText('5 × 3 = 15 runs');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  const grid = page.getByRole('grid', { name: /Clients served/ });
  await expect(grid.getByRole('gridcell')).toHaveCount(15, { timeout: 30_000 });
  // The runs went to a pool of batch workers (this machine has at least two cores), beside the
  // live engine's worker.
  expect(workers.filter((url) => url.includes('batch.worker')).length).toBeGreaterThanOrEqual(2);

  // Into the grid with Tab (one tab stop), then arrows: one right, one down.
  await page.getByRole('button', { name: 'Export CSV' }).focus();
  await page.keyboard.press('Tab');
  const first = grid.getByRole('gridcell').first();
  await expect(first).toBeFocused();
  await expect(first).toHaveAccessibleName(
    /^Workers 1, Queue capacity 40 requests: Clients served \(a 200 in time\) \d+(\.\d)?%$/,
  );
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  const cell = grid.getByRole('gridcell', {
    name: /^Workers 2, Queue capacity 20 requests/,
  });
  await expect(cell).toBeFocused();
  const name = (await cell.getAttribute('aria-label'))!;
  const shown = /(\d+(?:\.\d)?)%$/.exec(name)![1]!;
  await expect(page.getByTestId('heatmap-readout')).toHaveText(name);

  // The table says the same.
  await page.getByRole('button', { name: 'Show table' }).click();
  await expect(page.getByRole('button', { name: 'Show table' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const table = page.getByTestId('sweep-table');
  const row = table.getByRole('row', { name: /^20 requests/ });
  const header = await table.getByRole('columnheader').allTextContents();
  const cells = await row.getByRole('cell').allTextContents();
  expect(cells[header.indexOf('2 workers') - 1]).toBe(`${shown}%`);

  // The CSV holds every run: both settings and the outcomes.
  const csv = await download(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
  expect(csv.name).toBe('sweep-relay.workers-by-relay.queueCapacity.csv');
  const [head, ...runs] = csv.text
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','));
  expect(head!.slice(0, 4)).toEqual([
    'relay.workers',
    'relay.queueCapacity',
    'requests',
    'success_pct',
  ]);
  expect(runs).toHaveLength(15);
  expect(runs.map((r) => `${r[0]}×${r[1]}`).slice(0, 6)).toEqual([
    '1×0',
    '2×0',
    '3×0',
    '4×0',
    '5×0',
    '1×20',
  ]);
  const run = runs.find((r) => r[0] === '2' && r[1] === '20')!;
  expect(Number(run[3]).toFixed(1).replace(/\.0$/, '')).toBe(shown.replace(/\.0$/, ''));
  expect(problems).toEqual([]);
});

test("a sweep with series: Brooker's retry strategies against the failure rate, a line each", async ({
  page,
}) => {
  const problems = await openSweep(page, {
    seed: 3,
    durationMs: 20_000,
    traffic: { ratePerSec: 50 },
    downstream: { latency: { meanMs: 40 } },
    relay: { workers: 'unbounded' },
  });
  await page.getByRole('button', { name: /Retry strategies against the failure rate/ }).click();
  await expect(page.getByTestId('sweep-values')).toContainText('4 series × 11 values = 44 runs');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByTestId('sweep-amplification-summary')).toBeVisible({ timeout: 60_000 });
  const legend = page.getByRole('list', { name: 'Series' }).last();
  await expect(legend.getByRole('listitem')).toHaveText([
    'no retries',
    '3 retries',
    'adaptive token bucket',
    'breaker on retries',
  ]);
  for (const chart of ['sweep-success', 'sweep-amplification']) {
    const figure = page.getByTestId(chart);
    await expect(figure.locator('.recharts-line')).toHaveCount(4);
    await expect(figure.locator('.recharts-line-dots .recharts-symbols')).toHaveCount(44);
  }
  // At 100% failures: 3 retries make four calls a request; the token bucket far fewer.
  const summary = (await page.getByTestId('sweep-amplification-summary').textContent())!;
  const at100 = (label: string) =>
    Number(new RegExp(`${label}: [\\d.]+× at 0% to ([\\d.]+)× at 100%`).exec(summary)![1]);
  expect(at100('no retries')).toBe(1);
  expect(at100('3 retries')).toBeGreaterThan(3.8);
  expect(at100('adaptive token bucket')).toBeLessThan(2);
  const csv = await download(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
  const lines = csv.text.trimEnd().split('\n');
  expect(lines[0]!.startsWith('series,downstream.failureProbability,requests,')).toBe(true);
  expect(lines).toHaveLength(45);
  expect(lines.filter((l) => l.startsWith('breaker on retries,'))).toHaveLength(11);
  expect(problems).toEqual([]);
});

test('a large sweep shows one progress bar for the whole job, and one cancel stops it', async ({
  page,
}) => {
  await openSweep(page, { durationMs: 600_000, traffic: { ratePerSec: 200 } });
  await page.getByRole('radio', { name: 'Two settings (heatmap)' }).check();
  await page.getByRole('spinbutton', { name: 'Across (columns) Steps' }).fill('30');
  await page.getByRole('spinbutton', { name: 'Down (rows) Steps' }).fill('30');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  const progress = page.getByRole('progressbar', { name: 'Sweep' });
  await expect(progress).toHaveCount(1);
  await expect
    .poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toHaveCount(0);
  await expect(page.getByRole('grid')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Run sweep' })).toBeEnabled();
});
