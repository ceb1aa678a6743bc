/**
 * The layers' one-way dependencies, enforced: ui → store → engine → core, share beside the store.
 * The core never reaches a framework, the DOM, the wall clock or Math.random; the engine (what
 * runs in a worker) imports only the core; the store takes only types from the engine (the page
 * hands it the hosts); the UI imports no core and no engine; test-only modules stay out of the
 * production graph; and no module imports itself back through others.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = import.meta.dirname;
/** Modules only tests import. */
const TEST_ONLY = ['core/test-arbitraries.ts', 'engine/inline-hosts.ts', 'store/test-lab.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => !TEST_ONLY.includes(relative(SRC, path)));
}

/** Lines of `file` that match `pattern`, as "path:line: text". */
function offending(file: string, pattern: RegExp): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) =>
      pattern.test(line) ? [`${relative(SRC, file)}:${i + 1}: ${line.trim()}`] : [],
    );
}

interface Import {
  from: string;
  /** The imported module, relative to src (e.g. `core/index.ts`), or the package name. */
  to: string;
  typeOnly: boolean;
  text: string;
}

function resolveModule(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  const base = resolve(dirname(file), specifier);
  const found = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base].find(
    (candidate) => /\.(tsx?|json)$/.test(candidate) && existsSync(candidate),
  );
  return relative(SRC, found ?? base);
}

/** True for `type { A }`, `{ type A, type B }` and `type A`: nothing but types. */
function onlyTypes(clause: string): boolean {
  const text = clause.trim();
  if (/^type\s/.test(text)) return true;
  const names = /^\{([^}]*)\}$/.exec(text)?.[1];
  if (names === undefined) return false;
  const specifiers = names
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return specifiers.length > 0 && specifiers.every((s) => s.startsWith('type '));
}

/** The import and re-export statements of `file`. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s([^;]*?)\sfrom\s['"]([^'"]+)['"];/gms)].map(
    (m) => ({
      from: relative(SRC, file),
      to: resolveModule(file, m[2]!),
      typeOnly: onlyTypes(m[1]!),
      text: `${relative(SRC, file)}: ${m[0].replace(/\s+/g, ' ')}`,
    }),
  );
}

const layer = (module: string) => module.split('/')[0]!;
const all = sourceFiles(SRC).flatMap(importsOf);
const internal = all.filter((i) => /\.(tsx?|json)$/.test(i.to));

describe('architecture', () => {
  it('keeps src/core framework-free and deterministic', () => {
    const forbidden =
      /from ['"](react|react-dom|zustand|recharts)['"/]|Math\.random|Date\.now|performance\.now|setTimeout|setInterval|requestAnimationFrame|\bwindow\.|\bdocument\./;
    const files = sourceFiles(join(SRC, 'core'));
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap((file) => offending(file, forbidden))).toEqual([]);
  });

  it('reads every import (the checks below see them all)', () => {
    expect(internal.length).toBeGreaterThan(100);
    expect(internal.some((i) => i.typeOnly)).toBe(true);
    expect(internal.filter((i) => i.to.includes('..'))).toEqual([]);
  });

  it('lets the core import only the core', () => {
    const core = internal.filter((i) => layer(i.from) === 'core');
    expect(core.filter((i) => layer(i.to) !== 'core').map((i) => i.text)).toEqual([]);
  });

  it('lets the engine (what runs in a worker) import only the engine and the core', () => {
    const engine = internal.filter((i) => layer(i.from) === 'engine');
    expect(engine.length).toBeGreaterThan(5);
    expect(
      engine.filter((i) => !['engine', 'core'].includes(layer(i.to))).map((i) => i.text),
    ).toEqual([]);
  });

  it('lets the store take only types from the engine, and nothing from the UI', () => {
    const store = internal.filter((i) => layer(i.from) === 'store');
    expect(store.filter((i) => layer(i.to) === 'engine' && !i.typeOnly).map((i) => i.text)).toEqual(
      [],
    );
    expect(store.filter((i) => layer(i.to) === 'ui').map((i) => i.text)).toEqual([]);
  });

  it('lets share (links, files, presets) import the core and store types only', () => {
    const share = internal.filter((i) => layer(i.from) === 'share');
    expect(
      share
        .filter((i) => !['share', 'core', 'scenarios'].includes(layer(i.to)))
        .filter((i) => !(layer(i.to) === 'store' && i.typeOnly))
        .map((i) => i.text),
    ).toEqual([]);
  });

  it('lets the UI import no core and no engine: values and types come through the store', () => {
    const ui = internal.filter((i) => layer(i.from) === 'ui');
    expect(ui.length).toBeGreaterThan(30);
    expect(ui.filter((i) => layer(i.to) === 'core' && !i.typeOnly).map((i) => i.text)).toEqual([]);
    expect(ui.filter((i) => layer(i.to) === 'engine').map((i) => i.text)).toEqual([]);
  });

  it('keeps test-only modules out of every production module', () => {
    expect(internal.filter((i) => TEST_ONLY.includes(i.to)).map((i) => i.text)).toEqual([]);
  });

  it('has no import circle that runs (type-only imports are erased)', () => {
    const edges = new Map<string, string[]>();
    for (const i of internal.filter((i) => !i.typeOnly)) {
      edges.set(i.from, [...(edges.get(i.from) ?? []), i.to]);
    }
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (module: string, path: string[]) => {
      if (state.get(module) === 'done') return;
      if (state.get(module) === 'open') {
        circles.push([...path.slice(path.indexOf(module)), module].join(' → '));
        return;
      }
      state.set(module, 'open');
      for (const next of edges.get(module) ?? []) visit(next, [...path, module]);
      state.set(module, 'done');
    };
    for (const module of edges.keys()) visit(module, []);
    expect(circles).toEqual([]);
  });
});
