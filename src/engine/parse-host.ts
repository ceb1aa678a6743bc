/** Where scenario files and links are read: a Web Worker of their own (tests read them inline). */
import type { LinkDataResult, ScenarioResult } from '../core';
import type { ParseCommand, ParseReply } from './parse-runner';

/** Reads what comes from outside the page, off its main thread. */
export interface ParseHost {
  /** A scenario file's text: the scenario, or why it cannot be used. */
  readScenario(text: string): Promise<ScenarioResult>;
  /** A link's decompressed data, of link format `linkVersion`. */
  readLink(json: string, linkVersion: number): Promise<LinkDataResult>;
}

/** The parse runner in its own Web Worker, started on first use. */
export function createParseWorkerHost(): ParseHost {
  let worker: Worker | null = null;
  let lastId = 0;
  const pending = new Map<number, { resolve(reply: ParseReply): void; reject(e: Error): void }>();
  const start = (): Worker => {
    const started = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
    started.onmessage = (event: MessageEvent<ParseReply>) => {
      pending.get(event.data.id)?.resolve(event.data);
      pending.delete(event.data.id);
    };
    started.onerror = (event) => {
      event.preventDefault();
      // The worker failed: what it was reading has no answer; the next request starts another.
      for (const { reject } of pending.values()) reject(new Error(event.message));
      pending.clear();
      started.terminate();
      worker = null;
    };
    return started;
  };
  const ask = (command: DistributiveOmit<ParseCommand, 'id'>) =>
    new Promise<ParseReply>((resolve, reject) => {
      const id = ++lastId;
      pending.set(id, { resolve, reject });
      worker ??= start();
      worker.postMessage({ ...command, id });
    });
  return {
    readScenario: async (text) => {
      const reply = await ask({ type: 'scenario', text });
      return reply.result as ScenarioResult;
    },
    readLink: async (json, linkVersion) => {
      const reply = await ask({ type: 'link', json, linkVersion });
      return reply.result as LinkDataResult;
    },
  };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
