/** Reference workloads of the single-node model for `npm run bench`. */
import { parseScenario } from '../../scenario/load';
import type { Scenario } from '../../scenario/schema';

export function scenario(doc: unknown): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(`bench scenario invalid: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** Single-node reference workloads: steady traffic, and the same with a crash every 10 s. */
export function singleNodeReferences(quick: boolean): Scenario[] {
  const simMs = quick ? 20_000 : 120_000;
  return [
    scenario({
      version: 1,
      system: 'single-node',
      name: 'single-node-steady',
      seed: 1,
      durationMs: simMs,
      producers: [
        { id: 'p1', ratePerSec: 1000, messages: 10_000_000, keys: 16 },
        { id: 'p2', ratePerSec: 1000, messages: 10_000_000, keys: 16 },
      ],
      consumers: [1, 2, 3, 4].map((i) => ({
        id: `c${i}`,
        prefetch: 20,
        processingMs: { kind: 'uniform', minMs: 1, maxMs: 3 },
      })),
    }),
    scenario({
      version: 1,
      system: 'single-node',
      name: 'single-node-faults',
      seed: 2,
      durationMs: simMs,
      producers: [
        { id: 'p1', ratePerSec: 2000, messages: 10_000_000, keys: 16, confirmTimeoutMs: 500 },
      ],
      consumers: [1, 2].map((i) => ({
        id: `c${i}`,
        prefetch: 50,
        processingMs: { kind: 'fixed', ms: 0.5 },
      })),
      faults: Array.from({ length: Math.floor(simMs / 10_000) }, (_, i) => [
        { atMs: i * 10_000 + 3000, type: 'crash', node: 'broker-1' },
        { atMs: i * 10_000 + 3500, type: 'restart', node: 'broker-1' },
        { atMs: i * 10_000 + 6000, type: 'crash', node: `c${(i % 2) + 1}`, when: 'after-process' },
        { atMs: i * 10_000 + 6500, type: 'restart', node: `c${(i % 2) + 1}` },
      ]).flat(),
    }),
  ];
}
