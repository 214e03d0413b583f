/**
 * The RocketMQ reference workload for `npm run bench`: 2 broker groups (master and slave each),
 * a topic with 4 queues on each (8 in all), 2 producers at 1,000 messages per second each, 2
 * consumer groups of 2 consumers, 10 minutes simulated (2 with `--quick`).
 */
import type { Scenario } from '../../scenario/schema';
import { scenario } from './single-node';

export function rocketMqReferences(quick: boolean): Scenario[] {
  const simMs = quick ? 120_000 : 600_000;
  const rate = 1000;
  return [
    scenario({
      version: 1,
      system: 'rocketmq',
      name: 'rocketmq-reference',
      seed: 1,
      durationMs: simMs,
      brokers: ['a', 'b'].flatMap((g) => [
        { id: `broker-${g}-0`, brokerName: `broker-${g}` },
        { id: `broker-${g}-1`, brokerName: `broker-${g}`, brokerId: 1, brokerRole: 'SLAVE' },
      ]),
      topics: [{ name: 'orders', brokers: ['broker-a', 'broker-b'] }],
      producers: ['p1', 'p2'].map((id) => ({
        id,
        topic: 'orders',
        ratePerSec: rate,
        messages: Math.ceil((rate * simMs) / 1000),
        keys: 64,
      })),
      consumers: ['g1', 'g2'].flatMap((g) =>
        ['a', 'b'].map((x) => ({
          id: `${g}-${x}`,
          consumerGroup: g,
          topic: 'orders',
          consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
          processingMs: { kind: 'fixed', ms: 0.1 },
        })),
      ),
    }),
  ];
}
