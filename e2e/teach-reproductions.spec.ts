/**
 * The guided scenarios that reproduce published results, in the page: each loads from the Guided
 * scenario menu with its story, and the A/B comparison its story recommends shows the lesson's
 * direction (the unit tests in src/core/reproductions.test.ts hold the same directions, and the
 * README has the full numbers).
 */
import { expect, type Page, test } from '@playwright/test';
import { fastForward, openLab, total } from './lab-page';

/** Opens the lab as it starts, then loads the guided scenario titled `title` from the menu. */
async function fromMenu(page: Page, title: string): Promise<string[]> {
  const problems = await openLab(page);
  const menu = page.locator('summary', { hasText: 'Guided scenario:' });
  await menu.click();
  await page.getByRole('button', { name: title, exact: true }).click();
  await expect(menu).toHaveText(`Guided scenario: ${title} ▾`);
  await expect(page.getByTestId('story').getByRole('heading', { level: 2 })).toHaveText(title);
  await expect(page.getByTestId('clock')).toHaveText('0:00:00.0');
  return problems;
}

/** Sets choice settings of B in the Compare A/B tab, by their labels and stored values. */
async function setForB(page: Page, set: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(set)) {
    await page.getByRole('combobox', { name: 'Setting for B' }).selectOption({ label });
    await page.getByRole('combobox', { name: `B's ${label}` }).selectOption(value);
    await page.getByRole('button', { name: 'Set for B' }).click();
  }
}

/** Runs the comparison and waits for its table. */
async function runComparison(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Run comparison' }).click();
  await expect(page.getByTestId('same-traffic')).toContainText('Same traffic on both sides', {
    timeout: 30_000,
  });
}

/** A's and B's values in the comparison table's row starting with `metric`, as numbers (ms for
 * times, percent for shares). */
async function row(page: Page, metric: string): Promise<{ a: number; b: number }> {
  const cells = page
    .getByTestId('compare-table')
    .getByRole('row', { name: new RegExp(`^${metric}`) })
    .getByRole('cell');
  const value = async (i: number) => {
    const text = (await cells.nth(i).textContent()) ?? '';
    const n = Number(/-?[\d,.]+/.exec(text)?.[0]?.replace(/,/g, '') ?? Number.NaN);
    return / s$/.test(text) ? n * 1000 : n;
  };
  return { a: await value(0), b: await value(1) };
}

const SERVED = 'Clients served';
const GOODPUT = 'Goodput';
const AMPLIFICATION = 'Amplification';
const CLIENT_P99 = 'Client wait p99';

