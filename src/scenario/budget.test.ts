import { describe, expect, it } from 'vitest';
import { kafkaReferences } from '../cli/bench/kafka';
import { rabbitmqReferences } from '../cli/bench/rabbitmq';
import { singleNodeReferences } from '../cli/bench/single-node';
import { Run } from '../engine/run';
import { estimateWork, MAX_EVENTS, MAX_MESSAGES } from './budget';
import { parseScenario, type FieldIssue } from './load';
import { PRESET_DOCUMENTS } from './presets';

function issuesOf(doc: unknown): FieldIssue[] {
  const r = parseScenario(doc);
  if (r.ok) return [];
  if (r.error.kind !== 'invalid') throw new Error(`unexpected ${r.error.kind}`);
  return r.error.issues;
}

/** A small valid scenario of `system`, with `extra` fields on top. */
const factory =
  (system: string, topology: Record<string, unknown>) => (extra: Record<string, unknown>) => ({
    version: 1,
    system,
    name: 'budget',
    durationMs: 10_000,
    ...topology,
    ...extra,
  });
const clients = { producers: [{ id: 'p1' }], consumers: [{ id: 'c1' }] };
const single = factory('single-node', clients);
const kafka = factory('kafka', clients);
const rabbit = factory('rabbitmq', {
  vhosts: [{ queues: [{ name: 'q' }] }],
  publishers: [{ id: 'p1', routingKeys: ['q'] }],
  consumers: [{ id: 'c1', queue: 'q' }],
});

