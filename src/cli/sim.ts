/**
 * `npm run sim -- FILE [--json] [--time-limit SECONDS]`: runs a scenario file headless and
 * prints a readable table, or the run summary as JSON. A long run shows its progress on stderr
 * when that is a terminal; at the time limit or on Ctrl-C it prints the summary so far, marked
 * partial. Exits 1 when the file is missing or invalid, 2 on a usage error, 130 when interrupted.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseScenario, type Scenario, ScenarioError } from '../core';
import { formatClock, formatSummary } from './format-summary';
import { type Progress, runSliced } from './sliced-run';

const USAGE = `Usage: npm run sim -- FILE [--json] [--time-limit SECONDS]

Runs the scenario in FILE (format v1, see README.md) for its durationMs of virtual time.
  --json                  print the run summary as JSON instead of a table
  --time-limit SECONDS    stop after SECONDS of wall time and print the summary so far,
                          marked partial
  --help                  show this help
On a terminal, the run's progress is shown on stderr. Ctrl-C stops the run and prints the
summary so far, marked partial (exit code 130).`;

/** Exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

/** A status line rewritten in place. */
export interface ProgressWriter {
  update(line: string): void;
  /** Removes the line, before the summary is printed. */
  clear(): void;
}

/** What `main` uses besides its arguments and output; the defaults are the real process's. */
export interface CliEnvironment {
  /** Where progress goes; `null` for nowhere. @default null (the script passes stderr on a TTY) */
  readonly progress?: ProgressWriter | null;
  /** The wall clock, ms. @default performance.now */
  readonly clockMs?: () => number;
  /** Aborted on Ctrl-C: the run stops and prints its partial summary. */
  readonly signal?: AbortSignal;
  /** Lets the SIGINT handler run between slices. @default a `setImmediate` turn */
  readonly yieldToEventLoop?: () => Promise<void>;
}

interface Options {
  readonly file: string;
  readonly json: boolean;
  /** Wall time, ms; `undefined` for no limit. */
  readonly timeLimitMs: number | undefined;
}

/** The options in `args`, or the message of a usage error; `'help'` for --help. */
function parseArgs(args: readonly string[]): Options | 'help' | { error: string } {
  if (args.includes('--help') || args.includes('-h')) return 'help';
  const files: string[] = [];
  let json = false;
  let timeLimit: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--time-limit') timeLimit = args[++i] ?? '';
    else if (arg.startsWith('--time-limit=')) timeLimit = arg.slice('--time-limit='.length);
    else if (arg.startsWith('-')) return { error: `Unknown option ${arg}.\n\n${USAGE}` };
    else files.push(arg);
  }
  if (files.length !== 1) return { error: USAGE };
  const seconds =
    timeLimit === undefined || timeLimit.trim() === '' ? Number.NaN : Number(timeLimit);
  if (timeLimit !== undefined && !(Number.isFinite(seconds) && seconds >= 0)) {
    const shown = JSON.stringify(timeLimit.slice(0, 40));
    return { error: `--time-limit expects a number of seconds ≥ 0, got ${shown}.\n\n${USAGE}` };
  }
  return {
    file: files[0]!,
    json,
    timeLimitMs: timeLimit === undefined ? undefined : seconds * 1000,
  };
}

/** The progress line: virtual time done of total, requests so far, wall time. */
export function formatProgress(p: Progress): string {
  const percent = p.durationMs > 0 ? Math.floor((p.virtualMs / p.durationMs) * 100) : 100;
  const requests = new Intl.NumberFormat('en-US').format(p.requests);
  return `sim: ${formatClock(p.virtualMs)} of ${formatClock(p.durationMs)} virtual time (${percent}%), ${requests} requests, ${(p.wallMs / 1000).toFixed(1)} s wall`;
}

/** The scenario in `file`, or the exit code after saying why there is none. */
function readScenario(file: string, err: (text: string) => void): Scenario | number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : code;
    err(`Cannot read scenario ${file}: ${reason ?? (error as Error).message}`);
    return 1;
  }
  try {
    return parseScenario(text);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    err(`Invalid scenario ${file}: ${error.message}`);
    return 1;
  }
}

/** Runs the CLI with `args`; resolves to the exit code. Output goes through `out` and `err`. */
export async function main(
  args: string[],
  out: (text: string) => void = (text) => process.stdout.write(`${text}\n`),
  err: (text: string) => void = (text) => process.stderr.write(`${text}\n`),
  env: CliEnvironment = {},
): Promise<number> {
  const options = parseArgs(args);
  if (options === 'help') {
    out(USAGE);
    return 0;
  }
  if ('error' in options) {
    err(options.error);
    return 2;
  }
  const scenario = readScenario(options.file, err);
  if (typeof scenario === 'number') return scenario;
  const progress = env.progress ?? null;
  const { summary, partial } = await runSliced(scenario, {
    clockMs: env.clockMs ?? (() => performance.now()),
    timeLimitMs: options.timeLimitMs,
    signal: env.signal,
    onProgress: progress === null ? undefined : (p) => progress.update(formatProgress(p)),
    yieldToEventLoop:
      env.yieldToEventLoop ?? (() => new Promise((resolve) => setImmediate(resolve))),
  });
  progress?.clear();
  const durationMs = scenario.durationMs;
  if (options.json) {
    // Only a partial run has the field: a complete run prints exactly the summary.
    out(JSON.stringify(partial === null ? summary : { ...summary, partial }, null, 2));
  } else {
    out(formatSummary(basename(options.file), summary, partial && { ...partial, durationMs }));
  }
  return partial?.reason === 'interrupted' ? EXIT_INTERRUPTED : 0;
}

/** Progress on a terminal: one line, rewritten in place. */
function terminalProgress(stream: NodeJS.WriteStream): ProgressWriter {
  let shown = false;
  return {
    update(line) {
      shown = true;
      // One line short of the width, so the terminal never wraps it (no width: not cut).
      const width = stream.columns > 0 ? stream.columns - 1 : line.length;
      stream.write(`\r${line.slice(0, width)}\x1b[K`);
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}

// Run as a script (not imported by a test). As URLs, so a path with spaces compares equal.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const controller = new AbortController();
  // Once: a second Ctrl-C ends the process at once, the default way.
  process.once('SIGINT', () => controller.abort());
  main(process.argv.slice(2), undefined, undefined, {
    progress: process.stderr.isTTY ? terminalProgress(process.stderr) : null,
    signal: controller.signal,
  }).then((code) => {
    process.exitCode = code;
  });
}
