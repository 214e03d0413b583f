/**
 * `cluster_partition_handling = autoheal` (RabbitMQ 3.10, https://www.rabbitmq.com/partitions.html).
 */
import type { RabbitNode } from '../broker';
import type { SimNode } from '../../../kernel/sim';
import type { PartitionMode } from './mode';

/** What this seam reads and calls on its node. */
export type AutohealHost = SimNode &
  Pick<
    RabbitNode,
    'autohealing' | 'crash' | 'id' | 'labels' | 'peerUp' | 'restart' | 'shared' | 'sim' | 'timer'
  >;
type Host = AutohealHost;

/**
 * autoheal: when a partition heals, the side with the most client connections wins (then the
 * most nodes; then, here, the side holding the first node by name) and every node of the other
 * side restarts, dropping what it changed meanwhile. Client counts are read from the peers
 * directly: the model's stand-in for the autoheal leader's poll.
 */
export function autoheal(self: Host, returning: string): void {
  if (self.autohealing) return;
  const mine = [
    self.id,
    ...[...self.peerUp].filter(([n, up]) => up && n !== returning).map(([n]) => n),
  ];
  const other = self.shared.nodes.filter((n) => !mine.includes(n));
  if (other.length === 0) return;
  const clients = (side: string[]) =>
    side.reduce((a, n) => a + (self.shared.nodeById(n)?.clientCount() ?? 0), 0);
  const [cm, co] = [clients(mine), clients(other)];
  const first = [...self.shared.nodes].sort()[0] ?? '';
  const wins =
    cm !== co
      ? cm > co
      : mine.length !== other.length
        ? mine.length > other.length
        : mine.includes(first);
  if (wins) return;
  self.autohealing = true;
  const id = self.sim.rec.note('partition', self.id, undefined, {
    autoheal: 'restart',
    winner: other.join(','),
  });
  // RabbitMQ restarts the losing nodes' application: a crash and a restart, 1 s apart here.
  self.timer(1, self.labels.tick, () => {
    const crash = self.crash(id);
    self.sim.schedule(1_000_000, self.labels.tick, () => {
      self.autohealing = false;
      self.restart(crash);
    });
  });
}

/**
 * `autoheal`: nothing on the partition itself; when it heals, the losing side restarts. Only a
 * healed partition starts it: a peer that crashed and restarted rejoins without one, as in
 * RabbitMQ, where only Mnesia's "running partitioned network" report starts autoheal.
 */
export const autohealMode: PartitionMode = {
  name: 'autoheal',
  pausesOnLoss: () => false,
  pause: () => undefined,
  peerBack(self, peer, partitioned) {
    if (partitioned) autoheal(self, peer);
  },
  keepsBothLeaders: false,
};
