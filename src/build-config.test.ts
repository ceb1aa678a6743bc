import type { OutputBundle, OutputChunk } from 'rolldown';
import { describe, expect, it } from 'vitest';
import { compileHints } from '../vite.config';

const chunk = (name: string, code: string) =>
  ({ type: 'chunk', name, fileName: `assets/${name}-abc.js`, code }) as OutputChunk;

describe('compileHints', () => {
  it("puts V8's eager-compile comment on the first line of the named chunks only", () => {
    const bundle = {
      a: chunk('charts-vendor', 'import"./x.js";var a=1;'),
      b: chunk('vendor', 'var b=2;'),
      c: { type: 'asset', name: 'charts-vendor', fileName: 'x.css', source: 'a{}' },
    } as unknown as OutputBundle;
    const hook = compileHints(['charts-vendor']).generateBundle as (
      options: unknown,
      bundle: OutputBundle,
    ) => void;
    hook.call({}, {}, bundle);
    expect((bundle.a as OutputChunk).code).toBe(
      '//# allFunctionsCalledOnLoad\nimport"./x.js";var a=1;',
    );
    expect((bundle.b as OutputChunk).code).toBe('var b=2;');
    expect(bundle.c).not.toHaveProperty('code');
  });
});
