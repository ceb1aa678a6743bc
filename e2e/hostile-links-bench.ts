/**
 * `npm run bench:links`: how long the page's main thread is blocked while it opens hostile links
 * and files (issue 13.4), in real Chromium (a benchmark: wall time, so not a test). Builds the
 * site, serves it, opens the lab, then for each input pastes the link into the address bar (or
 * imports the file) and records every main-thread long task (PerformanceObserver 'longtask',
 * over 50 ms) until the lab has answered and gone quiet, and traces the same: the longest task's
 * CPU time on the main thread (the trace's thread time), which a busy machine does not inflate
 * as it does wall time. Also each link opened cold, against the lab opened with no link.
 * Options: BENCH_LINKS_PORT (default 4180), CHROMIUM_PATH.
 */
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { type Browser, chromium, type Page } from '@playwright/test';

const PORT = Number(process.env.BENCH_LINKS_PORT ?? 4180);
const URL = `http://127.0.0.1:${PORT}/resilient-relay/`;

const link = (json: string) => `#s=1.${deflateRawSync(json).toString('base64url')}`;
const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const timeline = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    atMs: i,
    set: { 'downstream.failureProbability': ((i * 7919) % 10_007) / 10_007 },
  }));

/** The hostile inputs: the audit's, and a few more. */
const LINKS: Array<[string, string]> = [
  ['nested 1.9 M deep (4,975-character link)', link(`{"scenario":{"seed":${deep(1_900_000)}}}`)],
  [
    'nested 5,000 deep in a timeline',
    link(`{"scenario":{"timeline":[{"atMs":1,"set":{"relay.workers":${deep(5000)}}}]}}`),
  ],
  ['a 3.9 MB unknown key', link(JSON.stringify({ scenario: { ['k'.repeat(3_900_000)]: 1 } }))],
  [
    'a 3.9 MB string value',
    link(JSON.stringify({ scenario: { meta: { title: 'v'.repeat(3_900_000) } } })),
  ],
  [
    '100,000 timeline entries (over 4 MiB inflated)',
    link(JSON.stringify({ scenario: { timeline: timeline(100_000) } })),
  ],
  [
    '40,000 timeline entries (valid: it opens)',
    link(JSON.stringify({ scenario: { timeline: timeline(40_000) } })),
  ],
  [
    'the crash scenario (over the memory budget)',
    link(
      JSON.stringify({
        scenario: {
          durationMs: 120_000,
          traffic: { ratePerSec: 100_000 },
          downstream: { outage: true },
          relay: {
            workers: 'unbounded',
            retry: { maxRetries: 10 },
            deadLetter: { capacity: 100_000 },
          },
        },
      }),
    ),
  ],
  ['1e309', link('{"scenario":{"seed":1e309}}')],
  ['a key given twice', link('{"scenario":{"seed":1,"seed":2}}')],
  ['{"scenario":null}', link('{"scenario":null}')],
  ['#s=0x1.', `#s=0x1.${deflateRawSync('{}').toString('base64url')}`],
  ['#preset=%C3%A9', '#preset=%C3%A9'],
  ['#preset=javascript:alert(1)', '#preset=javascript:alert(1)'],
  ['garbage', '#s=1.@@@not-a-link'],
];

/** The 2 MB file of the audit: 25,000 timeline entries, as a scenario file. */
const FILE = JSON.stringify({ timeline: timeline(25_000) }, null, 2);

