import { expect, test } from '@playwright/test';
import { openLab, slide, step, total, virtualSeconds } from './lab-page';

test('loads with no console errors, every control named', async ({ page }) => {
  const problems = await openLab(page);
  for (const name of [
    'Request rate',
    'Failure rate',
    'Workers',
    'Queue capacity',
    'Max retries',
    'Base delay',
  ]) {
    await expect(page.getByRole('slider', { name })).toBeVisible();
  }
  await expect(page.getByRole('combobox', { name: 'Jitter' })).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Outage' })).toBeVisible();
  await step(page, 2);
  expect(problems).toEqual([]);
});

test('play moves the clock and the charts', async ({ page }) => {
  const problems = await openLab(page);
  await page.getByRole('radio', { name: '10 times real time' }).check({ force: true });
  await page.getByRole('button', { name: /Play/ }).click();
  const area = page.getByTestId('chart-throughput').locator('.recharts-area-area').first();
  await expect(area).toBeVisible({ timeout: 10_000 });
  const first = await area.getAttribute('d');
  await expect.poll(async () => area.getAttribute('d'), { timeout: 10_000 }).not.toBe(first);
  await page.getByRole('button', { name: /Pause/ }).click();
  // The engine ran on until the pause reached it; its answer says where it stopped.
  await expect(page.getByTestId('run-state')).toHaveText('Paused');
  const stopped = await virtualSeconds(page);
  // From there, the clock moves only by what is asked: one step is one second.
  await page.getByRole('button', { name: 'Step 1 s' }).click();
  await expect.poll(() => virtualSeconds(page)).toBe(stopped + 1);
  await page.screenshot({ path: test.info().outputPath('playing.png'), fullPage: true });
  expect(problems).toEqual([]);
});

test('failure rate 100% fills the dead-letter queue; replay after recovery drains it to successes', async ({
  page,
}) => {
  await openLab(page);
  await step(page, 1);
  await slide(page, 'Failure rate', 'End');
  await expect(page.getByRole('slider', { name: 'Failure rate' })).toHaveAttribute(
    'aria-valuetext',
    '100%',
  );
  await step(page, 6);
  const held = Number(await page.getByTestId('red-dlq').textContent());
  expect(held).toBeGreaterThan(50);
  await expect(page.getByTestId('dlq-table').getByRole('row')).not.toHaveCount(0);
  await slide(page, 'Failure rate', 'Home');
  await step(page, 2);
  const heldAfterRecovery = Number(await page.getByTestId('red-dlq').textContent());
  const okBefore = await total(page, 'total-ok');
  await page.getByRole('button', { name: 'Replay all' }).click();
  await step(page, 3);
  await expect(page.getByTestId('red-dlq')).toHaveText('0');
  expect((await total(page, 'total-ok')) - okBefore).toBeGreaterThanOrEqual(heldAfterRecovery);
  await page.screenshot({ path: test.info().outputPath('dlq-drained.png'), fullPage: true });
});

test('one worker, a small queue and a spike give 429s', async ({ page }) => {
  await openLab(page);
  await slide(page, 'Workers', 'Home');
  await page.getByRole('slider', { name: 'Queue capacity' }).fill('175');
  await expect(page.getByRole('slider', { name: 'Queue capacity' })).toHaveAttribute(
    'aria-valuetext',
    '5 requests',
  );
  await page.getByRole('button', { name: 'Send spike' }).click();
  await step(page, 1);
  expect(await total(page, 'total-rejected')).toBeGreaterThanOrEqual(190);
  await expect(page.getByTestId('chart-errors-summary')).toContainText('429');
});

test('switching jitter from none to full visibly changes the retry timing chart', async ({
  page,
}) => {
  const summaryOf = async (jitter: 'none' | 'full') => {
    await openLab(page);
    await page.getByRole('combobox', { name: 'Jitter' }).selectOption(jitter);
    await page.getByRole('slider', { name: 'Failure rate' }).fill('0.5');
    await step(page, 8);
    await page
      .getByTestId('chart-retry-delays')
      .screenshot({ path: test.info().outputPath(`retry-${jitter}.png`) });
    await page
      .getByTestId('chart-calls')
      .screenshot({ path: test.info().outputPath(`calls-${jitter}.png`) });
    return (await page.getByTestId('chart-retry-delays-summary').textContent()) ?? '';
  };
  const none = await summaryOf('none');
  // Without jitter every retry n waits exactly base × 2^(n-1).
  expect(none).toMatch(/retry 1: \d+ delays from 100 ms to 100 ms \(median 100 ms\)/);
  expect(none).toMatch(/retry 2: \d+ delays from 200 ms to 200 ms/);
  const bars = page.getByTestId('chart-retry-delays').locator('.recharts-bar-rectangle path');
  const noneBars = await bars.count();
  const full = await summaryOf('full');
  const [, min, max] =
    full.match(/retry 1: \d+ delays from ([\d.]+ µs|[\d.]+ ms) to ([\d.]+) ms/) ?? [];
  expect(min).toBeDefined();
  expect(Number(max)).toBeGreaterThan(80);
  expect(await bars.count()).toBeGreaterThan(noneBars * 3);
});

test('a fixed seed gives the same numbers twice, another seed different ones', async ({ page }) => {
  const run = async (seed: string) => {
    await openLab(page);
    const field = page.getByRole('textbox', { name: /Seed/ });
    await field.fill(seed);
    await field.press('Enter');
    await step(page, 5);
    return page.getByTestId('totals').textContent();
  };
  const first = await run('1234');
  expect(first).toMatch(/Since the start: [\d,]+ requests/);
  expect(await run('1234')).toBe(first);
  expect(await run('99')).not.toBe(first);
});
