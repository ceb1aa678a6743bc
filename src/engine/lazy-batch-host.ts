/**
 * The batch host the page starts with: the pool's code loads with the first comparison or sweep
 * (most visits run none), and commands sent meanwhile go through in order once it has.
 */
import type { BatchHost } from './batch-host';
import type { BatchCommand, BatchMessage } from './protocol';

export function createLazyBatchHost(): BatchHost {
  let listener: (message: BatchMessage) => void = () => {};
  let host: Promise<BatchHost> | null = null;
  const load = () =>
    (host ??= import('./batch-host').then(({ createBatchWorkerHost }) => {
      const pool = createBatchWorkerHost();
      pool.listen((message) => listener(message));
      return pool;
    }));
  return {
    send: (command: BatchCommand) => {
      void load().then(
        (pool) => pool.send(command),
        (error: unknown) =>
          listener({
            type: 'failed',
            id: command.id,
            message: `The experiments could not start: ${(error as Error).message ?? String(error)}.`,
          }),
      );
    },
    listen: (next) => {
      listener = next;
    },
  };
}
