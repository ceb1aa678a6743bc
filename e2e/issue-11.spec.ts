/**
 * Issue 11's "done when", in the browser: the herd tip followed after a run, a log slider's arrow
 * steps, a typed value, a sweep's export, present mode at 1280×720, event markers where the
 * timeline puts them, and the live flow diagram.
 */
import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { fastForward, openLab, virtualSeconds } from './lab-page';

/** A value of the settings in force, by its path ("relay.workers"). */
function setting(page: Page, path: string): Promise<unknown> {
  return page.evaluate(
    (p) =>
      p
        .split('.')
        .reduce<unknown>(
          (o, k) => (o as Record<string, unknown>)[k],
          window.resilientRelay.store.getState().config,
        ),
    path,
  );
}

/** The busiest 250 ms of downstream calls from `fromMs` on, and of the whole run. */
function callPeaks(page: Page, fromMs: number): Promise<{ after: number; all: number }> {
  return page.evaluate((from) => {
    const calls = window.resilientRelay.store.getState().fineCalls;
    const peak = (rows: Array<[number, number]>) => Math.max(0, ...rows.map(([, n]) => n));
    return { after: peak(calls.filter(([t]) => t >= from)), all: peak(calls) };
  }, fromMs);
}

test('the herd tip after a run: Full jitter applied from 0:00 leaves no waves; forget keeps the outage', async ({
  page,
}) => {
  await openLab(page);
  await page.getByText('Guided scenario: choose one ▾').click();
  await page.getByRole('button', { name: 'Thundering herd' }).click();
  await expect(page.getByTestId('story')).toContainText('Thundering herd');
  const calls = page.getByTestId('chart-calls-summary');
  const jitter = page.getByRole('combobox', { name: 'Jitter' });
  const timeline = () =>
    page.evaluate(() => window.resilientRelay.store.getState().scenario.timeline);

  // Played to 0:30, a change, then "forget yours": the scenario's outage stays in the timeline.
  await fastForward(page, 30);
  await expect(calls).toContainText('4 spikes of at least a third of the peak');
  await jitter.selectOption('equal');
  await expect.poll(timeline).toHaveLength(3);
  await page.getByRole('button', { name: 'Forget your recorded changes' }).click();
  expect(await timeline()).toEqual([
    { atMs: 19_000, set: { 'downstream.outage': true } },
    { atMs: 20_500, set: { 'downstream.outage': false } },
  ]);
  await expect(page.getByTestId('events-in-view')).toContainText('0:19 – 0:20.5 outage');

  // The tip as the story gives it: Jitter → Full at 0:30, then "apply yours from 0:00".
  await jitter.selectOption('full');
  await page.getByRole('button', { name: 'apply yours from 0:00' }).click();
  await expect(page.getByTestId('clock')).toHaveText('0:00:00.0');
  await expect(jitter).toHaveValue('full');
  await expect(jitter.locator('option:checked')).toHaveText(/Full/);
  await fastForward(page, 30);
  await expect(jitter).toHaveValue('full');
  // The outage still came (the burst's one spike), and no retry came back as a wave.
  await expect(page.getByTestId('events-in-view')).toContainText('0:19 – 0:20.5 outage');
  await expect(calls).toContainText('1 spike of at least a third of the peak');
  const peaks = await callPeaks(page, 20_750);
  expect(peaks.all).toBeGreaterThanOrEqual(100);
  expect(peaks.after).toBeLessThan(peaks.all / 3);
});

test('arrow keys move a log slider by one step each', async ({ page }) => {
  await openLab(page, '#preset=outage-and-recovery');
  const workers = page.getByRole('slider', { name: 'Workers' });
  await expect(workers).toHaveAttribute('aria-valuetext', '6 workers');
  await workers.focus();
  await workers.press('ArrowLeft');
  await expect(workers).toHaveAttribute('aria-valuetext', '5 workers');
  expect(await setting(page, 'relay.workers')).toBe(5);
  await workers.press('ArrowLeft');
  await expect(workers).toHaveAttribute('aria-valuetext', '4 workers');
  await workers.press('ArrowRight');
  await workers.press('ArrowUp');
  await expect(workers).toHaveAttribute('aria-valuetext', '6 workers');
  await workers.press('ArrowRight');
  await expect(workers).toHaveAttribute('aria-valuetext', '7 workers');
  expect(await setting(page, 'relay.workers')).toBe(7);
});

