/**
 * Seeded randomness. One master seed derives every named stream (`network`, `faults`,
 * `workload`, `node:broker-1` ...), so adding a draw to one stream never shifts another: a change
 * to the workload generator does not change which packets the network drops.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Chaotic PRNG): 128 bits of state,
 * 32-bit integer operations only, identical in every JavaScript engine.
 */
import { fmix32, hashString } from './hash';

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, salt = 0) {
    this.a = fmix32(seed ^ 0x9e3779b9);
    this.b = fmix32(salt ^ 0x243f6a88);
    this.c = fmix32((seed + salt) ^ 0xb7e15162);
    this.d = 1;
    // Discard the first outputs: sfc32 needs a few rounds to mix a low-entropy seed.
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A uniform unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    if (hi <= lo) return lo;
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** True with probability p. p <= 0 never draws, so a zero-probability knob costs nothing. */
  chance(p: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return this.float() < p;
  }

  /** Standard normal via Box-Muller (one value per call; simplicity over speed). */
  normal(): number {
    let u = this.float();
    if (u < 1e-12) u = 1e-12;
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  exponential(mean: number): number {
    let u = this.float();
    if (u < 1e-12) u = 1e-12;
    return -Math.log(u) * mean;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[this.int(0, items.length - 1)] as T;
  }
}

/** Derives named, independent streams from one master seed. */
export class Streams {
  private readonly cache = new Map<string, Rng>();

  constructor(readonly masterSeed: number) {}

  /** The same name always returns the same stream object within a run. */
  get(name: string): Rng {
    let rng = this.cache.get(name);
    if (!rng) {
      rng = new Rng(this.masterSeed >>> 0, hashString(name));
      this.cache.set(name, rng);
    }
    return rng;
  }
}

/**
 * A distribution of durations in microseconds. Scenarios write milliseconds; the scenario layer
 * converts. Samples are rounded to integers and never negative.
 */
export type Dist =
  | { kind: 'fixed'; us: number }
  | { kind: 'uniform'; minUs: number; maxUs: number }
  | { kind: 'normal'; meanUs: number; stdUs: number }
  | { kind: 'exponential'; meanUs: number };

export function sample(rng: Rng, d: Dist): number {
  let v: number;
  switch (d.kind) {
    case 'fixed':
      return Math.max(0, Math.round(d.us));
    case 'uniform':
      v = d.minUs + rng.float() * (d.maxUs - d.minUs);
      break;
    case 'normal':
      v = d.meanUs + rng.normal() * d.stdUs;
      break;
    case 'exponential':
      v = rng.exponential(d.meanUs);
      break;
    default: {
      const never: never = d;
      throw new Error(`unknown distribution ${JSON.stringify(never)}`);
    }
  }
  return Math.max(0, Math.round(v));
}
