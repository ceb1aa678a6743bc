import { describe, expect, it } from 'vitest';
import { colourScale, darkTextOn, viridis } from './heatmap-scale';

describe('the heatmap colour scale', () => {
  it('runs viridis from dark purple to yellow, its lightness rising all the way', () => {
    expect(viridis(0)).toBe('#440154');
    expect(viridis(0.5)).toBe('#21918c');
    expect(viridis(1)).toBe('#fde725');
    expect(viridis(-3)).toBe(viridis(0));
    expect(viridis(Number.NaN)).toBe(viridis(0));
    // Perceived lightness rises monotonically: it reads in greyscale and without red–green.
    const lightness = Array.from({ length: 101 }, (_, i) => {
      const hex = viridis(i / 100);
      const [r, g, b] = [1, 3, 5].map((k) => Number.parseInt(hex.slice(k, k + 2), 16));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    });
    for (let i = 1; i < lightness.length; i++)
      expect(lightness[i]).toBeGreaterThan(lightness[i - 1]!);
    // Light text on the dark end, dark text on the bright end.
    expect(darkTextOn(0)).toBe(false);
    expect(darkTextOn(1)).toBe(true);
  });

  it('maps values linearly, or on a log scale for times spanning more than 20×', () => {
    const linear = colourScale([10, 20, 30, Number.NaN], true);
    expect([linear.position(10), linear.position(20), linear.position(30)]).toEqual([0, 0.5, 1]);
    expect(linear.log).toBe(false);
    expect(linear.ticks).toEqual([10, 15, 20, 25, 30]);
    const wide = colourScale([10, 100, 1000], true);
    expect(wide.log).toBe(true);
    expect(wide.position(100)).toBeCloseTo(0.5);
    expect(wide.ticks.map((t) => Math.round(t))).toEqual([10, 32, 100, 316, 1000]);
    // Not for a metric that is not a time, nor with a zero in it.
    expect(colourScale([10, 100, 1000], false).log).toBe(false);
    expect(colourScale([0, 100, 1000], true).log).toBe(false);
    const flat = colourScale([5, 5], false);
    expect(flat.position(5)).toBe(0.5);
    expect(flat.ticks).toEqual([5]);
  });
});
