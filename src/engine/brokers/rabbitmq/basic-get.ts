/**
 * basic.get: a poller takes one message from the queue's owner; a manual-ack get is tracked by
 * its delivery tag until the poller acks, nacks or rejects it, or its channel closes.
 */
import type { RabbitNode } from './broker';
import type { SimNode } from '../../kernel/sim';
import type { VHostEvent } from './vhost';

/** What this seam reads and calls on its node. */
export type BasicGetHost = SimNode &
  Pick<
    RabbitNode,
    | 'armQueueExpiry'
    | 'clients'
    | 'getMsgs'
    | 'handle'
    | 'id'
    | 'key'
    | 'net'
    | 'queueOf'
    | 'replicas'
    | 'sendDelivery'
    | 'session'
    | 'sim'
    | 'vhosts'
  >;
type Host = BasicGetHost;

/** basic.get from a poller: one message (or get-empty), tracked until acked when manual-ack. */
export function basicGet(
  self: Host,
  from: SimNode,
  queue: string,
  autoAck: boolean,
  session: number,
): void {
  const conn = self.clients.get(from.id);
  const vhost = conn?.vhost ?? '/';
  const key = self.key(vhost, queue);
  const q = self.queueOf(key);
  const r = self.replicas.get(key);
  if (!q || !r || r.role !== 'leader' || session !== self.session || r.meta.deleted) {
    self.net.send(self, from, { type: 'get-empty', session: self.session });
    return;
  }
  const meta = r.meta;
  if (meta.exclusive && meta.owner !== undefined && meta.owner !== from.id) {
    // RESOURCE_LOCKED (405) for basic.get too: the channel is closed, the client reconnects.
    self.sim.rec.note('reject', self.id, undefined, {
      reason: 'resource-locked',
      consumer: from.id,
      queue: meta.group,
      owner: meta.owner,
      method: 'basic.get',
    });
    self.net.send(self, from, { type: 'heartbeat-fail' });
    return;
  }
  r.meta.lastUsed = self.sim.now;
  self.armQueueExpiry();
  // Taken out of the queue either way; a manual-ack get waits here for its ack.
  const res = q.get(self.sim.now, true);
  const events: VHostEvent[] = [];
  self.vhosts.get(vhost)?.settle(queue, res.dropped, self.sim.now, 1000, events);
  self.handle(vhost, events, null);
  if (!res.delivery) {
    self.net.send(self, from, { type: 'get-empty', session: self.session });
    return;
  }
  const m = res.delivery.msg;
  // basic.get deliveries are tracked under the client's id so its acks find them.
  if (!autoAck) self.getMsgs.set(`${key}#${m.seq}`, m);
  self.sendDelivery(vhost, queue, `${from.id}`, m, autoAck);
}
