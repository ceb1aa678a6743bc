import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sumOutcomes } from '../core';
import { main } from './sim';

const SCENARIOS = join(import.meta.dirname, '..', 'scenarios');

function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(
    args,
    (t) => out.push(t),
    (t) => err.push(t),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'relay-cli-')), name);
  writeFileSync(path, text);
  return path;
}

describe('npm run sim', () => {
  it.each(readdirSync(SCENARIOS).filter((f) => f.endsWith('.json')))(
    'runs the example %s into a table whose outcomes add up to its requests',
    (file) => {
      const table = cli(join(SCENARIOS, file));
      expect(table.code).toBe(0);
      expect(table.out).toContain(`Resilient Relay: ${file}`);
      const json = cli(join(SCENARIOS, file), '--json');
      const summary = JSON.parse(json.out);
      const o = summary.outcomes;
      expect(sumOutcomes(o)).toBe(summary.requests);
      expect(table.out).toContain(new Intl.NumberFormat('en-US').format(summary.requests));
    },
  );

  it('prints byte-identical JSON for the same file twice', () => {
    const file = join(SCENARIOS, 'steady-flaky.json');
    expect(cli(file, '--json').out).toBe(cli(file, '--json').out);
  });

  it('exits 1 naming the file when it is missing', () => {
    const result = cli('/nonexistent/scenario.json');
    expect(result).toMatchObject({ code: 1, out: '' });
    expect(result.err).toBe('Cannot read scenario /nonexistent/scenario.json: no such file');
  });

  it('exits 1 naming the bad field of an invalid scenario', () => {
    const file = tempFile('bad.json', '{"relay": {"retry": {"jitter": "some"}}}');
    const result = cli(file);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      '`relay.retry.jitter`: expected one of "none", "full", "equal", "decorrelated", got "some"',
    );
  });

  it('exits 1 on a file that is not JSON', () => {
    const result = cli(tempFile('broken.json', '{"seed": 1,'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Invalid scenario .*broken\.json: not valid JSON/);
  });

  it('exits 2 with the usage on a wrong call, 0 on --help', () => {
    expect(cli().code).toBe(2);
    expect(cli('a.json', 'b.json').code).toBe(2);
    expect(cli('a.json', '--fast')).toMatchObject({
      code: 2,
      err: expect.stringContaining('Unknown option --fast'),
    });
    expect(cli('--help')).toMatchObject({
      code: 0,
      out: expect.stringContaining('Usage: npm run sim'),
    });
  });
});
