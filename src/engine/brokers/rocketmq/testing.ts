/**
 * Test helpers for the RocketMQ model: a scenario builder (one NameServer, broker group
 * `broker-a` with master `broker-a-0` and slave `broker-a-1`, broker group `broker-b` with master
 * `broker-b-0`, topic `orders` on both, one producer `p1`, one consumer `c1` in group `g1`) with a
 * fixed 1 ms network so fault times land where a test puts them, and chain readers. Tests validate
 * and run a document with `run` of `src/engine/testing/scenarios.ts`.
 */
import type { Anomaly, AnomalyKind } from '../../check/checker';
import type { MechanismId } from '../../check/history';
import type { RunResult } from '../../run';

/** A plain object tree (a scenario document). */
export type Doc = Record<string, unknown>;

/** The default test scenario with `over` merged in (top-level keys replace). */
export function rocketDoc(over: Doc = {}): Doc {
  return {
    version: 1,
    system: 'rocketmq',
    name: 'rocketmq-test',
    seed: 1,
    durationMs: 30_000,
    network: { latency: { kind: 'fixed', ms: 1 } },
    brokers: [
      { id: 'broker-a-0', brokerName: 'broker-a', brokerId: 0 },
      { id: 'broker-a-1', brokerName: 'broker-a', brokerId: 1, brokerRole: 'SLAVE' },
      { id: 'broker-b-0', brokerName: 'broker-b', brokerId: 0 },
    ],
    topics: [{ name: 'orders', brokers: ['broker-a', 'broker-b'] }],
    producers: [{ id: 'p1', topic: 'orders', ratePerSec: 100, messages: 1000 }],
    consumers: [
      {
        id: 'c1',
        consumerGroup: 'g1',
        topic: 'orders',
        consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      },
    ],
    ...over,
  };
}

/** The anomalies of one kind. */
export function anomalies(r: RunResult, kind: AnomalyKind): Anomaly[] {
  return r.report.anomalies.filter((a) => a.kind === kind);
}

/** Every mechanism named by anomalies of one kind. */
export function mechsOf(r: RunResult, kind: AnomalyKind): Set<MechanismId> {
  return new Set(anomalies(r, kind).flatMap((a) => a.mechanisms));
}
