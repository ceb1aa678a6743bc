/**
 * The layers' one-way dependencies (ui → store → core), enforced: the core never reaches a
 * framework, the DOM, the wall clock or Math.random; the UI imports only types from the core.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = import.meta.dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => !path.endsWith('test-arbitraries.ts'));
}

/** Lines of `file` that match `pattern`, as "path:line: text". */
function offending(file: string, pattern: RegExp): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) =>
      pattern.test(line) ? [`${relative(SRC, file)}:${i + 1}: ${line.trim()}`] : [],
    );
}

describe('architecture', () => {
  it('keeps src/core framework-free and deterministic', () => {
    const forbidden =
      /from ['"](react|react-dom|zustand|recharts)['"/]|Math\.random|Date\.now|performance\.now|setTimeout|setInterval|requestAnimationFrame|\bwindow\.|\bdocument\./;
    const files = sourceFiles(join(SRC, 'core'));
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap((file) => offending(file, forbidden))).toEqual([]);
  });
});
