/**
 * `npm run bench:page`: the live page's budgets, measured in real Chromium (a benchmark, not a
 * test). Builds the site, serves it, loads the standard workload, plays it at 100× and records
 * every main-thread long task (PerformanceObserver 'longtask', > 50 ms) for the first half; then
 * traces 20 s (Chrome's trace: how busy the main thread is, and how each task over 50 ms splits
 * into garbage collection, rendering, and script and the rest); then the main thread's JS heap after a
 * forced GC every few seconds. Options: BENCH_PAGE_SECONDS (default 40 s of wall time, besides
 * the trace: 4,000 s, over an hour, of virtual time), CHROMIUM_PATH.
 */
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from '@playwright/test';
import { standardWorkload } from '../src/bench/standard-workload';

const PORT = 4179;
const URL = `http://127.0.0.1:${PORT}/resilient-relay/`;
const SECONDS = Number(process.env.BENCH_PAGE_SECONDS ?? 40);

async function serve(): Promise<ChildProcess> {
  execSync('npx vite build', { stdio: 'ignore' });
  const server = spawn(
    'npx',
    [
      'vite',
      'preview',
      '--base',
      '/resilient-relay/',
      '--port',
      String(PORT),
      '--strictPort',
      '--host',
      '127.0.0.1',
    ],
    { stdio: 'ignore', detached: true },
  );
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

/** The top-level parts of a task that are garbage collection and rendering (the rest is script). */
const GC = new Set(['MajorGC', 'MinorGC']);
const RENDERING = new Set([
  'Layout',
  'Paint',
  'UpdateLayoutTree',
  'PrePaint',
  'Layerize',
  'Commit',
]);

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/** Traces the page for `ms` and sums up its main thread: busy share and tasks over 50 ms. */
async function traceMainThread(browser: Browser, page: Page, ms: number) {
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'],
  });
  await page.waitForTimeout(ms);
  const buffer = await browser.stopTracing();
  const parsed = JSON.parse(buffer.toString('utf8')) as
    | { traceEvents: TraceEvent[] }
    | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (main === undefined) throw new Error('the trace has no renderer main thread');
  const spans = events.filter(
    (e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined,
  );
  const tasks = spans.filter((e) => e.name === 'RunTask');
  const busyUs = tasks.reduce((sum, e) => sum + e.dur!, 0);
  const long = tasks
    .filter((task) => task.dur! > 50_000)
    .map((task) => {
      const inside = spans.filter(
        (e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur!,
      );
      // Summed over the outermost events of those names (a paint holds the paints of its layers).
      const sum = (names: Set<string>) => {
        let total = 0;
        let endUs = Number.NEGATIVE_INFINITY;
        for (const e of inside.filter((x) => names.has(x.name)).sort((a, b) => a.ts - b.ts)) {
          if (e.ts >= endUs) {
            total += e.dur!;
            endUs = e.ts + e.dur!;
          }
        }
        return total / 1000;
      };
      const gcMs = sum(GC);
      const renderingMs = sum(RENDERING);
      const ms = task.dur! / 1000;
      return { ms, gcMs, renderingMs, scriptMs: ms - gcMs - renderingMs };
    });
  return { busyPercent: (busyUs / 1000 / ms) * 100, long };
}

async function main(): Promise<void> {
  const server = await serve();
  const executablePath =
    process.env.CHROMIUM_PATH ??
    (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({
    executablePath,
    args: ['--disable-gpu', '--disable-background-networking', '--enable-precise-memory-info'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.addInitScript(() => {
      const tasks: number[] = [];
      (window as unknown as { longTasks: number[] }).longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(URL);
    await page.getByRole('button', { name: /Play/ }).waitFor();
    const cdp = await page.context().newCDPSession(page);
    const heapMb = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      return usedSize / 1024 / 1024;
    };
    await page.evaluate((scenario) => {
      const lab = window.resilientRelay.store.getState();
      lab.loadScenario(scenario);
      window.resilientRelay.store.getState().setSpeed(100);
      window.resilientRelay.store.getState().play();
    }, standardWorkload(3_600_000));
    await page.waitForTimeout(2000);
    await page.evaluate(() => {
      (window as unknown as { longTasks: number[] }).longTasks.length = 0;
    });
    // Phase 1: long tasks, with nothing else going on. Phase 2: the heap, after forced GCs (which
    // are long tasks of their own, so they are not counted).
    await page.waitForTimeout((SECONDS * 1000) / 2);
    const tasks = await page.evaluate(
      () => (window as unknown as { longTasks: number[] }).longTasks,
    );
    const traced = await traceMainThread(browser, page, 20_000);
    const heaps: Array<[number, number]> = [];
    const started = Date.now();
    while (Date.now() - started < (SECONDS * 1000) / 2) {
      const virtualS =
        (await page.evaluate(() => window.resilientRelay.store.getState().nowMs)) / 1000;
      heaps.push([virtualS, await heapMb()]);
      await page.waitForTimeout(4000);
    }
    const state = await page.evaluate(() => {
      const s = window.resilientRelay.store.getState();
      return {
        nowMs: s.nowMs,
        actualSpeed: s.actualSpeed,
        points: s.points.length,
        requests: s.summary?.requests,
      };
    });
    console.log(
      `standard workload at 100× for ${SECONDS} s of wall time: ${(state.nowMs / 1000).toFixed(0)} s virtual, ${state.requests} requests, engine at ${state.actualSpeed.toFixed(0)}×, ${state.points} chart points kept`,
    );
    console.log(
      `long tasks (> 50 ms) on the main thread in the first ${SECONDS / 2} s: ${tasks.length}${tasks.length > 0 ? `, longest ${Math.max(...tasks).toFixed(0)} ms: ${tasks.map((t) => t.toFixed(0)).join(', ')} ms` : ''}`,
    );
    console.log(
      `under tracing for 20 s: main thread busy ${traced.busyPercent.toFixed(0)}%, tasks over 50 ms: ${traced.long.length}${traced.long.length > 0 ? ` (${traced.long.map((t) => `${t.ms.toFixed(0)} ms: ${t.gcMs.toFixed(0)} GC, ${t.renderingMs.toFixed(0)} rendering, ${t.scriptMs.toFixed(0)} script and the rest`).join('; ')})` : ''}`,
    );
    console.log(
      `main-thread JS heap after GC: ${heaps.map(([s, mb]) => `${s.toFixed(0)} s → ${mb.toFixed(1)} MB`).join(', ')}`,
    );
  } finally {
    await browser.close();
    if (server.pid !== undefined) process.kill(-server.pid);
  }
}

await main();
