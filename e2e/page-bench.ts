/**
 * `npm run bench:page`: the live page's budgets, measured in real Chromium on the production build
 * served under a sub-path (a benchmark, not a test). In one run:
 * - initial JavaScript, gzip, from the build (the entry and the chunks it preloads);
 * - load: first contentful paint and main-thread long tasks (> 50 ms) from navigation to 5 s after
 *   the load event, as a new visitor (fresh browser context), on the lab and on a guided scenario;
 * - the standard workload and the busiest guided scenario at each speed (1×, 10×, 100×, Max):
 *   long tasks (count and longest) while it runs;
 * - a fresh page that goes straight to Max on the standard workload (its charts' code cold, each
 *   chart drawn for the first time while the engine runs flat out): long tasks, `LOADS` times;
 * - at Max on the standard workload, the worker's simulated requests per second against the same
 *   engine in this Node process on the same workload, right before and right after (their median):
 *   the page-to-Node ratio;
 * - the main thread's JS heap after forced GCs over an hour of virtual time at 100×;
 * - a 50-value sweep of 10 minutes in the page (all cores) and in Node (one thread).
 * Options: BENCH_PAGE_SECONDS (each of 1×, 10×, 100×; default 20), BENCH_PAGE_MAX_SECONDS (at
 * Max; default 60), BENCH_PAGE_LOADS (default 3), BENCH_PAGE_SCENARIO (the busiest guided
 * scenario; default metastable-retry-storm), BENCH_PAGE_PORT (default 4179), BENCH_PAGE_TRACE=1 (also trace 10 s at Max and split
 * each long task into GC, rendering and script), BENCH_PAGE_ONLY (comma-separated phases: js,
 * load, fresh, standard, busiest, heap, sweep), BENCH_PAGE_FRESH_SECONDS (a fresh page at Max;
 * default 30), CHROMIUM_PATH.
 */
import type { ChildProcess } from 'node:child_process';
import { type Browser, chromium, type Page } from '@playwright/test';
import { standardWorkload } from '../src/bench/standard-workload';
import { batchWorkerCount } from '../src/engine/batch-host';
import type { Speed } from '../src/engine/protocol';
import {
  initialJs,
  launchOptions,
  nodeEngineRate,
  nodeSweepMs,
  serve,
  traceMainThread,
} from './page-bench-tools';

const PORT = Number(process.env.BENCH_PAGE_PORT ?? 4179);
const URL = `http://127.0.0.1:${PORT}/resilient-relay/`;
const SPEED_SECONDS = Number(process.env.BENCH_PAGE_SECONDS ?? 20);
const MAX_SECONDS = Number(process.env.BENCH_PAGE_MAX_SECONDS ?? 60);
const LOADS = Number(process.env.BENCH_PAGE_LOADS ?? 3);
const FRESH_SECONDS = Number(process.env.BENCH_PAGE_FRESH_SECONDS ?? 30);
const BUSIEST = process.env.BENCH_PAGE_SCENARIO ?? 'metastable-retry-storm';
const TRACE = process.env.BENCH_PAGE_TRACE === '1';
const ONLY = new Set(
  (process.env.BENCH_PAGE_ONLY ?? 'js,load,fresh,standard,busiest,heap,sweep').split(','),
);
/** Long enough that no live run reaches its end: 30 days of virtual time. */
const LONG_MS = 30 * 24 * 3_600_000;

type Lab = {
  longTasks: Array<{ at: number; ms: number }>;
  /** When each part of the lab was first drawn (the frame after it entered the page), ms. */
  drawnAt: Record<string, number>;
};

/** The parts of the lab whose first drawing the load reports, by a selector. */
const PARTS: Record<string, string> = {
  'run bar': 'header button',
  controls: '#controls',
  charts: '#charts-title',
};

