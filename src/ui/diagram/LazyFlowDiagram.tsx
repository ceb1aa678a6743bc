import { lazy, Suspense } from 'react';
import { ErrorBoundary } from '../ErrorBoundary';

// The diagram loads just after the page: the page starts without it, within its size budget.
const FlowDiagram = lazy(() => import('./FlowDiagram').then((m) => ({ default: m.FlowDiagram })));

/** The live flow diagram, loaded on first use, in its own error boundary. */
export function FlowDiagramSlot() {
  return (
    <ErrorBoundary name="Flow diagram">
      <Suspense fallback={<div className="min-h-64" />}>
        <FlowDiagram />
      </Suspense>
    </ErrorBoundary>
  );
}
