/**
 * The Kafka reference workload for `npm run bench`: 3 brokers, 6 partitions with replication
 * factor 3, 2 producers at 1,000 messages per second each, 2 consumer groups, 1 hour simulated.
 * Empty until the Kafka model lands.
 */
import type { Scenario } from '../../scenario/schema';

export function kafkaReferences(_quick: boolean): Scenario[] {
  return [];
}
