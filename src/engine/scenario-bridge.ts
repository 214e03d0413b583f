/**
 * Converts the scenario's human units (milliseconds) into the engine's (integer microseconds).
 */
import type { DistMs } from '../scenario/schema';
import type { LinkSpec } from './kernel/network';
import type { Dist } from './kernel/prng';
import { fromMs } from './kernel/time';

export function distFromMs(d: DistMs): Dist {
  switch (d.kind) {
    case 'fixed':
      return { kind: 'fixed', us: fromMs(d.ms) };
    case 'uniform':
      return { kind: 'uniform', minUs: fromMs(d.minMs), maxUs: fromMs(d.maxMs) };
    case 'normal':
      return { kind: 'normal', meanUs: fromMs(d.meanMs), stdUs: fromMs(d.stdMs) };
    case 'exponential':
      return { kind: 'exponential', meanUs: fromMs(d.meanMs) };
    default: {
      const never: never = d;
      throw new Error(`unknown distribution ${JSON.stringify(never)}`);
    }
  }
}

interface NetworkInput {
  latency: DistMs;
  lossRate: number;
  links: readonly {
    from: string;
    to: string;
    latency?: DistMs | undefined;
    lossRate?: number | undefined;
    bothWays: boolean;
  }[];
}

export function linkSpecs(n: NetworkInput): {
  defaults: LinkSpec;
  overrides: { from: string; to: string; spec: LinkSpec }[];
} {
  const defaults: LinkSpec = { latency: distFromMs(n.latency), lossRate: n.lossRate };
  const overrides: { from: string; to: string; spec: LinkSpec }[] = [];
  for (const l of n.links) {
    const spec: LinkSpec = {
      latency: l.latency ? distFromMs(l.latency) : defaults.latency,
      lossRate: l.lossRate ?? defaults.lossRate,
    };
    overrides.push({ from: l.from, to: l.to, spec });
    if (l.bothWays) overrides.push({ from: l.to, to: l.from, spec });
  }
  return { defaults, overrides };
}