async function serve(): Promise<ChildProcess> {
  execSync('npx vite build', { stdio: 'ignore' });
  const args = ['vite', 'preview', '--base', '/resilient-relay/', '--port', String(PORT)];
  const server = spawn('npx', [...args, '--strictPort', '--host', '127.0.0.1'], {
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(URL)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the preview server did not start on ${URL}`);
}

async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tasks: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

const takeLongTasks = (page: Page) =>
  page.evaluate(() => {
    const tasks = (window as unknown as { longTasks: number[] }).longTasks;
    return tasks.splice(0, tasks.length);
  });

/** Waits until the lab says something about the input, or has loaded it, then for quiet. */
async function answered(page: Page, before: { nowMs: number; seed: number }): Promise<string> {
  await page.waitForFunction(
    (was) => {
      const s = window.resilientRelay.store.getState();
      return s.notice !== null || s.scenario.timeline.length > 0 || s.nowMs !== was.nowMs;
    },
    before,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(1500);
  return page.evaluate(() => {
    const notice = window.resilientRelay.store.getState().notice?.text;
    const timeline = window.resilientRelay.store.getState().scenario.timeline.length;
    return notice === undefined ? `opened (${timeline} timeline entries)` : notice;
  });
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Runs `act` under a trace; the longest main-thread task, in wall and CPU (thread) ms. */
async function traced(browser: Browser, page: Page, act: () => Promise<void>) {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
  await act();
  const parsed = JSON.parse((await browser.stopTracing()).toString('utf8')) as
    | { traceEvents: TraceEvent[] }
    | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  // A task is 'RunTask' in older Chromium, 'ThreadControllerImpl::RunTask' in newer.
  const tasks = events.filter(
    (e) =>
      e.pid === main?.pid &&
      e.tid === main?.tid &&
      e.ph === 'X' &&
      (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'),
  );
  const longest = tasks.reduce<TraceEvent | null>(
    (a, b) => (a === null || (b.tdur ?? 0) > (a.tdur ?? 0) ? b : a),
    null,
  );
  return { cpuMs: (longest?.tdur ?? 0) / 1000, wallMs: (longest?.dur ?? 0) / 1000 };
}

const summary = (tasks: number[]) =>
  tasks.length === 0
    ? 'none over 50 ms'
    : `longest ${Math.max(...tasks).toFixed(0)} ms (${tasks.length}: ${tasks.map((t) => t.toFixed(0)).join(', ')})`;

async function main(): Promise<void> {
  const server = await serve();
  const executablePath =
    process.env.CHROMIUM_PATH ??
    (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({ executablePath, args: ['--disable-gpu'] });
  let worst = 0;
  let worstCpu = 0;
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await watchLongTasks(page);
    await page.goto(URL);
    await page.getByRole('button', { name: /Play/ }).waitFor();
    await page.waitForTimeout(2000);
    console.log(`opening the lab with no link: ${summary(await takeLongTasks(page))}`);
    console.log('\npasted into the address bar of the open lab:');
    for (const [name, fragment] of LINKS) {
      await page.evaluate(() => {
        const store = window.resilientRelay.store;
        store.getState().loadScenario({});
        store.getState().dismissNotice();
      });
      await page.waitForTimeout(500);
      await takeLongTasks(page);
      const before = await page.evaluate(() => ({
        nowMs: window.resilientRelay.store.getState().nowMs,
        seed: window.resilientRelay.store.getState().scenario.seed,
      }));
      let said = '';
      const cpu = await traced(browser, page, async () => {
        await page.evaluate((hash) => {
          location.hash = hash;
        }, fragment);
        said = await answered(page, before);
      });
      const tasks = await takeLongTasks(page);
      worst = Math.max(worst, ...tasks);
      worstCpu = Math.max(worstCpu, cpu.cpuMs);
      console.log(
        `  ${name} (${fragment.length.toLocaleString('en-US')} characters): ${summary(tasks)}; longest task's CPU ${cpu.cpuMs.toFixed(0)} ms (wall ${cpu.wallMs.toFixed(0)}); "${said.slice(0, 90)}"`,
      );
    }
    // The file is made in the page first (Playwright's own file transfer would count), then
    // imported as the file input does it.
    await page.evaluate((text) => {
      const store = window.resilientRelay.store;
      store.getState().loadScenario({});
      store.getState().dismissNotice();
      (window as unknown as { file: File }).file = new File([text], 'large.json');
    }, FILE);
    await page.waitForTimeout(1000);
    await takeLongTasks(page);
    let fileSaid = '';
    const fileCpu = await traced(browser, page, async () => {
      await page.evaluate(() => {
        const { file } = window as unknown as { file: File };
        void window.resilientRelay.store.getState().importScenarioFile(file);
      });
      fileSaid = await answered(page, { nowMs: 0, seed: 1 });
    });
    const fileTasks = await takeLongTasks(page);
    worst = Math.max(worst, ...fileTasks);
    worstCpu = Math.max(worstCpu, fileCpu.cpuMs);
    console.log(
      `  a ${(FILE.length / 1e6).toFixed(1)} MB file of 25,000 timeline entries: ${summary(fileTasks)}; longest task's CPU ${fileCpu.cpuMs.toFixed(0)} ms (wall ${fileCpu.wallMs.toFixed(0)}); "${fileSaid.slice(0, 60)}"`,
    );
    console.log('\nopened cold (a new page at the link):');
    for (const [name, fragment] of LINKS.slice(0, 5)) {
      const cold = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
      await watchLongTasks(cold);
      await cold.goto(URL + fragment);
      await cold.getByRole('button', { name: /Play/ }).waitFor();
      await cold.waitForTimeout(2500);
      console.log(`  ${name}: ${summary(await takeLongTasks(cold))}`);
      await cold.close();
    }
    console.log(
      `\nworst main-thread block over the pasted links and the file: ${worst.toFixed(0)} ms wall, ${worstCpu.toFixed(0)} ms CPU (longest traced task)`,
    );
  } finally {
    await browser.close();
    if (server.pid !== undefined) process.kill(-server.pid);
  }
}

await main();
