/**
 * The heatmap's colours: viridis (perceptually uniform, readable in greyscale and by the common
 * kinds of colour blindness, dark to bright on light and dark pages alike), and the scale that
 * maps a metric's values onto it, logarithmic for times that span more than a factor of 20.
 * @see https://bids.github.io/colormap/ (viridis, by Stéfan van der Walt and Nathaniel Smith)
 */

/** Viridis at 0, 0.1, …, 1 (matplotlib's table, every 25.5th entry). */
const VIRIDIS = [
  [68, 1, 84],
  [72, 36, 117],
  [65, 68, 135],
  [53, 95, 141],
  [42, 120, 142],
  [33, 145, 140],
  [34, 168, 132],
  [68, 191, 112],
  [122, 209, 81],
  [189, 223, 38],
  [253, 231, 37],
] as const;

function rgbAt(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [VIRIDIS[i]!, VIRIDIS[i + 1]!];
  return [0, 1, 2].map((k) => Math.round(a[k]! + (b[k]! - a[k]!) * f)) as [number, number, number];
}

/** The viridis colour at `t` (0..1, clamped) as `#rrggbb`. */
export function viridis(t: number): string {
  return `#${rgbAt(t)
    .map((c) => c.toString(16).padStart(2, '0'))
    .join('')}`;
}

/** Whether text on the colour at `t` should be dark (its relative luminance is high). */
export function darkTextOn(t: number): boolean {
  const [r, g, b] = rgbAt(t).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  // WCAG: dark text (#0f172a) wins over white above a luminance of about 0.18.
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.18;
}

/** Maps a metric's values to 0..1 for colour; `ticks` label the legend. */
export interface ColourScale {
  readonly min: number;
  readonly max: number;
  readonly log: boolean;
  position(value: number): number;
  /** Values at the legend's tick marks, from min to max. */
  readonly ticks: readonly number[];
}

/**
 * A scale over `values` (the finite ones): linear, or logarithmic when `logWhenWide` and they are
 * all positive and span more than a factor of 20. Equal values sit in the middle of the scale.
 */
export function colourScale(values: readonly number[], logWhenWide: boolean): ColourScale {
  const finite = values.filter(Number.isFinite);
  const min = finite.length > 0 ? Math.min(...finite) : 0;
  const max = finite.length > 0 ? Math.max(...finite) : 0;
  const log = logWhenWide && min > 0 && max / min > 20;
  const [lo, hi] = log ? [Math.log(min), Math.log(max)] : [min, max];
  const at = (v: number) => (log ? Math.log(v) : v);
  const from = (u: number) => (log ? Math.exp(u) : u);
  return {
    min,
    max,
    log,
    position: (value) => (hi === lo ? 0.5 : Math.min(1, Math.max(0, (at(value) - lo) / (hi - lo)))),
    ticks: hi === lo ? [min] : [0, 0.25, 0.5, 0.75, 1].map((k) => from(lo + (hi - lo) * k)),
  };
}
