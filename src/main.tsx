import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { createBatchWorkerHost } from './engine/batch-host';
import { createWorkerHost } from './engine/engine-host';
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

// Files and links are read in a worker of their own: the page never waits on a large one.
const parse = createParseWorkerHost();
const store = createLabStore(
  createWorkerHost(),
  {},
  {
    schedule: nextFrame,
    batch: createBatchWorkerHost(),
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

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LabStoreProvider store={store}>
      <App />
    </LabStoreProvider>
  </StrictMode>,
);
