import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The Content-Security-Policy of the built site (issue 13.7), as a `<meta>` because GitHub Pages
 * sets no headers: scripts and workers from the site itself only, no inline script, no eval (zod
 * runs jitless, so it never even probes for eval). Styles from the site only too: React and
 * recharts set the charts' inline styles through the CSSOM (`element.style`), which a policy does
 * not govern, and nothing writes a `style` attribute or a `<style>` element (e2e/csp.spec.ts
 * checks every mode under it; `'unsafe-inline'` would be needed only if something did). Images
 * allow `data:`: a chart's PNG is drawn from its SVG as a data URL. A `<meta>` policy cannot set
 * `frame-ancestors`, and the workers, loaded from their own files, get no policy from it (they
 * run only the site's own code).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/**
 * Puts the policy in the built page's `<head>`, right after its charset (before any script or
 * style). Only in the build: the dev server's client and React's refresh preamble are inline
 * scripts that a strict policy would refuse.
 */
function contentSecurityPolicy(): Plugin {
  const charset = '<meta charset="UTF-8" />';
  return {
    name: 'resilient-relay:content-security-policy',
    apply: 'build',
    transformIndexHtml: (html) => {
      if (!html.includes(charset)) throw new Error(`index.html has no ${charset} to follow`);
      const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;
      return html.replace(charset, `${charset}\n    ${meta}`);
    },
  };
}

/**
 * `virtual:guided-titles`: each guided scenario's title by id (its file name), read from
 * `src/scenarios/*.json` at build time. The page lists the scenarios from it and loads a
 * scenario's file only when it is chosen (the files' stories stay out of the initial JavaScript).
 */
function guidedTitles(): Plugin {
  const id = 'virtual:guided-titles';
  const dir = join(import.meta.dirname, 'src/scenarios');
  return {
    name: 'resilient-relay:guided-titles',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(resolved) {
      if (resolved !== `\0${id}`) return undefined;
      const titles: Record<string, string> = {};
      for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
        const path = join(dir, file);
        this.addWatchFile(path);
        const meta = (JSON.parse(readFileSync(path, 'utf8')) as { meta?: { title?: unknown } })
          .meta;
        if (typeof meta?.title !== 'string') throw new Error(`${path} has no meta.title`);
        titles[file.slice(0, -'.json'.length)] = meta.title;
      }
      return `export default ${JSON.stringify(titles)};`;
    },
  };
}

/**
 * Marks the chunks named `names` for eager compilation (V8's explicit compile hint, Chrome 136 and
 * later; other browsers read a comment). V8 otherwise compiles a function on the main thread the
 * first time it runs: the page's first chart drawing compiled 80–105 ms of recharts there, in the
 * middle of one long task (traced); with the hint the chunk is compiled off the main thread while
 * it loads, and the first drawing is 80–100 ms shorter. Only for chunks whose code mostly runs:
 * on the app's own chunks and React's it changed nothing measurable.
 */
export function compileHints(names: readonly string[]): Plugin {
  return {
    name: 'resilient-relay:compile-hints',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && names.includes(chunk.name))
          chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
      }
    },
  };
}

const isLibrary = (id: string) => id.includes('/node_modules/');
/** Recharts and the libraries only it uses. */
const CHART_LIBRARIES =
  /\/node_modules\/(recharts|d3-[a-z-]+|victory-vendor|@reduxjs|redux|redux-thunk|reselect|immer|react-redux|decimal\.js-light|es-toolkit|eventemitter3|internmap|tiny-invariant|clsx)\//;

// A relative base makes the built site work under any sub-path (GitHub Pages serves it at
// /<repository>/), with no rebuild per host.
export default defineConfig({
  base: './',
  plugins: [
    react(),
    tailwindcss(),
    contentSecurityPolicy(),
    guidedTitles(),
    compileHints(['charts-vendor']),
  ],
  worker: { format: 'es' },
  build: {
    // No modulepreload polyfill: ~10 ms of the first module task, for browsers without
    // modulepreload (older than Safari 17), where the hint is only missed, nothing breaks.
    modulePreload: { polyfill: false },
    // Libraries in chunks of their own, cached across deploys of the app's code: what the page
    // needs to start (React, zustand, zod) in one, and recharts with its dependencies in another,
    // loaded with the charts after the first paint (a library in a chunk runs when the chunk
    // loads: in the first chunk, recharts would run before the page could draw).
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'vendor',
              test: (id) => isLibrary(id) && !CHART_LIBRARIES.test(id),
              priority: 20,
            },
            { name: 'charts-vendor', test: CHART_LIBRARIES, priority: 10 },
          ],
        },
      },
    },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['src/test-setup.ts'],
    // Whole runs (a storm is minutes of overload) and whole-page renders take seconds each on a
    // busy 2-core machine: 5 s per test failed there for time alone.
    testTimeout: 30_000,
  },
});
