import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { fastForward, numberIn, openLab, step, total } from './lab-page';

test.describe('guided scenarios show what their story says', () => {
  test('retries turn 70% into 99%', async ({ page }) => {
    await openLab(page, '#preset=retries-70-to-99');
    await expect(page.getByTestId('story')).toContainText('Retries turn 70% into 99%');
    await fastForward(page, 60);
    expect(await numberIn(page, 'red-errors')).toBeLessThan(3);
    expect(await numberIn(page, 'red-amplification')).toBeGreaterThan(1.3);
  });

  test('thundering herd: waves of calls without jitter, none with full jitter', async ({
    page,
  }) => {
    await openLab(page, '#preset=thundering-herd');
    await fastForward(page, 30);
    await expect(page.getByTestId('chart-calls-summary')).toContainText(
      '4 spikes of at least a third of the peak',
    );
    // The first wave meets the outage; each later one finds the downstream full.
    const overloaded = await total(page, 'total-overloaded');
    expect(overloaded).toBeGreaterThan(500);
    await page
      .getByTestId('chart-calls')
      .screenshot({ path: test.info().outputPath('herd-none.png') });
    await openLab(page, '#preset=thundering-herd');
    await page.getByRole('combobox', { name: 'Jitter' }).selectOption('full');
    await fastForward(page, 30);
    await expect(page.getByTestId('chart-calls-summary')).toContainText(
      '1 spike of at least a third of the peak',
    );
    // Only the first wave, which no jitter spreads, finds the downstream full.
    expect(await total(page, 'total-overloaded')).toBeLessThan(overloaded / 2);
    await page
      .getByTestId('chart-calls')
      .screenshot({ path: test.info().outputPath('herd-full.png') });
  });

  test('a queue without workers never fills and storms; a pool ends it and queues the spike', async ({
    page,
  }) => {
    await openLab(page, '#preset=queue-without-workers');
    await fastForward(page, 30);
    // No pool: the spike went straight to the downstream; nothing waits at the relay, no 429,
    // and the retries of calls queued past their timeout keep goodput near zero.
    expect(await total(page, 'total-rejected')).toBe(0);
    expect(await numberIn(page, 'red-goodput')).toBeLessThan(5);
    await fastForward(page, 30);
    // A pool of 20 from 0:40: the storm is over, and the second spike got 429s at once.
    expect(await total(page, 'total-rejected')).toBeGreaterThan(500);
    expect(await numberIn(page, 'red-goodput')).toBeGreaterThan(30);
  });

  test('backpressure answers 429 at once and keeps latency low', async ({ page }) => {
    await openLab(page, '#preset=backpressure');
    await fastForward(page, 30);
    expect(await total(page, 'total-rejected')).toBeGreaterThan(900);
    expect(await numberIn(page, 'red-p99')).toBeLessThan(1000);
    expect(await total(page, 'total-abandoned')).toBe(0);
  });

  test('double charge: duplicate effects only without keys', async ({ page }) => {
    await openLab(page, '#preset=double-charge');
    await fastForward(page, 58);
    await expect(page.getByTestId('idem-duplicate-effects')).toHaveText('0');
    expect(await numberIn(page, 'idem-replays-served')).toBeGreaterThan(100);
    await fastForward(page, 20);
    expect(await numberIn(page, 'idem-duplicate-effects')).toBeGreaterThan(50);
  });

  test('dead letters fill in an outage and a replay after recovery drains them', async ({
    page,
  }) => {
    await openLab(page, '#preset=dead-letters-and-replay');
    await fastForward(page, 40);
    const held = await numberIn(page, 'red-dlq');
    expect(held).toBeGreaterThan(100);
    const okBefore = await total(page, 'total-ok');
    await page.getByRole('button', { name: 'Replay all' }).click();
    await step(page, 3);
    await expect(page.getByTestId('red-dlq')).toHaveText('0');
    expect((await total(page, 'total-ok')) - okBefore).toBeGreaterThanOrEqual(held);
  });

  test('a metastable retry storm outlives its trigger', async ({ page }) => {
    await openLab(page, '#preset=metastable-retry-storm');
    await fastForward(page, 30);
    expect(await numberIn(page, 'red-goodput')).toBeGreaterThan(200);
    // The brownout ended at 0:40; a minute later goodput is still near zero.
    await fastForward(page, 70);
    expect(await numberIn(page, 'red-goodput')).toBeLessThan(10);
    expect(await total(page, 'total-abandoned')).toBeGreaterThan(10_000);
  });

  for (const id of ['outage-and-recovery', 'timeouts-tight-and-loose', 'steady-flaky']) {
    test(`${id} loads with its story and runs`, async ({ page }) => {
      const problems = await openLab(page, `#preset=${id}`);
      await expect(page.getByTestId('story')).toBeVisible();
      await fastForward(page, 20);
      expect(await total(page, 'total-requests')).toBeGreaterThan(500);
      expect(problems).toEqual([]);
    });
  }
});

