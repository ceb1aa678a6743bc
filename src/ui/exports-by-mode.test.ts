import { describe, expect, it } from 'vitest';
import { COMPARE_METRICS } from '../core';
import { createTestLab } from '../store/test-lab';
import { EXPORTS_BY_MODE, type ExportLabel, makeExport } from './exports-by-mode';

const choice = (_mode: 'live' | 'compare' | 'sweep', label: ExportLabel) => ({
  make: (state: Parameters<typeof makeExport>[1]) => makeExport(label, state),
});

describe("the Files menu's exports, by mode", () => {
  const { store } = createTestLab({ seed: 6, durationMs: 6000, relay: { workers: 4 } });
  const lab = () => store.getState();

  it('exports no live numbers in compare mode before a comparison ran: it says what to do', async () => {
    lab().setMode('compare');
    const labels = [...EXPORTS_BY_MODE.compare];
    expect(labels.join()).not.toMatch(/summary/);
    for (const label of EXPORTS_BY_MODE.compare) {
      expect(await makeExport(label, lab())).toEqual({
        missing: 'There is no comparison to export yet: press Run comparison first.',
      });
    }
  });

  it('exports the comparison shown: its table, every row, headed by what A and B are', async () => {
    lab().setCompareSetting('relay.workers', 8);
    lab().runCompare();
    const file = await choice('compare', 'Export comparison table (CSV)').make(lab());
    if ('missing' in file) throw new Error(file.missing);
    expect(file.name).toBe('compare-table-seed-6-0.1min.csv');
    const lines = file.text.trimEnd().split('\n');
    expect(lines[0]).toBe('metric,unit,A: 4 workers,B: 8 workers,B - A,better');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(COMPARE_METRICS.map((m) => m.label));
    expect(lines[1]).toMatch(/^Requests,count,(\d+),\1,0,$/); // same traffic on both sides
    const series = await choice('compare', 'Export A and B time series (CSV)').make(lab());
    if ('missing' in series) throw new Error(series.missing);
    expect(series.text.split('\n').filter((l) => l.startsWith('B,'))).toHaveLength(6);
  });

  it('exports the live run in live mode', async () => {
    lab().setMode('live');
    const file = await choice('live', 'Export summary (CSV)').make(lab());
    if ('missing' in file) throw new Error(file.missing);
    expect(file.text.startsWith('metric,value\n')).toBe(true);
  });

  it('exports the sweep shown in sweep mode, a line per run, and says so when none ran', async () => {
    lab().setMode('sweep');
    const csv = choice('sweep', 'Export sweep (CSV, a line per run)');
    expect(await csv.make(lab())).toEqual({
      missing: 'There is no sweep to export yet: run one first.',
    });
    lab().setSweep({ path: 'relay.workers', from: 1, to: 4, steps: 4 });
    lab().runSweep();
    const file = await csv.make(lab());
    if ('missing' in file) throw new Error(file.missing);
    expect(file.name).toBe('sweep-relay.workers-seed-6.csv');
    const lines = file.text.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 4);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(','))
        .every((cells) => cells.length > 3),
    ).toBe(true);
    expect(EXPORTS_BY_MODE.sweep.join()).not.toMatch(/summary/);
  });
});
