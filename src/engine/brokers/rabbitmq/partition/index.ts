/** The partition-handling modes by their `cluster_partition_handling` name. */
import { autohealMode } from './autoheal';
import { ignoreMode } from './ignore';
import type { PartitionMode } from './mode';
import { pauseMinorityMode } from './pause-minority';

export type { PartitionHost, PartitionMode } from './mode';

/** The mode object for a `cluster_partition_handling` value. */
export function partitionMode(name: PartitionMode['name']): PartitionMode {
  switch (name) {
    case 'ignore':
      return ignoreMode;
    case 'pause_minority':
      return pauseMinorityMode;
    case 'autoheal':
      return autohealMode;
    default: {
      const never: never = name;
      throw new Error(`unknown partition handling ${String(never)}`);
    }
  }
}
