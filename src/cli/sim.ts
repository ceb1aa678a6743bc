/**
 * `npm run sim -- FILE [--json]`: runs a scenario file headless and prints a readable table, or
 * the run summary as JSON. Exits 1 when the file is missing or invalid, 2 on a usage error.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseScenario, runScenario, ScenarioError } from '../core';
import { formatSummary } from './format-summary';

const USAGE = `Usage: npm run sim -- FILE [--json]

Runs the scenario in FILE (format v1, see README.md) for its durationMs of virtual time.
  --json   print the run summary as JSON instead of a table
  --help   show this help`;

/** Runs the CLI with `args`; returns the exit code. Output goes through `out` and `err`. */
export function main(
  args: string[],
  out: (text: string) => void = (text) => process.stdout.write(`${text}\n`),
  err: (text: string) => void = (text) => process.stderr.write(`${text}\n`),
): number {
  if (args.includes('--help') || args.includes('-h')) {
    out(USAGE);
    return 0;
  }
  const unknown = args.filter((arg) => arg.startsWith('-') && arg !== '--json');
  const files = args.filter((arg) => !arg.startsWith('-'));
  if (unknown.length > 0 || files.length !== 1) {
    err(unknown.length > 0 ? `Unknown option ${unknown[0]}.\n\n${USAGE}` : USAGE);
    return 2;
  }
  const file = files[0]!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : code;
    err(`Cannot read scenario ${file}: ${reason ?? (error as Error).message}`);
    return 1;
  }
  let summary: ReturnType<typeof runScenario>;
  try {
    summary = runScenario(parseScenario(text));
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    err(`Invalid scenario ${file}: ${error.message}`);
    return 1;
  }
  out(
    args.includes('--json')
      ? JSON.stringify(summary, null, 2)
      : formatSummary(basename(file), summary),
  );
  return 0;
}

// Run as a script (not imported by a test). As URLs, so a path with spaces compares equal.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