test('A/B gives the same traffic to both sides', async ({ page }) => {
  await openLab(page, '#preset=thundering-herd');
  await page.getByRole('tab', { name: 'Compare A/B' }).click();
  await page.getByRole('button', { name: 'Run comparison' }).click();
  await expect(page.getByTestId('same-traffic')).toContainText(
    'Same traffic on both sides: 600 requests sent by clients',
  );
  const requests = page.getByTestId('compare-table').getByRole('row', { name: /^Requests/ });
  await expect(requests).toContainText('600600±0');
  await expect(page.getByTestId('compare-calls-a-summary')).toContainText('4 spikes');
  await expect(page.getByTestId('compare-calls-b-summary')).toContainText('1 spike of');
  await page.screenshot({ path: test.info().outputPath('compare.png'), fullPage: true });
});

test('a sweep runs one value per step and charts the outcomes against it', async ({ page }) => {
  await openLab(page, '#preset=backpressure');
  await page.getByRole('tab', { name: 'Sweep' }).click();
  await page.getByRole('spinbutton', { name: /^To/ }).fill('12');
  await page.getByRole('spinbutton', { name: 'Steps' }).fill('4');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByTestId('sweep-outcomes-summary')).toContainText('1 worker:', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('sweep-outcomes-summary')).toContainText('12 workers:');
  await page.screenshot({ path: test.info().outputPath('sweep.png'), fullPage: true });
});

test('a shared link opened in a new page reproduces the same numbers', async ({
  page,
  context,
}) => {
  await openLab(page, '#preset=double-charge');
  await step(page, 3);
  await page.getByRole('slider', { name: 'Failure rate' }).fill('0.5');
  await step(page, 4);
  const totals = await page.getByTestId('totals').textContent();
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page).toHaveURL(/#s=1\./);
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByTestId('clock')).toHaveText('0:00:07.0', { timeout: 20_000 });
  await expect(other.getByTestId('totals')).toHaveText(totals ?? '');
  await expect(other.getByRole('slider', { name: 'Failure rate' })).toHaveAttribute(
    'aria-valuetext',
    '50%',
  );
});

test('a bad link shows a clear message and loads the defaults', async ({ page }) => {
  const problems = await openLab(page, '#s=1.not-a-real-link');
  await expect(page.getByRole('alert')).toContainText(
    'This link cannot be opened: it is truncated or damaged',
  );
  await expect(page.getByRole('alert')).toContainText('The lab opened with the default scenario.');
  await expect(page.getByRole('textbox', { name: /Seed/ })).toHaveValue('1');
  await step(page, 1);
  expect(problems).toEqual([]);
});

test('exported time-series CSV has the rows shown, and the summary and a chart export too', async ({
  page,
}) => {
  await openLab(page, '#preset=steady-flaky');
  await fastForward(page, 90);
  // Charts redraw a few times a second: wait for the chart to show the paused run's last second.
  const chart = page.getByTestId('chart-throughput');
  await expect(chart.getByTestId('chart-throughput-summary')).toContainText('Last second');
  // 90 s of virtual time at 1×: one point a second, all within the 2-minute window.
  await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBe(90);
  const shown = 90;
  await page.getByText('Files ▾').click();
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export time series (CSV)' }).click(),
  ]);
  const lines = (await readFile(await csv.path(), 'utf8')).trim().split('\n');
  expect(lines[0]).toMatch(/^end_ms,arrivals_per_s,ok_per_s,/);
  expect(lines).toHaveLength(shown + 1);
  expect(lines.at(-1)!.split(',')[0]).toBe('90000');
  await page.getByText('Files ▾').click();
  const [summary] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export summary (CSV)' }).click(),
  ]);
  const summaryText = await readFile(await summary.path(), 'utf8');
  expect(summaryText).toContain(`requests,${await total(page, 'total-requests')}`);
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save Latency of 200 responses as PNG' }).click(),
  ]);
  expect(png.suggestedFilename()).toBe('chart-latency.png');
  expect((await readFile(await png.path())).subarray(1, 4).toString()).toBe('PNG');
});

test('importing a scenario file: a bad one is refused naming the field, a good one loads', async ({
  page,
}) => {
  await openLab(page);
  const input = page.getByLabel('Scenario file to import');
  await input.setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"relay": {"queueCapacity": -1}}'),
  });
  await expect(page.getByRole('alert')).toContainText(
    'bad.json: This scenario cannot be loaded: `relay.queueCapacity`: expected an integer from 0 to 1000000, got -1',
  );
  await expect(page.getByRole('textbox', { name: /Seed/ })).toHaveValue('1');
  await input.setInputFiles({
    name: 'good.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"seed": 77, "relay": {"workers": 3}}'),
  });
  await expect(page.getByRole('textbox', { name: /Seed/ })).toHaveValue('77');
  await expect(page.getByRole('slider', { name: 'Workers' })).toHaveAttribute(
    'aria-valuetext',
    '3 workers',
  );
});
