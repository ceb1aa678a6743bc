import { expect, test } from '@playwright/test';
import { fastForward, openLab } from './lab-page';

test('picking a guided scenario on a phone brings its story into view, below the run bar', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openLab(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('summary', { hasText: 'Guided scenario' }).click();
  await page.getByRole('button', { name: 'Double charge' }).click();
  const story = page.getByTestId('story');
  await expect(story).toContainText('Double charge');
  await expect(story).toBeInViewport();
  // Its title is not under the sticky run bar.
  await expect
    .poll(async () => {
      const header = await page.locator('.sticky').first().boundingBox();
      const title = await page.locator('#story-title').boundingBox();
      return title!.y >= header!.y + header!.height - 1;
    })
    .toBe(true);
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
});

test("a phone reaches every dead letter's Replay button", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openLab(page, '#preset=dead-letters-and-replay');
  // The outage runs from 0:15 to 0:35, the replay at 0:45.
  await fastForward(page, 30);
  const replay = page.getByRole('button', { name: /^Replay dead letter \d+$/ }).first();
  await replay.scrollIntoViewIfNeeded();
  await expect(replay).toBeInViewport({ ratio: 1 });
  const box = (await replay.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  // The table needs no sideways scrolling to reach it.
  const table = page.getByTestId('dlq-table');
  const overflow = await table.evaluate(
    (t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await replay.click();
  await expect(page.getByTestId('dlq-table')).toBeVisible();
});

test('a share link keeps the speed, and an old link without one still opens', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openLab(page);
  await page.getByRole('radio', { name: '100 times real time' }).check({ force: true });
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page).toHaveURL(/#s=/);
  const link = page.url();
  const fresh = await context.newPage();
  await fresh.goto(link);
  await expect(fresh.getByRole('radio', { name: '100 times real time' })).toBeChecked();
  await expect(fresh.getByRole('heading', { name: /last 15 min/ })).toBeVisible();
  // A link from before the speed was kept (format 1, no speed): it opens at the usual 1×.
  const old = await context.newPage();
  await old.goto('./#s=1.q1YqTs5LLYlPLcrMS1WyUjIyNQ');
  await expect(old.getByRole('button', { name: /Play/ })).toBeVisible();
  await expect(old.getByRole('radio', { name: '1 times real time' })).toBeChecked();
  await expect(old.getByRole('alertdialog')).toHaveCount(0);
});

test("a story's watch link scrolls to its chart, focuses and outlines it", async ({ page }) => {
  await openLab(page, '#preset=double-charge');
  await fastForward(page, 90);
  await page.evaluate(() => window.scrollTo(0, 0));
  const chart = page.getByTestId('chart-duplicates');
  await expect(chart).not.toBeInViewport();
  await page
    .getByRole('button', { name: 'Show the chart “Duplicate effects and stored replays”' })
    .click();
  // The outline first: it lasts 3 s, and a loaded machine can take that long to check the rest.
  await expect(chart).toHaveAttribute('data-highlight', '');

  await expect(chart).toBeInViewport();
  await expect(chart).toBeFocused();
  // The outline goes after a moment.
  await expect(chart).not.toHaveAttribute('data-highlight', { timeout: 6000 });
  await expect(page.getByTestId('chart-duplicates-summary')).toContainText(
    'duplicate effects at the downstream',
  );
});
