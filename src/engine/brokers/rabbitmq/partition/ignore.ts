/**
 * `cluster_partition_handling = ignore` (RabbitMQ's default): nothing happens on a partition
 * or its healing. Both sides keep serving; a queue led on both sides keeps two leaders until an
 * operator restarts one side.
 */
import type { PartitionMode } from './mode';

/** The `ignore` mode. */
export const ignoreMode: PartitionMode = {
  name: 'ignore',
  pausesOnLoss: () => false,
  pause: () => undefined,
  peerBack: () => undefined,
  keepsBothLeaders: true,
};
