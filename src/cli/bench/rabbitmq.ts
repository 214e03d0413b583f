/**
 * The RabbitMQ reference workload for `npm run bench`: a 3-node cluster, a topic exchange with 20
 * bindings, 10 queues, 20 consumers with prefetch 10, publishers at 5,000 messages per second,
 * 10 simulated minutes. Empty until the RabbitMQ model lands.
 */
import type { Scenario } from '../../scenario/schema';

export function rabbitmqReferences(_quick: boolean): Scenario[] {
  return [];
}
