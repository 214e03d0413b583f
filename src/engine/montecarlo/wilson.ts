/**
 * The Wilson score interval for a binomial proportion (Wilson 1927): the interval a Monte Carlo
 * report gives for "probability of at least one loss". Unlike the normal approximation p +- z*se
 * it stays inside [0, 1] and is not zero-width at 0 or N successes, which is exactly where a
 * learner's question lands ("0 of 200 seeds lost anything: how sure is that?").
 */

/** z for a two-sided 95 % interval (the 97.5th percentile of the standard normal). */
export const Z95 = 1.959963984540054;

/** A proportion with its interval. */
export interface Interval {
  /** successes / trials. */
  p: number;
  low: number;
  high: number;
}

/** Wilson score interval of `successes` out of `trials` (trials 0: the uninformative [0, 1]). */
export function wilson(successes: number, trials: number, z = Z95): Interval {
  if (trials <= 0) return { p: 0, low: 0, high: 1 };
  if (successes < 0 || successes > trials) throw new Error('successes must be within 0..trials');
  const p = successes / trials;
  const z2 = z * z;
  const denom = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // Clamp the rounding error at the ends: the exact bounds at 0 and n successes are 0 and 1.
  return {
    p,
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === trials ? 1 : Math.min(1, centre + half),
  };
}