/** A new visitor's page, recording every main-thread long task from the start. */
async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await page.addInitScript((parts) => {
    const tasks: Array<{ at: number; ms: number }> = [];
    const drawnAt: Record<string, number> = {};
    Object.assign(window, { longTasks: tasks, drawnAt } satisfies Lab);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        tasks.push({ at: entry.startTime, ms: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
    const watch = new MutationObserver(() => {
      for (const [name, selector] of Object.entries(parts)) {
        if (name in drawnAt || document.querySelector(selector) === null) continue;
        drawnAt[name] = Number.NaN;
        requestAnimationFrame(() => {
          drawnAt[name] = performance.now();
        });
      }
      if (Object.keys(drawnAt).length === Object.keys(parts).length) watch.disconnect();
    });
    watch.observe(document, { childList: true, subtree: true });
  }, PARTS);
  return page;
}

function describeTasks(tasks: number[]): string {
  if (tasks.length === 0) return '0';
  return `${tasks.length}, longest ${Math.max(...tasks).toFixed(0)} ms (${tasks.map((t) => t.toFixed(0)).join(', ')})`;
}

/** Opens the page `LOADS` times as a new visitor: FCP and the long tasks until 5 s after load. */
async function measureLoad(browser: Browser, fragment: string): Promise<void> {
  for (let i = 0; i < LOADS; i++) {
    const page = await newPage(browser);
    // No locator while it loads: Playwright's selector engine, injected into the page on a
    // locator's first use, is itself a main-thread task of ~60 ms (the harness's, not the lab's).
    await page.goto(`${URL}${fragment}`);
    await page.waitForTimeout(5000);
    const drawn = await page.evaluate(() =>
      [...document.querySelectorAll('button')].some((b) => b.textContent?.includes('Play')),
    );
    if (!drawn) throw new Error(`the lab did not draw its Play button within 5 s of loading`);
    const { fcp, tasks, drawnAt } = await page.evaluate(() => {
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      const load = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const until = load.loadEventEnd + 5000;
      const lab = window as unknown as Lab;
      return {
        fcp: paint?.startTime ?? Number.NaN,
        tasks: lab.longTasks.filter((t) => t.at < until).map((t) => t.ms),
        drawnAt: lab.drawnAt,
      };
    });
    const parts = Object.keys(PARTS)
      .map((name) => `${name} ${(drawnAt[name] ?? Number.NaN).toFixed(0)}`)
      .join(', ');
    console.log(
      `load ${fragment || '(the lab)'} #${i + 1}: first contentful paint ${fcp.toFixed(0)} ms, drawn at (ms): ${parts}; long tasks ${describeTasks(tasks)}`,
    );
    await page.context().close();
  }
}

async function clearLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as Lab).longTasks.length = 0;
  });
}

async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as Lab).longTasks.map((t) => t.ms));
}

/** The run's state as the page has it: virtual time, requests, and the page's wall time. */
async function runState(page: Page) {
  return page.evaluate(() => {
    const s = window.resilientRelay.store.getState();
    return {
      wallMs: performance.now(),
      nowMs: s.nowMs,
      requests: s.summary?.requests ?? 0,
      actualSpeed: s.actualSpeed,
    };
  });
}

/**
 * Plays the loaded run at `speed` for `seconds` (counting every long task from the switch on)
 * and reports them; returns the page's simulated requests per second over the run, its first
 * 2 s left out (the worker's JIT warming up).
 */
async function playAt(page: Page, label: string, speed: Speed, seconds: number): Promise<number> {
  await clearLongTasks(page);
  await page.evaluate((s) => {
    const lab = window.resilientRelay.store.getState();
    lab.setSpeed(s);
    if (!lab.running) lab.play();
  }, speed);
  await page.waitForTimeout(2000);
  const from = await runState(page);
  await page.waitForTimeout(seconds * 1000 - 2000);
  const to = await runState(page);
  const tasks = await longTasks(page);
  const perSec = (to.requests - from.requests) / ((to.wallMs - from.wallMs) / 1000);
  console.log(
    `${label} at ${speed === 'max' ? 'Max' : `${speed}×`} for ${seconds} s: long tasks ${describeTasks(tasks)}; engine at ${to.actualSpeed.toFixed(0)}×, ${(perSec / 1e6).toFixed(3)} M simulated requests/s, clock ${(to.nowMs / 1000).toFixed(0)} s`,
  );
  return perSec;
}

