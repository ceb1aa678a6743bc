import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario, sumOutcomes } from '../core';
import { type CliEnvironment, main } from './sim';

const SCENARIOS = join(import.meta.dirname, '..', 'scenarios');

/** Runs the CLI with `args` in `env`; resolves to its exit code and output. */
async function cliIn(env: CliEnvironment, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    args,
    (t) => out.push(t),
    (t) => err.push(t),
    env,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const cli = (...args: string[]) => cliIn({}, ...args);

/** A wall clock that moves `stepMs` each time it is read. */
function fakeClock(stepMs: number) {
  let nowMs = 0;
  return () => (nowMs += stepMs);
}

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'relay-cli-')), name);
  writeFileSync(path, text);
  return path;
}

describe('npm run sim', () => {
  it.each(readdirSync(SCENARIOS).filter((f) => f.endsWith('.json')))(
    'runs the example %s into a table whose outcomes add up to its requests',
    async (file) => {
      const table = await cli(join(SCENARIOS, file));
      expect(table.code).toBe(0);
      expect(table.out).toContain(`Resilient Relay: ${file}`);
      expect(table.out).not.toContain('PARTIAL');
      const json = await cli(join(SCENARIOS, file), '--json');
      // issue 13.3: run in slices, a complete run prints exactly what runScenario gives.
      const text = readFileSync(join(SCENARIOS, file), 'utf8');
      expect(json.out).toBe(JSON.stringify(runScenario(parseScenario(text)), null, 2));
      const summary = JSON.parse(json.out);
      const o = summary.outcomes;
      expect(sumOutcomes(o)).toBe(summary.requests);
      expect(table.out).toContain(new Intl.NumberFormat('en-US').format(summary.requests));
    },
  );

  it('prints byte-identical JSON for the same file twice', async () => {
    const file = join(SCENARIOS, 'steady-flaky.json');
    expect((await cli(file, '--json')).out).toBe((await cli(file, '--json')).out);
  });

  it('exits 1 naming the file when it is missing', async () => {
    const result = await cli('/nonexistent/scenario.json');
    expect(result).toMatchObject({ code: 1, out: '' });
    expect(result.err).toBe('Cannot read scenario /nonexistent/scenario.json: no such file');
  });

  it('exits 1 naming the bad field of an invalid scenario', async () => {
    const file = tempFile('bad.json', '{"relay": {"retry": {"jitter": "some"}}}');
    const result = await cli(file);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      '`relay.retry.jitter`: expected one of "none", "full", "equal", "decorrelated", got "some"',
    );
  });

  it('exits 1 on a file that is not JSON', async () => {
    const result = await cli(tempFile('broken.json', '{"seed": 1,'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Invalid scenario .*broken\.json: not valid JSON/);
  });

  it('exits 2 with the usage on a wrong call, 0 on --help', async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli('a.json', 'b.json')).code).toBe(2);
    expect(await cli('a.json', '--fast')).toMatchObject({
      code: 2,
      err: expect.stringContaining('Unknown option --fast'),
    });
    expect(await cli('--help')).toMatchObject({
      code: 0,
      out: expect.stringContaining('Usage: npm run sim'),
    });
  });
});

