/**
 * Numbers as text, the way `Intl.NumberFormat('en-US')` writes them (thousands separators, at
 * most `maxFraction` decimals, the shortest decimal of the number rounded half away from zero),
 * without Intl: the first `Intl.NumberFormat` or `toLocaleString` of a page loads the browser's
 * locale data, a main-thread task of tens of ms (60 ms measured on these machines) in the middle
 * of a page's start or of a run. A test checks it against Intl on many values.
 */

/** Beyond these JavaScript writes numbers with an exponent; Intl (which they are left to) does not. */
const LARGEST_PLAIN = 1e21;
const SMALLEST_PLAIN = 1e-6;

/** Adds one to the last digit of a string of digits, carrying. */
function increment(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return `1${'0'.repeat(digits.length)}`;
  return `${digits.slice(0, i)}${Number(digits[i]) + 1}${'0'.repeat(digits.length - i - 1)}`;
}

/** `value` with thousands separators and from `minFraction` to `maxFraction` (≤ 3) decimals. */
export function groupedNumber(value: number, maxFraction = 3, minFraction = 0): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  const abs = Math.abs(value);
  if (abs >= LARGEST_PLAIN || maxFraction > 3) {
    return new Intl.NumberFormat('en-US', {
      maximumFractionDigits: maxFraction,
      minimumFractionDigits: minFraction,
    }).format(value);
  }
  // The shortest decimal that reads back as `value` (what Intl rounds), cut to `maxFraction`
  // decimals, half away from zero.
  let [whole = '0', fraction = ''] = abs < SMALLEST_PLAIN ? ['0'] : String(abs).split('.');
  if (fraction.length > maxFraction) {
    const up = fraction.charCodeAt(maxFraction) >= 53; // '5'
    fraction = fraction.slice(0, maxFraction);
    if (up) {
      const digits = increment(whole + fraction);
      whole = digits.slice(0, digits.length - maxFraction);
      fraction = digits.slice(digits.length - maxFraction);
    }
  }
  fraction = fraction.padEnd(minFraction, '0');
  let kept = fraction.length;
  while (kept > minFraction && fraction[kept - 1] === '0') kept--;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  return `${sign}${grouped}${kept > 0 ? `.${fraction.slice(0, kept)}` : ''}`;
}
