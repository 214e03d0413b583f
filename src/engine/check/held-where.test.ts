/**
 * Held messages say where they are at the end of a run (issue 10, item 4): a producer's buffer,
 * the network, a broker (node, queue or partition) or a consumer (prefetched or unacked).
 */
import { describe, expect, it } from 'vitest';
import type { HeldWhere, MsgId } from './history';
import type { RunResult } from '../run';
import { run as runSingle } from '../testing/scenarios';
import { runRabbit } from '../brokers/rabbitmq/testing';
import { describeScenarioError, parseScenario } from '../../scenario/load';
import { runScenario } from '../run';

/** Every held message of every group with its place; fails on a held message without one. */
function places(r: RunResult): Map<MsgId, HeldWhere> {
  const out = new Map<MsgId, HeldWhere>();
  for (const [g, fates] of r.report.fates)
    for (const [m, f] of fates) {
      if (f !== 'stored' && f !== 'in-flight') continue;
      const w = r.record.heldWhere?.get(g)?.get(m);
      expect(w, `group ${g} message ${m} has no place`).toBeDefined();
      if (w) out.set(m, w);
    }
  return out;
}

describe('where held messages are', () => {
  it('single node: a consumer busy on its first message holds the prefetched rest in its buffer; the rest wait in the broker', () => {
    const r = runSingle({
      durationMs: 2000,
      producers: [{ id: 'p1', ratePerSec: 100, messages: 50 }],
      consumers: [{ id: 'c1', prefetch: 5, processingMs: { kind: 'fixed', ms: 60_000 } }],
    });
    const w = [...places(r).values()];
    const consumer = w.filter((x) => x.place === 'consumer');
    const broker = w.filter((x) => x.place === 'broker');
    // 5 prefetched (one being processed, unacked): at c1.
    expect(consumer.length).toBe(5);
    expect(consumer.every((x) => x.node === 'c1')).toBe(true);
    expect(broker.length).toBe(45);
    expect(broker.every((x) => x.node === 'broker-1')).toBe(true);
    const g = r.report.groups[0];
    expect(g?.held?.map((h) => [h.where.place, h.n])).toEqual([
      ['broker', 45],
      ['consumer', 5],
    ]);
  });

  it('RabbitMQ: with no consumer yet, every message is stored on the queue owner, with the queue named', () => {
    const r = runRabbit({
      durationMs: 2000,
      cluster: { nodes: ['rabbit-1', 'rabbit-2'] },
      vhosts: [{ queues: [{ name: 'q', node: 'rabbit-2' }] }],
      publishers: [
        { id: 'p0', node: 'rabbit-1', routingKeys: ['q'], ratePerSec: 50, messages: 20 },
      ],
      consumers: [{ id: 'c0', queue: 'q', startMs: 10_000 }],
    });
    const w = [...places(r).values()];
    expect(w.length).toBe(20);
    expect(w.every((x) => x.place === 'broker' && x.node === 'rabbit-2' && x.queue === 'q')).toBe(
      true,
    );
  });

  it('Kafka: records a producer could not deliver (its partition leader crashed) are in its buffer; stored ones name broker and partition', () => {
    const p = parseScenario({
      version: 1,
      system: 'kafka',
      name: 'held',
      durationMs: 4000,
      producers: [{ id: 'p1', ratePerSec: 50, messages: 150 }],
      consumers: [{ id: 'c1', 'auto.offset.reset': 'earliest' }],
      faults: [
        { atMs: 100, type: 'crash', node: 'c1' },
        { atMs: 1000, type: 'crash', node: 'broker-1' },
      ],
    });
    if (!p.ok) throw new Error(describeScenarioError(p.error));
    const r = runScenario(p.value);
    const w = [...places(r).values()];
    const producer = w.filter((x) => x.place === 'producer');
    const broker = w.filter((x) => x.place === 'broker');
    expect(producer.length).toBeGreaterThan(0);
    expect(producer.every((x) => x.node === 'p1')).toBe(true);
    expect(broker.length).toBeGreaterThan(0);
    expect(broker.every((x) => /^broker-\d$/.test(x.node ?? '') && x.partition !== undefined)).toBe(
      true,
    );
  });
});