/** Opens the lab with `load` (in the page) and waits for the charts' first draw. */
async function openRun(browser: Browser, load: (page: Page) => Promise<void>): Promise<Page> {
  const page = await newPage(browser);
  await page.goto(URL);
  await page.getByRole('button', { name: /Play/ }).waitFor();
  await load(page);
  await page.waitForTimeout(3000);
  return page;
}

/**
 * A new visitor who loads the standard workload and goes straight to Max: every chart draws for
 * the first time, its code cold, while the engine runs flat out (`LOADS` pages).
 */
async function measureFresh(browser: Browser): Promise<void> {
  for (let i = 0; i < LOADS; i++) {
    const page = await openRun(browser, (p) =>
      p.evaluate((scenario) => {
        window.resilientRelay.store.getState().loadScenario(scenario);
      }, standardWorkload(LONG_MS)),
    );
    await playAt(page, `fresh page #${i + 1}, standard workload`, 'max', FRESH_SECONDS);
    await page.context().close();
  }
}

async function measureStandard(browser: Browser): Promise<void> {
  const page = await openRun(browser, (p) =>
    p.evaluate((scenario) => {
      window.resilientRelay.store.getState().loadScenario(scenario);
    }, standardWorkload(LONG_MS)),
  );
  for (const speed of [1, 10, 100] as const) {
    await playAt(page, 'standard workload', speed, SPEED_SECONDS);
  }
  await page.evaluate(() => window.resilientRelay.store.getState().pause());
  await page.waitForTimeout(1000);
  const before = nodeEngineRate();
  const pagePerSec = await playAt(page, 'standard workload', 'max', MAX_SECONDS);
  if (TRACE) await traceAndReport(browser, page);
  await page.evaluate(() => window.resilientRelay.store.getState().pause());
  await page.waitForTimeout(1000);
  const after = nodeEngineRate();
  const node = [...before, ...after].sort((a, b) => a - b);
  const nodeMedian = node[Math.floor(node.length / 2)]!;
  console.log(
    `Node, same engine and workload: ${(nodeMedian / 1e6).toFixed(3)} M simulated requests/s (median of ${node.length}, ${(node[0]! / 1e6).toFixed(3)}–${(node.at(-1)! / 1e6).toFixed(3)}; before ${before.map((r) => (r / 1e6).toFixed(3)).join(' ')}, after ${after.map((r) => (r / 1e6).toFixed(3)).join(' ')})`,
  );
  console.log(`page-to-Node ratio at Max: ${(pagePerSec / nodeMedian).toFixed(2)}`);
  await page.context().close();
}

async function traceAndReport(browser: Browser, page: Page): Promise<void> {
  const traced = await traceMainThread(browser, page, 10_000);
  console.log(
    `traced 10 s at Max: main thread busy ${traced.busyPercent.toFixed(0)}%, tasks over 50 ms: ${traced.long.length}${traced.long.length > 0 ? ` (${traced.long.map((t) => `${t.ms.toFixed(0)} ms: ${t.gcMs.toFixed(0)} GC, ${t.renderingMs.toFixed(0)} rendering, ${t.scriptMs.toFixed(0)} script and the rest`).join('; ')})` : ''}`,
  );
}

async function measureBusiest(browser: Browser): Promise<void> {
  const page = await openRun(browser, (p) =>
    p.evaluate(async (id) => {
      const lab = window.resilientRelay.store.getState();
      await lab.loadPreset(id);
      // Played through: a guided scenario otherwise pauses at its key moments.
      lab.setPauseAtMoments(false);
    }, BUSIEST),
  );
  for (const speed of [1, 10, 100, 'max'] as const) {
    await playAt(page, BUSIEST, speed, speed === 'max' ? MAX_SECONDS : SPEED_SECONDS);
  }
  await page.context().close();
}

