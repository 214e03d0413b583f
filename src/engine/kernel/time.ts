/**
 * Virtual time. The whole engine counts integer microseconds from the start of a run; nothing
 * reads a wall clock. Integers keep arithmetic exact, so a replay lands on the same instants.
 */
export type Micros = number;

export const MICROS_PER_MS = 1000;
export const MICROS_PER_SEC = 1_000_000;

/** Milliseconds (possibly fractional, as scenarios write them) to integer microseconds. */
export function fromMs(ms: number): Micros {
  return Math.round(ms * MICROS_PER_MS);
}

export function fromSec(s: number): Micros {
  return Math.round(s * MICROS_PER_SEC);
}

export function toMs(us: Micros): number {
  return us / MICROS_PER_MS;
}

/** `10200000` -> `"10.200 s"`: the form explanations use. */
export function formatSeconds(us: Micros): string {
  return `${(us / MICROS_PER_SEC).toFixed(3)} s`;
}
