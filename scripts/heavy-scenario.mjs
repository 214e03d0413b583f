/**
 * The heavy Kafka scenario of `npm run bench:ui` (9 brokers, 30 partitions x RF 3, 10 producers,
 * 20 consumers): the UI benchmark measures frames on it and e2e/newcomer-lab.spec.ts checks that
 * presenter mode keeps its 90 rows readable. One document, so the two cannot drift.
 *
 * @returns {Record<string, unknown>} the scenario document
 */
export function heavyKafka() {
  const brokers = Array.from({ length: 9 }, (_, i) => `broker-${i + 1}`);
  return {
    version: 1,
    system: 'kafka',
    name: 'bench-heavy',
    seed: 7,
    durationMs: 30_000,
    brokers,
    topic: { name: 'orders', partitions: 30, 'replication.factor': 3 },
    producers: Array.from({ length: 10 }, (_, i) => ({
      id: `p${i + 1}`,
      ratePerSec: 300,
      messages: 9_000,
      keys: 64,
    })),
    consumers: Array.from({ length: 20 }, (_, i) => ({
      id: `c${i + 1}`,
      'group.id': 'g1',
      'auto.offset.reset': 'earliest',
      processingMs: { kind: 'fixed', ms: 1 },
    })),
  };
}