/** The main thread's heap after forced GCs, every 4 s, over an hour of virtual time at 100×. */
async function measureHeap(browser: Browser): Promise<void> {
  const page = await openRun(browser, (p) =>
    p.evaluate((scenario) => {
      const lab = window.resilientRelay.store.getState();
      lab.loadScenario(scenario);
      lab.setSpeed(100);
      window.resilientRelay.store.getState().play();
    }, standardWorkload(LONG_MS)),
  );
  const cdp = await page.context().newCDPSession(page);
  const heaps: Array<[number, number]> = [];
  const started = Date.now();
  for (;;) {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const { nowMs } = await runState(page);
    heaps.push([nowMs / 1000, usedSize / 1024 / 1024]);
    if (nowMs >= 3_900_000 || Date.now() - started > 120_000) break;
    await page.waitForTimeout(4000);
  }
  const late = heaps.filter(([s]) => s >= 900);
  const mbs = late.map(([, mb]) => mb);
  console.log(
    `main-thread JS heap after GC at 100×: ${heaps.map(([s, mb]) => `${s.toFixed(0)} s ${mb.toFixed(1)} MB`).join(', ')}`,
  );
  if (late.length > 0) {
    console.log(
      `heap from ${late[0]![0].toFixed(0)} s to ${late.at(-1)![0].toFixed(0)} s of virtual time (the windows full): ${Math.min(...mbs).toFixed(1)}–${Math.max(...mbs).toFixed(1)} MB, first ${mbs[0]!.toFixed(1)}, last ${mbs.at(-1)!.toFixed(1)}`,
    );
  }
  await page.context().close();
}

/** The 50-value sweep: workers 1 to 50 over 10 minutes of virtual time. */
const SWEEP = { path: 'relay.workers', from: 1, to: 50, steps: 50 } as const;
const SWEEP_SCENARIO = { seed: 1, durationMs: 600_000 };

/**
 * A 50-value sweep of 10 minutes, timed in the page (its batch pool: a worker per core, at least
 * two) from the click to the result, and the same 50 runs in this Node process one after
 * another on one thread (one lane of the same runner), `SWEEP_ROUNDS` times each, alternating.
 */
async function measureSweep(browser: Browser): Promise<void> {
  const page = await openRun(browser, (p) =>
    p.evaluate(
      ({ scenario, sweep }) => {
        const lab = window.resilientRelay.store.getState();
        lab.loadScenario(scenario);
        lab.setSweep(sweep);
      },
      { scenario: SWEEP_SCENARIO, sweep: SWEEP },
    ),
  );
  const pageMs: number[] = [];
  const nodeMs: number[] = [];
  for (let round = 0; round < SWEEP_ROUNDS; round++) {
    pageMs.push(await pageSweepMs(page));
    nodeMs.push(nodeSweepMs(SWEEP_SCENARIO, SWEEP));
  }
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const show = (list: number[]) => list.map((ms) => (ms / 1000).toFixed(2)).join(', ');
  console.log(
    `50-value sweep of 10 min (workers 1–50): in the page on all cores (${cores} reported, ${batchWorkerCount(cores)} batch workers) ${show(pageMs)} s; in Node on one thread ${show(nodeMs)} s`,
  );
  await page.context().close();
}

const SWEEP_ROUNDS = 3;

/** Runs the page's sweep and waits for its result: wall ms from the start to the result. */
async function pageSweepMs(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const store = window.resilientRelay.store;
    const from = performance.now();
    const done = new Promise<void>((resolve, reject) => {
      const stop = store.subscribe((s) => {
        if (s.sweepRun.status === 'done') resolve();
        else if (s.sweepRun.status === 'failed') reject(new Error(String(s.sweepRun.message)));
        else return;
        stop();
      });
    });
    store.getState().runSweep();
    await done;
    return performance.now() - from;
  });
}

async function main(): Promise<void> {
  let server: ChildProcess | null = null;
  try {
    server = await serve(PORT, URL);
    if (ONLY.has('js')) console.log(initialJs('dist'));
    const browser = await chromium.launch(launchOptions());
    try {
      if (ONLY.has('load')) {
        await measureLoad(browser, '');
        await measureLoad(browser, `#preset=${BUSIEST}`);
      }
      if (ONLY.has('fresh')) await measureFresh(browser);
      if (ONLY.has('standard')) await measureStandard(browser);
      if (ONLY.has('busiest')) await measureBusiest(browser);
      if (ONLY.has('heap')) await measureHeap(browser);
      if (ONLY.has('sweep')) await measureSweep(browser);
    } finally {
      await browser.close();
    }
  } finally {
    if (server?.pid !== undefined) process.kill(-server.pid);
  }
}

await main();
