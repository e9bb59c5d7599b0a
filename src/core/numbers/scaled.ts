/**
 * Arithmetic that finite inputs cannot push to NaN or infinity by accident.
 *
 * Figures and populations may be anything finite, up to ±1.7e308, so a plain sum of
 * two of them, or a population times a figure, can overflow although the mean or the
 * spread they lead to is an ordinary number. Multiplying by a power of two changes
 * only a double's exponent, never its digits, so dividing every input by the power of
 * two nearest its largest magnitude keeps the arithmetic in range. Weights are always
 * divided so (their shares are the same bits). Figures are divided only when the plain
 * computation overflows: figures more than 1e308 apart would lose the smaller one's
 * digits to underflow, and 1e308 − 1e308 + 1e-10 should stay exactly 1e-10.
 */

/** The largest power of two that is a double: 2^1023. */
const MAX_EXPONENT = 1023;

/** x × 2^exponent, in steps that stay representable (2^1074 itself is not a double). */
export function timesPowerOfTwo(x: number, exponent: number): number {
  let result = x;
  let left = exponent;
  while (left > MAX_EXPONENT) {
    result *= 2 ** MAX_EXPONENT;
    left -= MAX_EXPONENT;
  }
  while (left < -MAX_EXPONENT) {
    result *= 2 ** -MAX_EXPONENT;
    left += MAX_EXPONENT;
  }
  return result * 2 ** left;
}

/**
 * The exponent e with 1 ≤ max |xᵢ| × 2^−e < 2 (0 when every value is 0), so that the
 * values divided by 2^e all lie within (−2, 2).
 */
export function magnitudeExponent(values: Iterable<number>): number {
  let largest = 0;
  for (const value of values) {
    const magnitude = Math.abs(value);
    if (magnitude > largest) largest = magnitude;
  }
  if (largest === 0 || !Number.isFinite(largest)) return 0;
  let exponent = Math.floor(Math.log2(largest));
  // log2 rounds near powers of two (log2 of the largest double is exactly 1024).
  if (timesPowerOfTwo(largest, -exponent) >= 2) exponent++;
  if (timesPowerOfTwo(largest, -exponent) < 1) exponent--;
  return exponent;
}

/** The values divided by the same power of two, so that the largest magnitude is in [1, 2). */
export function normalizeMagnitude(values: readonly number[]): number[] {
  const exponent = magnitudeExponent(values);
  return exponent === 0 ? [...values] : values.map((value) => timesPowerOfTwo(value, -exponent));
}

/**
 * Σ xᵢ; when the plain sum overflows, taken again on the normalized values and scaled
 * back: ±Infinity only when the true sum lies beyond the largest double, never NaN (a
 * plain sum of 1.7e308, 1.7e308 and −1.7e308 overflows on the way; this gives 1.7e308).
 */
export function sumOf(values: readonly number[]): number {
  let plain = 0;
  for (const value of values) plain += value;
  if (Number.isFinite(plain)) return plain;
  const exponent = magnitudeExponent(values);
  let sum = 0;
  for (const value of values) sum += timesPowerOfTwo(value, -exponent);
  return timesPowerOfTwo(sum, exponent);
}

function meanOf(values: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  let total = 0;
  for (let j = 0; j < values.length; j++) {
    sum += weights[j]! * values[j]!;
    total += weights[j]!;
  }
  return sum / total;
}

/**
 * Σ wᵢ xᵢ / Σ wᵢ for one or more weights > 0, on normalized weights (and normalized
 * values when the plain sum overflows): ±Infinity only when the mean itself lies
 * beyond the largest double, never NaN.
 */
export function weightedMeanOf(values: readonly number[], weights: readonly number[]): number {
  const scaledWeights = normalizeMagnitude(weights);
  const plain = meanOf(values, scaledWeights);
  if (Number.isFinite(plain)) return plain;
  const exponent = magnitudeExponent(values);
  return timesPowerOfTwo(meanOf(normalizeMagnitude(values), scaledWeights), exponent);
}

/**
 * A result as the scorer reports it: null unless finite, and 0 rather than −0 (JSON
 * has no −0, so a report must not hold one to read back identical).
 */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value + 0 : null;
}
