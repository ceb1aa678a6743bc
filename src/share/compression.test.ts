import { deflateRawSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deflateToUrl,
  InflatedTooLargeError,
  inflateFromUrl,
  MAX_INFLATED_BYTES,
} from './compression';

/** Text of every kind: any code unit (lone surrogates too) and any length modulo 3 in bytes. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 3000 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);

describe('compression', () => {
  it('writes what Node reads: base64url without padding, of raw deflate', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const encoded = await deflateToUrl(text);
        expect(encoded).toMatch(/^[A-Za-z0-9_-]*$/);
        const bytes = Buffer.from(encoded, 'base64url');
        expect(bytes.toString('base64url')).toBe(encoded);
        expect(inflateRawSync(bytes).toString('utf8')).toBe(Buffer.from(text).toString('utf8'));
      }),
      { numRuns: 200 },
    );
  });

  it('reads what Node writes, and round-trips its own', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        // `Buffer.from` and `TextEncoder` both write a lone surrogate as U+FFFD.
        const expected = Buffer.from(text).toString('utf8');
        const fromNode = deflateRawSync(text).toString('base64url');
        expect(await inflateFromUrl(fromNode)).toBe(expected);
        expect(await inflateFromUrl(await deflateToUrl(text))).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses what is not base64url before inflating it', async () => {
    // One character left over (a length of 4n + 1), padding, the other alphabet, non-ASCII.
    for (const bad of ['A', 'ABCDE', 'AB=C', 'AB==', 'AB+C', 'AB/C', 'AB C', 'é', 'ABC\u0141']) {
      await expect(inflateFromUrl(bad)).rejects.toThrow('not base64url');
    }
  });

  it(`inflates up to ${MAX_INFLATED_BYTES} bytes and refuses one more`, async () => {
    const most = 'x'.repeat(MAX_INFLATED_BYTES);
    expect((await inflateFromUrl(await deflateToUrl(most))).length).toBe(MAX_INFLATED_BYTES);
    await expect(inflateFromUrl(await deflateToUrl(`${most}x`))).rejects.toBeInstanceOf(
      InflatedTooLargeError,
    );
    // A link of 87 kB that would inflate to 64 MiB stops at the limit.
    const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    expect(bomb.toString('base64url').length).toBeLessThan(100_000);
    await expect(inflateFromUrl(bomb.toString('base64url'))).rejects.toBeInstanceOf(
      InflatedTooLargeError,
    );
  });
});
