/**
 * axe (WCAG 2.0 and 2.1, A and AA) in every mode of the lab, each in the light and the dark
 * scheme: the live lab with a cure's chart, present mode, the controls drawer on a phone, Compare
 * A/B and Sweep after a run, and a guided scenario's story. Zero violations, no rule switched off.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { fastForward, openLab } from './lab-page';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// A scan of the whole lab (about 3,000 elements, a dozen charts) takes seconds, and each test
// scans twice or four times: more than the default 60 s on a loaded machine.
test.describe.configure({ timeout: 120_000 });

/** axe's violations on the page as it is, one readable paragraph each (empty when none). */
async function violations(page: Page): Promise<string[]> {
  // Legacy mode runs axe in the page itself: the lab has no frames, and the default mode's extra
  // blank page to merge frame results costs seconds a scan.
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).setLegacyMode().analyze();
  return violations.map((v) =>
    [
      `${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`,
      ...v.nodes
        .slice(0, 6)
        .map((n) => `  ${n.target.join(' ')}\n    ${n.failureSummary?.replace(/\n/g, '\n    ')}`),
      ...(v.nodes.length > 6 ? [`  … and ${v.nodes.length - 6} more`] : []),
    ].join('\n'),
  );
}

/** Checks the page with axe in the light scheme, then the dark one, naming where it was. */
async function expectAccessible(page: Page, where: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
      colorScheme === 'dark',
    );
    const found = await violations(page);
    expect
      .soft(found, `axe violations ${where}, ${colorScheme}:\n\n${found.join('\n\n')}`)
      .toEqual([]);
  }
}

test('axe: the live lab after 30 s with a cure on', async ({ page }) => {
  await openLab(page, '#preset=retries-token-bucket-breaker');
  await page.evaluate(() =>
    window.resilientRelay.store.getState().setParam('relay.budget.variant', 'adaptive'),
  );
  await fastForward(page, 30);
  await expect(page.getByTestId('chart-budget')).toBeVisible();
  await expect(page.getByTestId('flow-diagram').locator('[data-part]').first()).toBeVisible();
  await page.getByText('The diagram as text').click();
  await expect(page.getByTestId('flow-table')).toBeVisible();
  await expectAccessible(page, 'in the live lab');
});

test('axe: present mode, and a chart full screen', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openLab(page, '#preset=thundering-herd');
  await fastForward(page, 25);
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(page.getByRole('button', { name: 'Leave present mode' })).toBeVisible();
  await expectAccessible(page, 'in present mode');
  await page.getByRole('button', { name: /^Expand Downstream calls over time/ }).click();
  await expect(page.getByTestId('chart-calls')).toHaveAttribute('data-expanded', 'true');
  await expectAccessible(page, 'in present mode with a chart full screen');
});

test('axe: the controls drawer on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openLab(page);
  await page.getByRole('button', { name: 'Controls' }).click();
  await expect(page.getByRole('complementary', { name: 'Controls' })).toBeInViewport();
  await expectAccessible(page, 'with the drawer open at 390×844');
});

test('axe: Compare A/B after a run', async ({ page }) => {
  await openLab(page, '#preset=thundering-herd');
  await page.getByRole('tab', { name: 'Compare A/B' }).click();
  await page.getByRole('button', { name: 'Run comparison' }).click();
  await expect(page.getByTestId('compare-table')).toBeVisible({ timeout: 20_000 });
  await expectAccessible(page, 'in Compare A/B');
});

test('axe: Sweep after a run, with series and with a heatmap', async ({ page }) => {
  await openLab(page);
  await page.evaluate(() =>
    window.resilientRelay.store
      .getState()
      .loadScenario({ seed: 3, durationMs: 5_000, traffic: { ratePerSec: 20 } }),
  );
  await page.getByRole('tab', { name: 'Sweep' }).click();
  await page.getByRole('button', { name: /Retry strategies against the failure rate/ }).click();
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByTestId('sweep-amplification-summary')).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, 'in Sweep with series');
  await page.getByRole('radio', { name: 'Two settings (heatmap)' }).check();
  await page.getByRole('spinbutton', { name: 'Across (columns) Steps' }).fill('3');
  await page.getByRole('spinbutton', { name: 'Down (rows) Steps' }).fill('3');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByRole('grid').getByRole('gridcell')).toHaveCount(9, { timeout: 30_000 });
  await expectAccessible(page, 'in Sweep with a heatmap');
});

test("axe: a guided scenario's story", async ({ page }) => {
  await openLab(page);
  await page.getByText('Guided scenario: choose one ▾').click();
  await page.getByRole('button', { name: 'Double charge' }).click();
  await expect(page.getByTestId('story')).toContainText('Double charge');
  await expectAccessible(page, "with a guided scenario's story");
});