describe('issue 13.4: a hostile file gets a short message, never a stack trace', () => {
  it.each([
    ['nested 5,000 deep', `{"seed": ${'['.repeat(5000)}${']'.repeat(5000)}}`, /`seed\[0\]/],
    ['a 3.9 MB unknown key', JSON.stringify({ ['k'.repeat(3_900_000)]: 1 }), /unknown field/],
    ['a 1 MB value', JSON.stringify({ seed: 'v'.repeat(1_000_000) }), /got "v+\.\.\.$/],
  ])('exits 1 on a file %s', async (_, text, message) => {
    const result = await cli(tempFile('hostile.json', text));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(message);
    expect(result.err.length).toBeLessThan(400);
  });
});

describe('issue 13.3: long runs give a sign of life', () => {
  const file = join(SCENARIOS, 'steady-flaky.json');
  const durationMs = parseScenario(readFileSync(file, 'utf8')).durationMs;

  it('stops at a time limit of 0 s with the summary marked partial, in the table', async () => {
    const result = await cli(file, '--time-limit', '0');
    expect(result.code).toBe(0);
    const [title, mark] = result.out.split('\n');
    expect(title).toContain('0.0 s of virtual time');
    expect(mark).toBe(
      `PARTIAL: stopped at 0:00:00 of 0:${String(durationMs / 60_000).padStart(2, '0')}:00 virtual time (time limit)`,
    );
  });

  it('marks a partial JSON summary with a top-level partial field, only then', async () => {
    const partial = JSON.parse((await cli(file, '--json', '--time-limit=0')).out);
    expect(partial.partial).toEqual({ reason: 'time limit', atMs: 0 });
    expect(partial.requests).toBe(0);
    const complete = JSON.parse((await cli(file, '--json', '--time-limit', '3600')).out);
    expect(complete).not.toHaveProperty('partial');
    expect(complete.durationMs).toBe(durationMs);
  });

  it('stops at the time limit part way, with what it simulated so far', async () => {
    // Each clock read moves 400 ms of wall time: the 2 s limit comes after a few slices.
    const result = await cliIn({ clockMs: fakeClock(400) }, file, '--json', '--time-limit', '2');
    const summary = JSON.parse(result.out);
    expect(result.code).toBe(0);
    expect(summary.partial.reason).toBe('time limit');
    expect(summary.partial.atMs).toBeGreaterThan(0);
    expect(summary.partial.atMs).toBeLessThan(durationMs);
    expect(summary.durationMs).toBe(summary.partial.atMs);
    expect(summary.requests).toBeGreaterThan(0);
  });

  it('writes progress lines to an injected writer, at most 4 a second, and clears them', async () => {
    let wallMs = 0;
    const clockMs = () => (wallMs += 20); // 20 ms a read: slices stay at 5 s of virtual time
    const lines: string[] = [];
    const writtenAtMs: number[] = [];
    let cleared = 0;
    const progress = {
      update: (line: string) => {
        lines.push(line);
        writtenAtMs.push(wallMs);
      },
      clear: () => cleared++,
    };
    const result = await cliIn({ progress, clockMs }, file, '--json');
    expect(result.code).toBe(0);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect(line).toMatch(
        /^sim: \d+:\d\d:\d\d(\.\d)? of 0:10:00 virtual time \(\d+%\), [\d,]+ requests, \d+\.\d s wall$/,
      );
    }
    expect(writtenAtMs.slice(1).filter((t, i) => t - writtenAtMs[i]! < 250)).toEqual([]);
    expect(cleared).toBe(1);
    expect(JSON.parse(result.out)).not.toHaveProperty('partial');
  });

  it('prints the partial summary marked "interrupted" and exits 130 when the signal aborts', async () => {
    const controller = new AbortController();
    let turns = 0;
    // The "Ctrl-C" arrives while the run yields to the event loop for the second time.
    const yieldToEventLoop = async () => {
      if (++turns === 2) controller.abort();
    };
    const env = { signal: controller.signal, clockMs: fakeClock(30), yieldToEventLoop };
    const json = await cliIn(env, file, '--json');
    expect(json.code).toBe(130);
    const summary = JSON.parse(json.out);
    expect(summary.partial.reason).toBe('interrupted');
    expect(summary.partial.atMs).toBeGreaterThan(0);
    expect(summary.partial.atMs).toBeLessThan(durationMs);
    const table = await cliIn({ signal: AbortSignal.abort() }, file);
    expect(table.code).toBe(130);
    expect(table.out).toContain('PARTIAL: stopped at 0:00:00 of ');
    expect(table.out).toContain('virtual time (interrupted)');
  });

  it.each([['abc'], ['-1'], [''], ['Infinity']])('exits 2 on --time-limit %j', async (value) => {
    const result = await cli(file, '--time-limit', value);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--time-limit expects a number of seconds ≥ 0');
  });

  it('exits 2 on --time-limit without a value', async () => {
    expect((await cli(file, '--time-limit')).code).toBe(2);
  });
});