describe('resource budget', () => {
  it('accepts every preset, and each preset runs within its estimate', () => {
    for (const doc of PRESET_DOCUMENTS) {
      const r = parseScenario(doc);
      expect(r.ok, JSON.stringify(r.ok ? null : r.error)).toBe(true);
      if (!r.ok) continue;
      const w = estimateWork(r.value);
      expect(w.events).toBeLessThanOrEqual(MAX_EVENTS);
      const run = new Run(r.value, { record: false });
      run.advanceTo(run.endUs);
      expect(run.sim.eventsFired, r.value.name).toBeLessThanOrEqual(w.events);
    }
  });

  it('accepts every benchmark workload, full length and quick', () => {
    for (const quick of [false, true]) {
      // Each reference function validates its scenario and throws if it is refused.
      const refs = [
        ...singleNodeReferences(quick),
        ...kafkaReferences(quick),
        ...rabbitmqReferences(quick),
      ];
      expect(refs).toHaveLength(4);
      for (const s of refs) {
        const w = estimateWork(s);
        expect(w.events, s.name).toBeLessThanOrEqual(MAX_EVENTS);
        expect(w.messages, s.name).toBeLessThanOrEqual(MAX_MESSAGES);
      }
    }
  });

  it('the estimate bounds the events of the quick benchmark workloads', () => {
    for (const s of [...singleNodeReferences(true), ...kafkaReferences(true)]) {
      const run = new Run({ ...s, durationMs: 20_000 }, { record: false });
      run.advanceTo(run.endUs);
      expect(run.sim.eventsFired, s.name).toBeLessThanOrEqual(
        estimateWork({ ...s, durationMs: 20_000 }).events,
      );
    }
  });

  it.each([
    ['broker.syncIntervalMs', single({ broker: { syncIntervalMs: 0 } })],
    ['broker.syncIntervalMs', single({ broker: { syncIntervalMs: 5e-324 } })],
    ['producers.0.confirmTimeoutMs', single({ producers: [{ id: 'p1', confirmTimeoutMs: 0 }] })],
    ['producers.0.reconnectDelayMs', single({ producers: [{ id: 'p1', reconnectDelayMs: 0 }] })],
    ['consumers.0.heartbeatMs', single({ consumers: [{ id: 'c1', heartbeatMs: 10 }] })],
    [
      'consumers.0.heartbeat.interval.ms',
      kafka({ consumers: [{ id: 'c1', 'heartbeat.interval.ms': 0 }] }),
    ],
    ['consumers.0.fetch.max.wait.ms', kafka({ consumers: [{ id: 'c1', 'fetch.max.wait.ms': 0 }] })],
    ['topic.flush.ms', kafka({ topic: { 'flush.ms': 0 } })],
    [
      'topic.log.retention.check.interval.ms',
      kafka({ topic: { 'log.retention.check.interval.ms': 0 } }),
    ],
    ['topic.replica.fetch.wait.max.ms', kafka({ topic: { 'replica.fetch.wait.max.ms': 0 } })],
    [
      'controller.broker.heartbeat.interval.ms',
      kafka({ controller: { 'broker.heartbeat.interval.ms': 0 } }),
    ],
    ['producers.0.retry.backoff.ms', kafka({ producers: [{ id: 'p1', 'retry.backoff.ms': 0 }] })],
    ['cluster.netTicktimeMs', rabbit({ cluster: { netTicktimeMs: 0 } })],
    ['cluster.syncIntervalMs', rabbit({ cluster: { syncIntervalMs: 0 } })],
    [
      'consumers.0.pollMs',
      rabbit({ consumers: [{ id: 'c1', queue: 'q', mode: 'get', pollMs: 0 }] }),
    ],
    [
      'publishers.0.ratePerSec',
      rabbit({ publishers: [{ id: 'p1', routingKeys: ['q'], ratePerSec: 1e6 }] }),
    ],
  ])('refuses %s outside what a real broker accepts', (path, doc) => {
    const issue = issuesOf(doc).find((i) => i.path === path);
    expect(issue?.message).toMatch(/at least \d+ ms|at most \d+ messages per second/);
  });

  it('refuses work over the budget, naming the field that costs the most', () => {
    // 1 ms message-store ticks on three nodes for a day: 260 million ticks.
    const sync = issuesOf(
      rabbit({ durationMs: 86_400_000, cluster: { nodes: ['r1', 'r2', 'r3'], syncIntervalMs: 1 } }),
    );
    expect(sync.map((i) => i.path)).toContain('cluster.syncIntervalMs');
    expect(sync.find((i) => i.path === 'cluster.syncIntervalMs')?.message).toMatch(
      /engine events, over the budget of 250,000,000.*raise it, or shorten durationMs/,
    );
    // Ten million records to five consumer groups.
    const records = issuesOf(
      kafka({
        durationMs: 60_000,
        producers: [{ id: 'p1', ratePerSec: 1_000_000, messages: 10_000_000 }],
        consumers: [1, 2, 3, 4, 5].map((g) => ({ id: `c${g}`, 'group.id': `g${g}` })),
      }),
    );
    expect(records.find((i) => i.path === 'producers.0.messages')?.message).toMatch(
      /budget.*lower it, or shorten durationMs/,
    );
    // Messages in all, over MAX_MESSAGES.
    const many = issuesOf(
      single({
        durationMs: 3_600_000,
        producers: [1, 2].map((i) => ({ id: `p${i}`, ratePerSec: 10_000, messages: 6_000_000 })),
        consumers: [],
      }),
    );
    expect(
      many.some((i) => /12,000,000 messages in all; the limit is 10,000,000/.test(i.message)),
    ).toBe(true);
  });

  it('counts what a producer can publish in the run, not what it is given', () => {
    const r = parseScenario(
      single({ durationMs: 1000, producers: [{ id: 'p1', ratePerSec: 10, messages: 10_000_000 }] }),
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect(estimateWork(r.value).messages).toBe(11);
  });
  it("counts F1's forwarding consumer: a second trip per message and the new queues' clients", () => {
    const doc = (forward: boolean) =>
      single({
        durationMs: 40_000,
        queue: { name: 'orders', durable: true, singleActiveConsumer: true },
        producers: [{ id: 'p1', ratePerSec: 200, messages: 3000, keys: 8 }],
        consumers: forward
          ? [
              { id: 'c0', stopMs: 5000, processingMs: { kind: 'fixed', ms: 20 } },
              { id: 'fwd', startMs: 5500, prefetch: 50, forward: true, heartbeatMs: 1000 },
            ]
          : [{ id: 'c0', processingMs: { kind: 'fixed', ms: 20 } }],
        ...(forward
          ? { forward: { queues: 32, consumersPerQueue: 10, startMs: 5000, prefetch: 10 } }
          : {}),
      });
    const plain = parseScenario(doc(false));
    const fwd = parseScenario(doc(true));
    expect(plain.ok && fwd.ok).toBe(true);
    if (!plain.ok || !fwd.ok) return;
    const w = estimateWork(fwd.value);
    // The second trip alone is at least one more per-message cost for every message.
    expect(w.events - estimateWork(plain.value).events).toBeGreaterThan(w.messages * 12);
    expect(w.parts.map((p) => p.path)).toContain('forward.queues');
    const run = new Run(fwd.value, { record: false });
    run.advanceTo(run.endUs);
    expect(run.sim.eventsFired).toBeLessThanOrEqual(w.events);
  });
});
