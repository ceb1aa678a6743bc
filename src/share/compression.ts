/**
 * Text ⇄ compressed, URL-safe text with the platform's own deflate (CompressionStream, in every
 * current browser and in Node 20): no dependency, and garbage input fails cleanly instead of
 * expanding without bound, which a link reader must guarantee.
 */

/** Largest text a decompression may produce, in bytes; beyond it the input is refused. */
export const MAX_INFLATED_BYTES = 4 * 1024 * 1024;

/** Thrown by `inflateFromUrl` when the text would exceed `MAX_INFLATED_BYTES`. */
export class InflatedTooLargeError extends Error {
  constructor() {
    super(`the text is over ${MAX_INFLATED_BYTES} bytes`);
    this.name = 'InflatedTooLargeError';
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Deflates `text` into base64url. */
export async function deflateToUrl(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

/** Inflates base64url made by `deflateToUrl`; throws on anything else or on too much output. */
export async function inflateFromUrl(encoded: string): Promise<string> {
  const input = new Blob([fromBase64Url(encoded) as Uint8Array<ArrayBuffer>]).stream();
  const reader = input.pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_INFLATED_BYTES) {
      await reader.cancel();
      throw new InflatedTooLargeError();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
