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

/** The import statements of `file`, each on one line, as "path: statement". */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s[^;]*;/gm)].map(
    (m) => `${relative(SRC, file)}: ${m[0].replace(/\s+/g, ' ')}`,
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

  it('lets src/ui import only types from src/core', () => {
    const valueImportFromCore = /: import (?!type\b)[^;]*from ['"](\.\.\/)+core(\/[^'"]*)?['"]/;
    const files = sourceFiles(join(SRC, 'ui'));
    expect(files.length).toBeGreaterThan(10);
    const imports = files.flatMap(importsOf);
    expect(imports.some((line) => line.includes('import type') && line.includes("/core'"))).toBe(
      true,
    );
    expect(imports.filter((line) => valueImportFromCore.test(line))).toEqual([]);
  });

  it('keeps dependencies one way: core never imports store or ui, store never imports ui', () => {
    const from = (layer: string) => new RegExp(`from ['"](\\.\\./)+${layer}(/|['"])`);
    const core = sourceFiles(join(SRC, 'core')).flatMap(importsOf);
    const store = sourceFiles(join(SRC, 'store')).flatMap(importsOf);
    expect(core.filter((line) => from('store').test(line) || from('ui').test(line))).toEqual([]);
    expect(store.filter((line) => from('ui').test(line))).toEqual([]);
  });
});
