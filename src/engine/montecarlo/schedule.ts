/**
 * Draws one seed's concrete fault schedule from a fault model. The draws come from the engine's
 * seeded streams (`Streams`), one stream per rule (`montecarlo:rule:<i>`), derived from the seed
 * alone: the same scenario, model and seed always give the same schedule, and changing one rule
 * leaves the other rules' draws where they were. The seed's run is then an ordinary run of the
 * scenario with that seed and that schedule (`seedScenario`), so any seed opens as a normal,
 * steppable run.
 */
import type { Fault, Scenario } from '../../scenario/schema';
import type { FaultModel, FaultRule } from '../../scenario/faultmodel';
import { MAX_PER_RULE, maxOccurrences } from '../../scenario/faultmodel';
import { Streams, type Rng } from '../kernel/prng';

/** Virtual time is whole microseconds: round drawn moments to them so the schedule is exact. */
const toMicroMs = (ms: number): number => Math.round(ms * 1000) / 1000;

function occurrenceTimes(r: FaultRule, rng: Rng): number[] {
  const { fromMs, toMs } = r.window;
  const span = toMs - fromMs;
  const times: number[] = [];
  if (r.ratePerSec !== undefined) {
    // A Poisson process: exponential gaps with mean 1/rate, until the window ends.
    const meanMs = 1000 / r.ratePerSec;
    for (let t = fromMs + rng.exponential(meanMs); t <= toMs && times.length < MAX_PER_RULE;) {
      times.push(t);
      t += rng.exponential(meanMs);
    }
  } else {
    for (let i = 0; i < (r.count ?? 1); i++) times.push(fromMs + rng.float() * span);
    times.sort((a, b) => a - b);
  }
  return times.map(toMicroMs);
}

function recovery(r: FaultRule, rng: Rng): number | undefined {
  const d = r.recoverAfterMs;
  if (d === undefined) return undefined;
  return toMicroMs(d.minMs + rng.float() * (d.maxMs - d.minMs));
}

/** The faults one rule draws in one seed. */
export function drawRule(r: FaultRule, rng: Rng, durationMs: number): Fault[] {
  if (maxOccurrences(r) === 0 || !rng.chance(r.probability)) return [];
  const out: Fault[] = [];
  for (const atMs of occurrenceTimes(r, rng)) {
    const node = rng.pick(r.targets);
    const after = recovery(r, rng);
    const within = (ms: number) => ms <= durationMs;
    switch (r.kind) {
      case 'crash':
      case 'power-loss':
        out.push(
          r.kind === 'crash'
            ? { atMs, type: 'crash', node, when: 'now' }
            : { atMs, type: 'power-loss', node },
        );
        if (after !== undefined && within(atMs + after))
          out.push({ atMs: toMicroMs(atMs + after), type: 'restart', node });
        break;
      case 'pause':
        out.push({ atMs, type: 'pause', node, durationMs: after ?? 1000 });
        break;
      case 'partition': {
        const peers = (r.peers ?? []).filter((p) => p !== node);
        if (peers.length === 0) break;
        const peer = rng.pick(peers);
        out.push({ atMs, type: 'partition', a: node, b: peer, oneWay: false });
        if (after !== undefined && within(atMs + after))
          out.push({ atMs: toMicroMs(atMs + after), type: 'heal', a: node, b: peer });
        break;
      }
      default: {
        const never: never = r.kind;
        throw new Error(`unknown rule kind ${String(never)}`);
      }
    }
  }
  return out;
}

/** The concrete schedule of one seed: the model's fixed faults and every rule's draws, by time. */
export function drawSchedule(s: Scenario, m: FaultModel, seed: number): Fault[] {
  const streams = new Streams(seed >>> 0);
  const faults: Fault[] = [...m.fixed];
  m.rules.forEach((r, i) => {
    faults.push(...drawRule(r, streams.get(`montecarlo:rule:${i}`), s.durationMs));
  });
  // Stable: faults at the same moment keep the order above (fixed first, then rule order).
  return faults
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.atMs - b.f.atMs || a.i - b.i)
    .map((x) => x.f);
}

/** The ordinary scenario one seed runs: its seed and its concrete schedule in place of the faults. */
export function seedScenario(s: Scenario, m: FaultModel, seed: number): Scenario {
  return { ...s, seed: seed >>> 0, faults: drawSchedule(s, m, seed) };
}

/** The seeds a request runs: N consecutive seeds from the scenario's own. */
export function seedsOf(s: Scenario, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (s.seed + i) >>> 0);
}
