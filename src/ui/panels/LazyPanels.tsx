import { lazy, Suspense } from 'react';
import { ErrorBoundary } from '../ErrorBoundary';

// Below the charts: they load just after the page, keeping the initial JavaScript in budget.
const DeadLetterPanel = lazy(() =>
  import('./DeadLetterPanel').then((m) => ({ default: m.DeadLetterPanel })),
);
const IdempotencyPanel = lazy(() =>
  import('./IdempotencyPanel').then((m) => ({ default: m.IdempotencyPanel })),
);

/** The dead-letter queue and the idempotency store, side by side on wide screens. */
export function StorePanels() {
  return (
    <div className="grid grid-cols-1 gap-3 xl:grid-cols-[2fr_1fr]">
      <ErrorBoundary name="Dead-letter queue">
        <Suspense fallback={<div className="min-h-40" />}>
          <DeadLetterPanel />
        </Suspense>
      </ErrorBoundary>
      <ErrorBoundary name="Idempotency panel">
        <Suspense fallback={<div className="min-h-40" />}>
          <IdempotencyPanel />
        </Suspense>
      </ErrorBoundary>
    </div>
  );
}
