/**
 * The Kafka reference workload for `npm run bench`: 3 brokers, 6 partitions with replication
 * factor 3, 2 producers at 1,000 messages per second each, 2 consumer groups, 1 hour simulated
 * (a few minutes with `--quick`).
 */
import type { Scenario } from '../../scenario/schema';
import { scenario } from './single-node';

export function kafkaReferences(quick: boolean): Scenario[] {
  const simMs = quick ? 180_000 : 3_600_000;
  const rate = 1000;
  return [
    scenario({
      version: 1,
      system: 'kafka',
      name: 'kafka-reference',
      seed: 1,
      durationMs: simMs,
      topic: {
        name: 'orders',
        partitions: 6,
        'replication.factor': 3,
        'min.insync.replicas': 2,
        // Ten minutes of retention, checked every minute, bound the logs the model keeps in memory
        // over a simulated hour, as segment deletion bounds a real broker's disk. Both groups keep
        // up, so nothing unread is deleted.
        'retention.ms': 600_000,
        'log.retention.check.interval.ms': 60_000,
      },
      producers: ['p1', 'p2'].map((id) => ({
        id,
        ratePerSec: rate,
        messages: Math.ceil((rate * simMs) / 1000),
        keys: 64,
        // Batching is what makes 1,000 records per second cheap in real Kafka too.
        'linger.ms': 5,
      })),
      consumers: ['g1', 'g2'].flatMap((g) =>
        ['a', 'b'].map((x) => ({
          id: `${g}-${x}`,
          'group.id': g,
          'auto.offset.reset': 'earliest',
          'max.poll.records': 500,
          processingMs: { kind: 'fixed', ms: 0.1 },
        })),
      ),
    }),
  ];
}
