import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { createWorkerHost } from './engine/engine-host';
import { createLazyBatchHost } from './engine/lazy-batch-host';
import { createParseWorkerHost } from './engine/parse-host';
import { keepAddressInSync, openFromAddress } from './share/address';
import { createLabStore } from './store/lab-store';
import { App } from './ui/App';
import { LabStoreProvider } from './ui/store-context';

/**
 * Engine messages are handled once per animation frame, all together; the timer keeps them
 * flowing when the tab is hidden and frames stop.
 */
function nextFrame(flush: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    flush();
  };
  requestAnimationFrame(run);
  setTimeout(run, 250);
}

/**
 * Ends the current task: the browser paints (the page's title, from index.html) and handles input
 * before the start goes on. The start runs in three tasks (the code, the store, the first
 * render), none of which holds the main thread for long.
 */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

await nextTask();
// Files and links are read in a worker of their own: the page never waits on a large one.
const parse = createParseWorkerHost();
const store = createLabStore(
  createWorkerHost(),
  {},
  {
    schedule: nextFrame,
    batch: createLazyBatchHost(),
    parse,
  },
);
void openFromAddress(store, 'start', parse.readLink);
keepAddressInSync(store);
// A link pasted into the address bar of an open lab opens too (our own rewrites do not fire this).
window.addEventListener('hashchange', () => void openFromAddress(store, 'change', parse.readLink));

declare global {
  interface Window {
    /** The automation hook for Playwright scripts and the curious: the lab's store. */
    resilientRelay: { store: typeof store };
  }
}
window.resilientRelay = { store };

await nextTask();

// The first render as a transition: React builds the page in slices of a few ms, so that no
// task of the page's start holds the main thread for long.
startTransition(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <LabStoreProvider store={store}>
        <App staged />
      </LabStoreProvider>
    </StrictMode>,
  ),
);
