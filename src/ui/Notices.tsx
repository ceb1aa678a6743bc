import { selectEngineFailure, selectNotice } from '../store/selectors';
import { useLab, useLabActions } from './store-context';

/** A dismissible message for the person at the controls, and the engine-failure banner. */
export function Notices() {
  const notice = useLab(selectNotice);
  const failure = useLab(selectEngineFailure);
  const { dismissNotice, reset } = useLabActions();
  return (
    <>
      {failure !== null && (
        <div
          role="alert"
          className="flex flex-wrap items-center gap-3 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          <span>
            <strong>The simulation stopped:</strong> {failure}
          </span>
          <button
            type="button"
            onClick={reset}
            className="rounded-md border border-red-400 px-2 py-1 text-xs font-semibold"
          >
            Reset the run
          </button>
        </div>
      )}
      {notice !== null && (
        <div
          role={notice.kind === 'error' ? 'alert' : 'status'}
          className={`flex items-start justify-between gap-3 rounded-lg border px-3 py-2 text-sm ${
            notice.kind === 'error'
              ? 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100'
              : 'border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100'
          }`}
        >
          <span data-testid="notice">{notice.text}</span>
          <button
            type="button"
            onClick={dismissNotice}
            aria-label="Dismiss message"
            className="text-xs font-semibold underline"
          >
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
