/**
 * issue 13.7: the built page keeps its Content-Security-Policy (scripts and workers from the
 * site only, no inline script, no eval) and nothing it does breaks it: every mode and experiment,
 * a link, a file, a chart's PNG.
 */
import { expect, type Page, test } from '@playwright/test';
import { fastForward, openLab, step } from './lab-page';

/** Records every CSP violation the page reports, from before its first script runs. */
async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} blocked ${event.blockedURI} (${event.sample})`);
    });
  });
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

test('issue 13.7: the page sets its CSP and runs every mode under it with no violation', async ({
  page,
}) => {
  await watchViolations(page);
  const problems = await openLab(page, '#preset=thundering-herd');
  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toMatch(/unsafe-eval|unsafe-inline/);

  // Live: play, pause, step, fast-forward (the charts draw), a chart as PNG (an image from data:).
  await page.getByRole('button', { name: /Play/ }).click();
  await expect(page.getByTestId('clock')).not.toHaveText('0:00:00.0');
  await page.getByRole('button', { name: /Pause/ }).click();
  // The engine runs on until the pause reaches it: a step before then would race the clock.
  await expect(page.getByTestId('run-state')).toHaveText('Paused');
  await step(page, 1);
  await fastForward(page, 30);
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save Latency of 200 responses as PNG' }).click(),
  ]);
  expect(png.suggestedFilename()).toBe('chart-latency.png');
  // A chart's tooltip, and a menu.
  await page.getByTestId('chart-throughput').locator('svg.recharts-surface').first().hover();
  await page.getByText('Files ▾').click();
  await page.keyboard.press('Escape');

  // Compare and Sweep, each run in the batch worker.
  await page.getByRole('tab', { name: 'Compare A/B' }).click();
  await page.getByRole('button', { name: 'Run comparison' }).click();
  await expect(page.getByTestId('same-traffic')).toContainText('Same traffic on both sides');
  await page.getByRole('tab', { name: 'Sweep' }).click();
  await page.getByRole('spinbutton', { name: 'Steps' }).fill('3');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByTestId('sweep-outcomes-summary')).toContainText('20 workers:', {
    timeout: 30_000,
  });

  // A link, read in the parse worker: the address holds this run's.
  await page.getByRole('tab', { name: 'Live' }).click();
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page).toHaveURL(/#s=1\./);
  const link = page.url();
  const clock = await page.getByTestId('clock').textContent();
  expect(await violations(page)).toEqual([]);
  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByTestId('clock')).toHaveText(clock ?? '', { timeout: 20_000 });

  // A file, read in the parse worker too.
  await page.getByLabel('Scenario file to import').setInputFiles({
    name: 'good.json',
    mimeType: 'application/json',
    buffer: Buffer.from('\uFEFF{"seed": 77, "relay": {"workers": 3}}'),
  });
  await expect(page.getByRole('textbox', { name: /Seed/ })).toHaveValue('77');

  expect(await violations(page)).toEqual([]);
  expect(problems).toEqual([]);
});

test('issue 13.7: the policy refuses an inline script (it is in force)', async ({ page }) => {
  await watchViolations(page);
  await openLab(page);
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true;';
    document.body.append(script);
  });
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBe(
    undefined,
  );
  await expect.poll(() => violations(page)).toEqual([expect.stringMatching(/^script-src/)]);
});
