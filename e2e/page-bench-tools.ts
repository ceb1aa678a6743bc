/** The page benchmark's tools: the server, the build's sizes, the Node reference and the trace. */
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, LaunchOptions, Page } from '@playwright/test';
import { standardWorkload } from '../src/bench/standard-workload';
import { createSimulation, parseScenario, planSweep, type SweepConfig } from '../src/core';
import { LaneRunner } from '../src/engine/batch-runner';

/** Builds the site and serves it under `/resilient-relay/` on `port`. */
export async function serve(port: number, url: string): Promise<ChildProcess> {
  execSync('npx vite build', { stdio: 'ignore' });
  const server = spawn(
    'npx',
    [
      'vite',
      'preview',
      '--base',
      '/resilient-relay/',
      '--port',
      String(port),
      '--strictPort',
      '--host',
      '127.0.0.1',
    ],
    { stdio: 'ignore', detached: true },
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the preview server did not start on ${url}`);
}

/** Chromium as the browser tests launch it (software rendering). */
export function launchOptions(): LaunchOptions {
  const executablePath =
    process.env.CHROMIUM_PATH ??
    (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return {
    executablePath,
    args: ['--disable-gpu', '--disable-background-networking', '--enable-precise-memory-info'],
  };
}

const kB = (bytes: number) => (bytes / 1000).toFixed(1);

/**
 * The JavaScript a first visit loads before the page can run (the entry script and the chunks
 * index.html preloads), gzip-compressed, and what loads later (lazy chunks, the workers).
 */
export function initialJs(dist: string): string {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initial = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="\.\/([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\.\/([^"]+\.js)"/g),
  ].map((m) => m[1]!);
  const gzip = (file: string) => gzipSync(readFileSync(join(dist, file))).length;
  const parts = initial.map((file) => `${file.replace(/^assets\//, '')} ${kB(gzip(file))}`);
  const total = initial.reduce((sum, file) => sum + gzip(file), 0);
  const later = readdirSync(join(dist, 'assets'))
    .filter((file) => file.endsWith('.js') && !initial.includes(`assets/${file}`))
    .map((file) => `${file} ${kB(gzip(`assets/${file}`))}`);
  return `initial JavaScript: ${kB(total)} kB gzip (${parts.join(', ')}); loaded later: ${later.join(', ')}`;
}

/**
 * The engine's simulated requests per second on the standard workload in this process, as
 * `npm run bench` measures it (1,000 s of virtual time a round, after a warm-up), per round.
 */
export function nodeEngineRate(rounds = 5): number[] {
  const durationMs = 1_000_000;
  const time = () => {
    const simulation = createSimulation(standardWorkload(durationMs), { keepBuckets: 0 });
    const start = performance.now();
    simulation.advanceTo(durationMs);
    return simulation.summary().requests / ((performance.now() - start) / 1000);
  };
  time();
  return Array.from({ length: rounds }, time);
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
export async function traceMainThread(browser: Browser, page: Page, ms: number) {
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

/**
 * The runs of `sweep` over `scenario` in this process, one after another on one thread (one
 * lane of the batch runner the page's workers use): wall ms.
 */
export function nodeSweepMs(scenario: object, sweep: SweepConfig): number {
  let ran = 0;
  const runner = new LaneRunner(
    (message) => {
      if (message.type === 'ran') ran++;
      if (message.type === 'failed') throw new Error(message.message);
    },
    () => performance.now(),
  );
  const runs = planSweep(sweep).runs;
  const from = performance.now();
  runner.handle({ type: 'job', id: 1, scenario: parseScenario(scenario) });
  runs.forEach(({ set, name }, index) => {
    runner.handle({ type: 'run', id: 1, index, run: { set, name, detail: 'summary' } });
  });
  while (runner.work()) {
    // one slice after another
  }
  const ms = performance.now() - from;
  if (ran !== runs.length) throw new Error(`the Node sweep ran ${ran} of ${runs.length} runs`);
  return ms;
}
