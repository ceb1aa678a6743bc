/**
 * The runs of a sweep, in order, and their results as lines. A sweep of one setting is one line
 * (or one per series); a sweep of two settings is a grid whose rows are lines, one per value of
 * the second setting. Each run is the scenario with its line's settings and its value held.
 */
import type { SettablePath } from './settings';
import type { RunSummary } from './summary';
import { type SweepConfig, sweepValues } from './sweep';

/** One value of a sweep and what its run gave; `error` when the value made no valid scenario. */
export interface SweepRow {
  value: number;
  summary: RunSummary | null;
  error: string | null;
}

/** One line of a sweep's result: a series (by its label), or a grid's row (by `y`). */
export interface SweepLine {
  /** The series' label; '' for a sweep without series and for a grid's rows. */
  label: string;
  /** The second setting's value, in a sweep of two settings; otherwise null. */
  y: number | null;
  rows: SweepRow[];
}

/** A sweep's result: the settings it ran with, and its lines in order. */
export interface SweepResult {
  config: SweepConfig;
  lines: SweepLine[];
}

/** One run of a sweep: its line, its value of the swept setting, and every setting it holds. */
export interface SweepRun {
  line: number;
  value: number;
  /** Whose settings these are in an error message: `Sweep`, or `Series "…"`. */
  name: string;
  set: Partial<Record<SettablePath, unknown>>;
}

/** A sweep's lines (without rows yet) and its runs, line by line, each line's values in order. */
export interface SweepPlan {
  lines: Array<Omit<SweepLine, 'rows'>>;
  runs: SweepRun[];
}

/** The runs of `config`, which must be valid (`sweepProblem` null). */
export function planSweep(config: SweepConfig): SweepPlan {
  const { y } = config;
  const lines: Array<Omit<SweepLine, 'rows'> & { name: string; set: SweepRun['set'] }> =
    y !== undefined
      ? sweepValues(y).map((value) => ({
          label: '',
          y: value,
          name: 'Sweep',
          set: { [y.path]: value },
        }))
      : (config.series ?? []).length > 0
        ? config.series!.map(({ label, set }) => ({
            label,
            y: null,
            name: `Series ${JSON.stringify(label)}`,
            set,
          }))
        : [{ label: '', y: null, name: 'Sweep', set: {} }];
  const values = sweepValues(config);
  const runs = lines.flatMap(({ name, set }, line) =>
    values.map((value) => ({ line, value, name, set: { ...set, [config.path]: value } })),
  );
  return { lines: lines.map(({ label, y }) => ({ label, y })), runs };
}

/** The result of `plan` from its runs' rows (in the plan's order). */
export function sweepResult(
  config: SweepConfig,
  plan: SweepPlan,
  rows: readonly SweepRow[],
): SweepResult {
  const lines: SweepLine[] = plan.lines.map((line) => ({ ...line, rows: [] }));
  plan.runs.forEach((run, i) => {
    lines[run.line]!.rows.push(rows[i]!);
  });
  return { config, lines };
}
