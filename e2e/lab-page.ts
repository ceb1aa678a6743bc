/** Helpers that drive the lab the way a person does, for the browser tests. */
import { expect, type Page } from '@playwright/test';

/** Opens the lab (at `fragment`, e.g. `#preset=…`) and collects console errors, failed requests
 * and page errors. */
export async function openLab(page: Page, fragment = ''): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`./${fragment}`);
  await expect(page.getByRole('button', { name: /Play/ })).toBeVisible();
  if (fragment === '') await expect(page.getByTestId('clock')).toHaveText('0:00:00.0');
  // A guided scenario is read in the parse worker after the page draws: wait until it is open.
  const preset = /preset=([\w-]+)/.exec(fragment)?.[1];
  if (preset !== undefined) {
    await page.waitForFunction(
      (id) => window.resilientRelay.store.getState().preset?.id === id,
      preset,
    );
  }
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

/** Fast-forwards `seconds` of virtual time and waits until it is done. */
export async function fastForward(page: Page, seconds: number): Promise<void> {
  const before = await virtualSeconds(page);
  await page
    .getByRole('spinbutton', { name: 'Minutes to fast-forward' })
    .fill(String(seconds / 60));
  await page.getByRole('button', { name: 'Fast-forward' }).click();
  await expect.poll(() => virtualSeconds(page), { timeout: 30_000 }).toBe(before + seconds);
  await expect(page.getByRole('progressbar', { name: 'Fast-forward' })).toHaveCount(0);
}

/** The virtual clock, in whole seconds. */
export async function virtualSeconds(page: Page): Promise<number> {
  const text = (await page.getByTestId('clock').textContent()) ?? '0:00:00.0';
  const [h, m, s] = text.split(':').map(Number);
  return Math.round(h! * 3600 + m! * 60 + s!);
}

/** A number shown in a test id's text (the first one, commas removed). */
export async function numberIn(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  return Number(/-?[\d,.]+/.exec(text)?.[0]?.replace(/,/g, '') ?? Number.NaN);
}
