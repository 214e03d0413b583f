/**
 * `cluster_partition_handling = pause_minority` (RabbitMQ 3.10,
 * https://www.rabbitmq.com/partitions.html).
 */
import type { RabbitNode } from '../broker';
import type { SimNode } from '../../../kernel/sim';
import type { PartitionMode } from './mode';

/** What this seam reads and calls on its node. */
export type PauseMinorityHost = SimNode &
  Pick<
    RabbitNode,
    | 'clients'
    | 'closeConsumer'
    | 'consumers'
    | 'dropProxied'
    | 'id'
    | 'incarnation'
    | 'net'
    | 'pauseId'
    | 'paused'
    | 'proxied'
    | 'shared'
    | 'sim'
  >;
type Host = PauseMinorityHost;

/** pause_minority: stop serving clients and close their connections until a majority returns. */
export function pauseMinority(self: Host, cause: number): void {
  if (self.paused) return;
  self.paused = true;
  self.pauseId = self.sim.rec.note(
    'pause',
    self.id,
    undefined,
    { reason: 'pause_minority' },
    cause,
  );
  for (const c of [...self.consumers.keys()])
    self.closeConsumer(c, 'pause_minority', [{ role: 'fault', id: self.pauseId }]);
  for (const [c, px] of [...self.proxied]) {
    self.dropProxied(c);
    self.net.send(self, px.node, { type: 'close', incarnation: self.incarnation });
  }
  for (const c of self.clients.values())
    self.net.send(self, c.node, { type: 'close', incarnation: self.incarnation });
  self.clients.clear();
}

/**
 * `pause_minority`: a node that sees half of the cluster or less pauses (closes its clients and
 * stops serving), and resumes once it sees a majority again.
 */
export const pauseMinorityMode: PartitionMode = {
  name: 'pause_minority',
  pausesOnLoss: (visible, total) => visible * 2 <= total,
  pause: pauseMinority,
  peerBack(self, _peer, _partitioned, visible) {
    if (self.paused && visible * 2 > self.shared.nodes.length) {
      self.paused = false;
      self.sim.rec.note('resume', self.id, undefined, { reason: 'pause_minority-majority-back' });
    }
  },
  keepsBothLeaders: false,
};
