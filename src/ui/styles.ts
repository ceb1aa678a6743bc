/** The outlined button of the header (toolbar, run bar, menu summaries). */
export const buttonClass =
  'rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium enabled:hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-600 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-600 dark:enabled:hover:bg-slate-800';