test('a typed value lands, and a bad one says why', async ({ page }) => {
  await openLab(page, '#preset=outage-and-recovery');
  const typed = page.getByRole('textbox', { name: 'Workers: type a value' });
  await typed.fill('12');
  await typed.press('Enter');
  await expect(page.getByRole('slider', { name: 'Workers' })).toHaveAttribute(
    'aria-valuetext',
    '12 workers',
  );
  expect(await setting(page, 'relay.workers')).toBe(12);

  const timeout = page.getByRole('textbox', { name: 'Attempt timeout: type a value' });
  await timeout.fill('250 ms');
  await timeout.press('Enter');
  await expect.poll(() => setting(page, 'relay.retry.attemptTimeoutMs')).toBe(250);
  await expect(timeout).toHaveValue(/^250\s?ms$/);

  await typed.fill('a dozen');
  await typed.press('Enter');
  await expect(typed).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: 'a dozen' })).toHaveText(
    'Expected a number of workers, got "a dozen".',
  );
  await expect(typed).toHaveAccessibleDescription('Expected a number of workers, got "a dozen".');
  expect(await setting(page, 'relay.workers')).toBe(12);
});

test("a sweep's export holds its runs, a line each", async ({ page }) => {
  await openLab(page);
  await page.evaluate(() =>
    window.resilientRelay.store
      .getState()
      .loadScenario({ seed: 5, durationMs: 10_000, traffic: { ratePerSec: 40 } }),
  );
  await page.getByRole('tab', { name: 'Sweep' }).click();
  await page.getByRole('spinbutton', { name: /^From/ }).fill('1');
  await page.getByRole('spinbutton', { name: /^To/ }).fill('4');
  await page.getByRole('spinbutton', { name: 'Steps' }).fill('4');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByTestId('sweep-outcomes-summary')).toContainText('4 workers:', {
    timeout: 30_000,
  });
  await page.getByText('Files ▾').click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export sweep (CSV, a line per run)' }).click(),
  ]);
  expect(file.suggestedFilename()).toBe('sweep-relay.workers-seed-5.csv');
  const [head, ...runs] = (await readFile(await file.path(), 'utf8'))
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','));
  expect(head!.slice(0, 2)).toEqual(['relay.workers', 'requests']);
  expect(runs.map((r) => r[0])).toEqual(['1', '2', '3', '4']);
  // Each line is a run of the scenario's 10 s at 40 requests a second.
  for (const run of runs) expect(Number(run[1])).toBeGreaterThan(300);
});

test('present mode at 1280×720: large ticks, a chart full screen, Space plays', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openLab(page, '#preset=outage-and-recovery');
  await fastForward(page, 20);
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(page.getByRole('complementary', { name: 'Controls' })).toBeHidden();
  const chart = page.getByTestId('chart-throughput');
  // A chart is drawn when it comes into view.
  await chart.scrollIntoViewIfNeeded();
  const ticks = chart.locator('.recharts-cartesian-axis-tick-value');
  await expect(ticks.first()).toBeVisible();
  const sizes = await ticks.evaluateAll((all) =>
    all.map((t) => Number.parseFloat(getComputedStyle(t).fontSize)),
  );
  expect(sizes.length).toBeGreaterThan(4);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(16);

  const expand = chart.getByRole('button', {
    name: 'Expand Throughput by outcome to the whole screen',
  });
  await expand.click();
  await expect(chart).toHaveAttribute('data-expanded', 'true');
  const box = (await chart.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(1270);
  expect(box.height).toBeGreaterThanOrEqual(710);
  await page.keyboard.press('Escape');
  await expect(chart).not.toHaveAttribute('data-expanded');
  await expect(expand).toBeFocused();

  // Space on the page (focus on no control) plays and pauses.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const state = page.getByTestId('run-state');
  await expect(state).toHaveText('Paused');
  await page.keyboard.press('Space');
  await expect(state).toHaveText('Running');
  await expect.poll(() => virtualSeconds(page)).toBeGreaterThan(20);
  await page.keyboard.press('Space');
  await expect(state).toHaveText('Paused');
});

