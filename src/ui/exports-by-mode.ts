/**
 * The Files menu's exports, keyed by mode: each mode exports what it shows (issue 11.4). The
 * live run's summary and series in live mode, the comparison's table and series in compare
 * mode, the sweep's runs in sweep mode; a mode with nothing to show yet says so instead of saving
 * another mode's numbers. The labels are here (the menu shows them); what each saves is in
 * `export-makers.ts`, loaded with the first export.
 */
import type { Mode } from '../share/link';
import type { LabState } from '../store/lab-store';

/** A file to save. */
export interface ExportFile {
  name: string;
  text: string;
  type: string;
}

/** Why there is no file to save, in a sentence. */
export interface Missing {
  missing: string;
}

/** Pretty JSON with a final newline. */
export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The exports of each mode, as the Files menu lists them. */
export const EXPORTS_BY_MODE = {
  live: [
    'Export summary (CSV)',
    'Export summary (JSON)',
    'Export time series (CSV)',
    'Export time series (JSON)',
  ],
  compare: [
    'Export comparison table (CSV)',
    'Export comparison (JSON)',
    'Export A and B time series (CSV)',
  ],
  sweep: ['Export sweep (CSV, a line per run)', 'Export sweep (JSON)'],
} as const satisfies Record<Mode, readonly string[]>;

/** The label of one export. */
export type ExportLabel = (typeof EXPORTS_BY_MODE)[Mode][number];

/** The file `label` saves from `state` now, or why there is none. */
export async function makeExport(
  label: ExportLabel,
  state: LabState,
): Promise<ExportFile | Missing> {
  const { MAKERS } = await import('./export-makers');
  return MAKERS[label](state);
}
