/**
 * Property tests of the RabbitMQ model over random topologies, workloads and fault schedules:
 * every message is accounted for, a seed replays the same trace, and a quorum queue with
 * confirms loses no confirmed message under any single-node failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRabbit } from './testing';
import { rabbitScenarioArb as scenarioArb } from '../../testing/rabbit-arbitrary';

describe('RabbitMQ model properties', () => {
  it('every message is accounted for in every queue it was routed to, under random topologies and faults', () => {
    fc.assert(
      fc.property(scenarioArb, (doc) => {
        const r = runRabbit(doc);
        expect(r.report.messages).toBeGreaterThan(100);
        if (r.report.unaccounted !== 0) {
          const bad = r.report.anomalies.find((a) => a.details.fate === 'unaccounted');
          throw new Error(`unaccounted ${r.report.unaccounted}: ${bad?.reason.en ?? ''}`);
        }
      }),
      { numRuns: 150, seed: 4242 },
    );
  });

  it('the same seed gives the same trace hash; another seed a different one', () => {
    fc.assert(
      fc.property(scenarioArb, (doc) => {
        const a = runRabbit(doc);
        const b = runRabbit(doc);
        expect(b.traceHash).toBe(a.traceHash);
        expect(b.report.counts).toEqual(a.report.counts);
      }),
      { numRuns: 10, seed: 7 },
    );
  });

  it('a quorum queue with confirms loses no confirmed message under any single-node crash, power loss or isolation', () => {
    const fault = fc.record({
      node: fc.constantFrom('rabbit-1', 'rabbit-2', 'rabbit-3'),
      kind: fc.constantFrom('crash', 'power-loss', 'isolate'),
      atMs: fc.integer({ min: 500, max: 4000 }),
      downMs: fc.integer({ min: 200, max: 3000 }),
      publishVia: fc.constantFrom('rabbit-1', 'rabbit-2', 'rabbit-3'),
      seed: fc.integer({ min: 1, max: 100_000 }),
    });
    fc.assert(
      fc.property(fault, (f) => {
        const others = ['rabbit-1', 'rabbit-2', 'rabbit-3'].filter((n) => n !== f.node);
        const r = runRabbit({
          seed: f.seed,
          durationMs: 9000,
          cluster: { nodes: ['rabbit-1', 'rabbit-2', 'rabbit-3'], netTicktimeMs: 1000 },
          vhosts: [
            { queues: [{ name: 'q', node: 'rabbit-1', arguments: { 'x-queue-type': 'quorum' } }] },
          ],
          publishers: [
            {
              id: 'p0',
              node: f.publishVia,
              routingKeys: ['q'],
              ratePerSec: 200,
              messages: 1200,
              confirms: true,
              republishUnconfirmed: true,
              confirmTimeoutMs: 800,
              reconnectDelayMs: 300,
            },
          ],
          consumers: [
            {
              id: 'c0',
              queue: 'q',
              prefetch: 10,
              processingMs: { kind: 'fixed', ms: 2 },
              reconnectDelayMs: 300,
            },
          ],
          faults:
            f.kind === 'isolate'
              ? [
                  { atMs: f.atMs, type: 'split', sides: [[f.node], others] },
                  { atMs: f.atMs + f.downMs, type: 'heal' },
                ]
              : [
                  { atMs: f.atMs, type: f.kind, node: f.node },
                  { atMs: f.atMs + f.downMs, type: 'restart', node: f.node },
                ],
        });
        expect(r.report.unaccounted).toBe(0);
        expect(r.report.counts.lost).toBe(0);
      }),
      { numRuns: 25, seed: 99 },
    );
  });
});
