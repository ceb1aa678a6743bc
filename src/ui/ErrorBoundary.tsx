import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * Catches a render error in one part of the page and shows a message with a way to recover,
 * instead of a blank page.
 */
export class ErrorBoundary extends Component<
  { name: string; children: ReactNode; onReset?: () => void },
  { error: Error | null }
> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.warn(`${this.props.name} failed`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <div
        role="alert"
        className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
      >
        <p className="font-semibold">{this.props.name} stopped working.</p>
        <p className="mt-1 break-words">{error.message}</p>
        <button
          type="button"
          className="mt-2 rounded-md border border-red-400 px-2 py-1 text-xs font-medium hover:bg-red-100 dark:hover:bg-red-900"
          onClick={() => {
            this.props.onReset?.();
            this.setState({ error: null });
          }}
        >
          Reset {this.props.name.toLowerCase()}
        </button>
      </div>
    );
  }
}
