/**
 * The RabbitMQ reference workload for `npm run bench`: a 3-node cluster, a topic exchange with 20
 * bindings over 10 queues (spread over the nodes), 20 consumers with prefetch 10, publishers at
 * 5,000 messages per second in all (confirms on, persistent), 10 simulated minutes (1 in quick
 * mode). Each routing key `r<a>.t<b>` matches `r<a>.*` and `*.t<b>`, so most messages go to two
 * queues, some to one.
 */
import type { Scenario } from '../../scenario/schema';
import { scenario } from './single-node';

export function rabbitmqReferences(quick: boolean): Scenario[] {
  const simMs = quick ? 60_000 : 600_000;
  const queues = Array.from({ length: 10 }, (_, i) => ({ name: `q${i}` }));
  const bindings = queues.flatMap((q, i) => [
    { source: 'events', destination: q.name, routingKey: `r${i}.*` },
    { source: 'events', destination: q.name, routingKey: `*.t${i}` },
  ]);
  const keys = Array.from({ length: 10 }, (_, a) => `r${a}.t${(a * 3 + 1) % 10}`);
  return [
    scenario({
      version: 1,
      system: 'rabbitmq',
      name: 'rabbitmq-cluster-topic',
      seed: 3,
      durationMs: simMs,
      cluster: { nodes: ['rabbit-1', 'rabbit-2', 'rabbit-3'] },
      vhosts: [{ exchanges: [{ name: 'events', type: 'topic' }], queues, bindings }],
      publishers: [1, 2, 3, 4, 5].map((i) => ({
        id: `p${i}`,
        node: `rabbit-${((i - 1) % 3) + 1}`,
        exchange: 'events',
        routingKeys: keys,
        ratePerSec: 1000,
        messages: 10_000_000,
        confirms: true,
      })),
      consumers: queues.flatMap((q, i) =>
        [0, 1].map((j) => ({
          id: `c${i}-${j}`,
          queue: q.name,
          prefetch: 10,
          processingMs: { kind: 'uniform', minMs: 0.2, maxMs: 1 },
        })),
      ),
    }),
  ];
}