test.describe('reproductions of published results, in the page', () => {
  test('Brooker 2022: three retries overload a failing downstream; a token bucket or a breaker on retries keeps the load near 1×', async ({
    page,
  }) => {
    const problems = await fromMenu(page, 'Retries, a token bucket and a breaker');
    await expect(page.getByTestId('story')).toContainText('three retries would lift success');
    // A, three retries: nearly 4 calls per request, and only 8% served (the failures leave 20%).
    await page.getByRole('tab', { name: 'Compare A/B' }).click();
    await setForB(page, { 'Retry budget': 'adaptive' });
    await runComparison(page);
    const bucket = await row(page, AMPLIFICATION);
    expect(bucket.a).toBeGreaterThan(3.5);
    expect(bucket.b).toBeLessThan(1.3);
    const bucketServed = await row(page, SERVED);
    expect(bucketServed.a).toBeLessThan(10);
    expect(bucketServed.b).toBeGreaterThan(18);

    await page.getByRole('button', { name: 'Remove Retry budget from B' }).click();
    await setForB(page, { 'Circuit breaker': 'rate', 'Breaker guards': 'retries' });
    await runComparison(page);
    const breaker = await row(page, AMPLIFICATION);
    expect(breaker.a).toBeGreaterThan(3.5);
    expect(breaker.b).toBeLessThan(1.1);
    expect((await row(page, SERVED)).b).toBeGreaterThan(18);
    expect(problems).toEqual([]);
  });

  test('Brooker 2015: without jitter a hundred contending clients are served one per wave; full jitter serves them all in seconds', async ({
    page,
  }) => {
    const problems = await fromMenu(page, 'Jitter under contention');
    await expect(page.getByTestId('story')).toContainText('a hundred clients');
    // Live: one client served per wave, the waves 2 s apart once the backoff is capped.
    await fastForward(page, 30);
    expect(await total(page, 'total-requests')).toBe(100);
    const served = await total(page, 'total-ok');
    expect(served).toBeGreaterThan(10);
    expect(served).toBeLessThan(30);

    await page.getByRole('tab', { name: 'Compare A/B' }).click();
    await page.getByRole('button', { name: 'B: full jitter' }).click();
    await runComparison(page);
    const share = await row(page, SERVED);
    expect(share.a).toBeLessThan(50);
    expect(share.b).toBe(100);
    // Calls per client: the lockstep waves cost several times what full jitter does.
    const calls = await row(page, AMPLIFICATION);
    expect(calls.a).toBeGreaterThan(3 * calls.b);
    expect(calls.b).toBeLessThan(9);
    expect(problems).toEqual([]);
  });

  test('The Tail at Scale: on a long tail with room to spare, hedging at the p95 cuts the p99 for about 5% more calls', async ({
    page,
  }) => {
    const problems = await fromMenu(page, 'Hedging the tail');
    await expect(page.getByTestId('story')).toContainText('Hedging at the p95');
    await page.getByRole('tab', { name: 'Compare A/B' }).click();
    await setForB(page, { 'Hedged requests': 'percentile' });
    await runComparison(page);
    const p99 = await row(page, CLIENT_P99);
    expect(p99.b).toBeLessThan(0.7 * p99.a);
    const calls = await row(page, AMPLIFICATION);
    expect(calls.a).toBe(1);
    expect(calls.b).toBeGreaterThan(1.02);
    expect(calls.b).toBeLessThan(1.08);
    const served = await row(page, SERVED);
    expect(served.b).toBeGreaterThanOrEqual(served.a);
    expect(problems).toEqual([]);
  });

  test('hedging near saturation: the p99 of those served falls, but fewer clients are served', async ({
    page,
  }) => {
    const problems = await fromMenu(page, 'Hedging near saturation');
    await expect(page.getByTestId('story')).toContainText('fewer clients are served');
    await page.getByRole('tab', { name: 'Compare A/B' }).click();
    await setForB(page, { 'Hedged requests': 'percentile' });
    await runComparison(page);
    const served = await row(page, SERVED);
    expect(served.b).toBeLessThan(served.a - 0.5);
    const goodput = await row(page, GOODPUT);
    expect(goodput.b).toBeLessThan(goodput.a);
    const calls = await row(page, AMPLIFICATION);
    expect(calls.b).toBeGreaterThan(calls.a + 0.04);
    const p99 = await row(page, CLIENT_P99);
    expect(p99.b).toBeLessThan(p99.a);
    expect(problems).toEqual([]);
  });

  test('the metastable storm, cured by a retry budget: the same brownout, and goodput comes back', async ({
    page,
  }) => {
    const problems = await fromMenu(page, 'Metastable retry storm');
    await expect(page.getByTestId('story')).toContainText('the storm outlives its trigger');
    await expect(page.getByTestId('story')).toContainText('with a retry budget');
    await page.getByRole('tab', { name: 'Compare A/B' }).click();
    await setForB(page, { 'Retry budget': 'aws' });
    await runComparison(page);
    // A serves nothing from the brownout on; B only loses the brownout's few seconds.
    const goodput = await row(page, GOODPUT);
    expect(goodput.a).toBeLessThan(100);
    expect(goodput.b).toBeGreaterThan(3 * goodput.a);
    const served = await row(page, SERVED);
    expect(served.a).toBeLessThan(40);
    expect(served.b).toBeGreaterThan(90);
    const calls = await row(page, AMPLIFICATION);
    expect(calls.a).toBeGreaterThan(3);
    expect(calls.b).toBeLessThan(1.1);
    expect(problems).toEqual([]);
  });
});
