/** Helpers that drive the lab the way a person does, for the browser tests. */
import { expect, type Page } from '@playwright/test';

/** Opens the lab and collects console errors, failed requests and page errors. */
export async function openLab(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  await page.goto('./');
  await expect(page.getByRole('button', { name: /Play/ })).toBeVisible();
  await expect(page.getByTestId('clock')).toHaveText('0:00:00.0');
  return problems;
}

/** Advances `seconds` of virtual time with the Step button, waiting for the clock each time. */
export async function step(page: Page, seconds: number): Promise<void> {
  const clock = page.getByTestId('clock');
  for (let i = 0; i < seconds; i++) {
    const before = await clock.textContent();
    await page.getByRole('button', { name: 'Step 1 s' }).click();
    await expect(clock).not.toHaveText(before ?? '');
  }
}

/** A count shown in the totals line, as a number. */
export async function total(page: Page, testId: string): Promise<number> {
  return Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/,/g, ''));
}

/** Sets a slider with the keyboard: Home or End, then arrows. */
export async function slide(page: Page, name: string, key: 'Home' | 'End'): Promise<void> {
  const slider = page.getByRole('slider', { name });
  await slider.focus();
  await slider.press(key);
}
