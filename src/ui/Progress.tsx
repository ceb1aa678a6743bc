/** A labelled progress bar with a cancel button. */
export function Progress(props: { label: string; value: number; onCancel: () => void }) {
  const percent = Math.round(Math.min(1, Math.max(0, props.value)) * 100);
  return (
    <div className="flex items-center gap-3">
      <div
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 w-48 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
      >
        <div className="h-full bg-teal-600 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <span className="text-xs tabular-nums">
        {props.label}: {percent}%
      </span>
      <button type="button" onClick={props.onCancel} className="text-xs font-semibold underline">
        Cancel
      </button>
    </div>
  );
}
