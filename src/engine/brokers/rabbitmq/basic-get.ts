/**
 * basic.get: a poller takes one message from the queue's owner; a manual-ack get is tracked by
 * its delivery tag until the poller acks, nacks or rejects it, or its channel closes.
 */
import type { CauseLink } from '../../check/history';
import type { RabbitNode } from './broker';
import type { SimNode } from '../../kernel/sim';
import type { VHostEvent } from './vhost';
import type { QMessage } from './queue';

/** What this seam reads and calls on its node. */
export type BasicGetHost = SimNode &
  Pick<
    RabbitNode,
    | 'armQueueExpiry'
    | 'clients'
    | 'getMsgs'
    | 'shared'
    | 'dispatch'
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
  if (!autoAck) self.getMsgs.set(`${key}#${m.seq}`, { m, client: from.id, inc: from.incarnation });
  self.sendDelivery(vhost, queue, `${from.id}`, m, autoAck);
}

/** A manual-ack basic.get delivery the broker waits to see acknowledged. */
export interface GetDelivery {
  m: QMessage;
  /** The poller (its connection) and the incarnation it had when it took the message. */
  client: string;
  inc: number;
}

/**
 * The poller's connection is gone (`belowInc`: deliveries taken by an earlier incarnation;
 * `Infinity`: every delivery of that client, its connection was replaced): its unacknowledged
 * basic.get deliveries go back to their queues, like a consumer's. RabbitMQ records a
 * basic.get delivery in the channel's unacked tags like any other, and the queue requeues every
 * unacked tag of a channel that goes down (`rabbit_amqqueue_process:handle_ch_down`; 3.10).
 */
export function requeueGets(
  self: Host,
  client: string,
  belowInc: number,
  reason: string,
  causes: CauseLink[],
): void {
  const byKey = new Map<string, QMessage[]>();
  for (const [k, g] of [...self.getMsgs]) {
    if (g.client !== client || g.inc >= belowInc) continue;
    self.getMsgs.delete(k);
    const key = k.slice(0, k.lastIndexOf('#'));
    byKey.set(key, [...(byKey.get(key) ?? []), g.m]);
  }
  for (const [key, msgs] of byKey) {
    const meta = self.shared.queues.get(key);
    const q = self.queueOf(key);
    if (!meta || !q) continue;
    for (const m of msgs) m.redelivered = true;
    q.restore(msgs);
    self.sim.rec.note(
      'requeue',
      self.id,
      msgs.map((m) => m.id),
      { reason, consumer: client, queue: meta.group, method: 'basic.get' },
      causes[0]?.id,
      'rabbit.requeue',
      causes,
    );
    self.dispatch(meta.vhost, meta.name);
  }
}