test('event markers sit where the timeline says, and the list names them', async ({ page }) => {
  await openLab(page, '#preset=outage-and-recovery');
  // The outage runs from 1:00 to 1:10.
  await fastForward(page, 80);
  await expect(page.getByTestId('events-in-view')).toContainText('1:00 – 1:10 outage');
  for (const id of ['throughput', 'errors', 'queue', 'latency']) {
    // A chart is drawn when it comes into view.
    const chart = page.getByTestId(`chart-${id}`);
    await chart.scrollIntoViewIfNeeded();
    await expect(chart.locator('.recharts-reference-area')).toHaveCount(1);
  }
  // On the throughput chart, the band starts at the 1:00 tick and ends 10 s later.
  const chart = page.getByTestId('chart-throughput');
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.getByTestId('chart-throughput-summary')).toContainText('Last second');
  const { band, ticks } = await chart.evaluate((el) => {
    const rect = el.querySelector('.recharts-reference-area path')!;
    const at = (name: string) => Number(rect.getAttribute(name));
    const ticks: Record<string, number> = {};
    // The time axis's labels read m:ss; the value axis's are plain numbers.
    for (const t of el.querySelectorAll('.recharts-cartesian-axis-tick-value'))
      if (/^\d+:\d\d$/.test(t.textContent ?? ''))
        ticks[t.textContent!] = Number(t.getAttribute('x'));
    return { band: { x: at('x'), width: at('width') }, ticks };
  });
  expect(ticks['1:00']).toBeDefined();
  const perSecond = (ticks['1:00']! - ticks['0:45']!) / 15;
  expect(band.x).toBeCloseTo(ticks['1:00']!, 0);
  expect(band.width).toBeCloseTo(10 * perSecond, 0);

  // The scripted replay of dead letters at 2:00: a labelled line.
  await fastForward(page, 45);
  await expect(page.getByTestId('events-in-view')).toContainText('2:00');
  await expect(chart.locator('.recharts-reference-line')).toHaveCount(1);
});

test('the flow diagram: a text alternative, live rates, and a part leads to its controls', async ({
  page,
}) => {
  await openLab(page, '#preset=outage-and-recovery');
  const diagram = page.getByTestId('flow-diagram');
  await expect(diagram.getByRole('heading', { name: 'How requests flow' })).toBeVisible();
  const clients = diagram.getByRole('button', { name: /^Clients: / });
  await expect(clients).toHaveAccessibleName('Clients: sending 0/s, no resends');
  // A few seconds of play (the scenario opens at 10×): about 40 requests a second.
  await page.getByRole('button', { name: '▶ Play' }).click();
  await expect.poll(() => virtualSeconds(page)).toBeGreaterThanOrEqual(8);
  await page.getByRole('button', { name: '❚❚ Pause' }).click();
  await expect(clients).toHaveAccessibleName(/^Clients: sending (3\d|4\d)\/s/);
  await expect(diagram.getByRole('button', { name: /^Workers: [\d.]+ of 6 busy/ })).toBeVisible();
  await expect(diagram.getByRole('button', { name: /^Leaving the relay: 200 ok/ })).toBeVisible();

  // The same numbers as a table.
  await diagram.getByText('The diagram as text').click();
  const table = diagram.getByRole('table');
  await expect(table.getByRole('row', { name: /^Queue / })).toContainText('of 50 waiting');
  await expect(table.getByRole('row', { name: /^Clients / })).toContainText(/sending \d+\/s/);

  // The queue leads to the relay's controls: in view, focused.
  await page.evaluate(() => window.scrollTo(0, 0));
  await diagram.getByRole('button', { name: /^Queue: / }).click();
  const relay = page.locator('#controls-relay');
  await expect(relay).toBeFocused();
  await expect(relay).toBeInViewport();
});
