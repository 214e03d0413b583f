/**
 * RabbitMQ's `cluster_partition_handling` (3.10: `ignore`, `pause_minority`, `autoheal`; the
 * default is `ignore`), one file per mode. `pause_if_all_down` is not modelled: the scenario
 * format does not offer it (it needs a list of preferred nodes and a winner rule of its own).
 * See https://www.rabbitmq.com/partitions.html.
 */
import type { AutohealHost } from './autoheal';
import type { PauseMinorityHost } from './pause-minority';

/** What a partition-handling mode may read and call on its node. */
export type PartitionHost = AutohealHost & PauseMinorityHost;

/** What a partition-handling mode decides when the node loses or regains a peer. */
export interface PartitionMode {
  readonly name: 'ignore' | 'pause_minority' | 'autoheal';
  /**
   * After a peer was lost, with `visible` cluster nodes (itself included) of `total` left in
   * sight: whether this node stops serving (it then neither fails over nor leads).
   */
  pausesOnLoss(visible: number, total: number): boolean;
  /** Stops serving clients (only called when `pausesOnLoss` said so). */
  pause(self: PartitionHost, cause: number): void;
  /**
   * A lost peer is back. `partitioned`: both sides ran on without each other (the peer did not
   * restart meanwhile); `visible`: the nodes in sight now, itself included.
   */
  peerBack(self: PartitionHost, peer: string, partitioned: boolean, visible: number): void;
  /**
   * Split brain after a heal: whether a leader keeps leading when it learns of another leader
   * elected meanwhile (only `ignore`: an operator has to restart one side).
   */
  readonly keepsBothLeaders: boolean;
}
