/**
 * Networking and clustering of a RabbitMQ node: net_ticktime failure detection, losing and
 * regaining peers (the partition-handling mode decides what follows, see `partition/`), the
 * inter-node protocol (classic queue proxying, consumer-side proxying, replication, leader
 * announcements), and failover: electing a new queue leader (`quorum.ts` for Raft, `mirroring.ts`
 * for classic mirrors) and promoting it.
 */
import type { ConsumerReg, RabbitNode, Replica } from './broker';
import { chanOf, connOf } from './channel-keys';
import type { SimNode } from '../../kernel/sim';
import { lastStopOf, linksOf } from '../amqp/links';
import type { Wire } from './protocol';
import type { QMessage } from './queue';
import { checkWaiting, memberJoined, mirrorToPromote, type MirroringHost } from './mirroring';
import { partitionMode, type PartitionHost } from './partition';
import { checkCommit, lastRef, raftElection, type QuorumHost } from './quorum';
import { persistNow, type StoreHost } from './store';

/** What this seam reads and calls on its node. */
export type ClusterHost = SimNode &
  Pick<
    RabbitNode,
    | 'accept'
    | 'armQueueExpiry'
    | 'closeConsumer'
    | 'consumers'
    | 'discard'
    | 'dispatch'
    | 'dropBy'
    | 'epochs'
    | 'id'
    | 'incarnation'
    | 'key'
    | 'labels'
    | 'leaders'
    | 'lostPeers'
    | 'net'
    | 'partDone'
    | 'paused'
    | 'peerDownId'
    | 'peerHeard'
    | 'peerUp'
    | 'proxied'
    | 'replicas'
    | 'session'
    | 'settle'
    | 'shared'
    | 'sim'
    | 'stopId'
    | 'subscribe'
    | 'timer'
    | 'vhosts'
  > &
  PartitionHost &
  MirroringHost &
  QuorumHost &
  StoreHost;
type Host = ClusterHost;

/** Posted op of a broker node: a member's fsync of a replicated quorum entry finished. */
export const OP_REPL_FSYNCED = 2;

/** A member has entry `w` (on disk for a quorum queue): acknowledge it to the leader `to`. */
export function replFsynced(self: Host, to: SimNode, w: Extract<Wire, { type: 'repl' }>): void {
  self.net.send(self, to, {
    type: 'repl-ok',
    msgs: [w.m.id],
    ack: true,
    queue: w.queue,
    ref: w.m.ref,
  });
}

/** Closes a consumer's connection: directly, or through the node that proxies it. */
export function closeClient(self: Host, consumer: string, reg: ConsumerReg): void {
  if (reg.via === undefined) {
    // Several channels on the connection: a channel error closes that channel only.
    if (multiChannel(self, consumer))
      self.net.send(self, reg.node, { type: 'channel-close', channel: chanOf(consumer) });
    else self.net.send(self, reg.node, { type: 'close', incarnation: self.incarnation });
    return;
  }
  self.net.send(self, reg.node, { type: 'pclose', consumer });
}

/** Whether this consumer's connection has other channels consuming here (or is one itself). */
export function multiChannel(self: Host, consumer: string): boolean {
  if (chanOf(consumer) > 0) return true;
  for (const k of self.consumers.keys()) if (k.startsWith(`${consumer}#ch`)) return true;
  for (const k of self.proxied.keys()) if (k.startsWith(`${consumer}#ch`)) return true;
  return false;
}

/** Every net_ticktime/4: tick every peer, and declare lost the ones silent for a net_ticktime. */
export function tick(self: Host): void {
  const now = self.sim.now;
  for (const p of self.shared.nodes) {
    if (p === self.id) continue;
    const peer = self.shared.nodeById(p);
    if (peer) self.net.send(self, peer, { type: 'tick' });
    const heard = self.peerHeard.get(p) ?? 0;
    if (self.peerUp.get(p) && now - heard > self.shared.netTicktimeUs) peerDown(self, p);
  }
  self.timer(self.shared.netTicktimeUs / 4, self.labels.tick, () => tick(self));
}

/** Anything from a peer shows it is alive (and back, if it was lost). */
export function heard(self: Host, from: string): void {
  self.peerHeard.set(from, self.sim.now);
  if (self.peerUp.get(from) === false) peerBack(self, from);
}

/** How many cluster nodes this one can see, itself included. */
export function visible(self: Host): number {
  let n = 1;
  for (const up of self.peerUp.values()) if (up) n++;
  return n;
}

/** A peer is lost (crash, power loss or partition as seen from here): fail over or pause. */
export function peerDown(self: Host, p: string, cause?: number): void {
  if (self.peerUp.get(p) === false) return;
  self.peerUp.set(p, false);
  const id = self.sim.rec.note('partition', self.id, undefined, { peerDown: p }, cause);
  self.peerDownId.set(p, id);
  self.lostPeers.set(p, self.shared.nodeById(p)?.incarnation ?? -1);
  for (const [c, reg] of [...self.consumers])
    if (reg.via === p) self.closeConsumer(c, 'proxy-node-down', [{ role: 'fault', id }]);
  for (const [c, px] of [...self.proxied]) {
    if (px.leader !== p) continue;
    self.proxied.delete(c);
    self.net.send(self, px.node, { type: 'close', incarnation: self.incarnation });
  }
  const mode = partitionMode(self.shared.partitionHandling);
  const minority = mode.pausesOnLoss(visible(self), self.shared.nodes.length);
  for (const [key, r] of self.replicas) {
    if (r.role === 'leader') {
      // A lost member no longer holds back confirms.
      r.inSync.delete(p);
      for (const [ref, w] of r.waiting) {
        w.need.delete(p);
        checkWaiting(self, key, ref);
      }
      for (const ref of r.pending.keys()) checkCommit(self, key, ref);
    } else if (self.leaders.get(key) === p && !minority) {
      failover(self, key, id);
    }
  }
  // The leader dropped the lost mirror (and confirmed what waited on it) before pausing.
  if (minority) mode.pause(self, id);
}

/** A lost peer is back: the partition-handling mode acts; tell it who leads what. */
export function peerBack(self: Host, p: string): void {
  self.peerUp.set(p, true);
  self.sim.rec.note('heal', self.id, undefined, { peerUp: p });
  // A healed partition: both sides ran on without each other. A peer that crashed and restarted
  // (or this node's own restart) rejoins the cluster without one.
  const lostAt = self.lostPeers.get(p);
  self.lostPeers.delete(p);
  const partitioned = lostAt !== undefined && lostAt === self.shared.nodeById(p)?.incarnation;
  partitionMode(self.shared.partitionHandling).peerBack(self, p, partitioned, visible(self));
  // Tell the returning peer who leads what, as seen from here.
  const peer = self.shared.nodeById(p);
  if (!peer) return;
  for (const [key, r] of self.replicas) {
    if (r.role !== 'leader') continue;
    self.net.send(self, peer, {
      type: 'leader',
      queue: key,
      leader: self.id,
      epoch: self.epochs.get(key) ?? 0,
    });
    if (r.meta.members.includes(p) && !r.inSync.has(p)) memberJoined(self, key, r, p);
  }
}

/** The leader of `key` is gone as far as this node can tell: promote a member, maybe itself. */
export function failover(self: Host, key: string, cause: number): void {
  const r = self.replicas.get(key);
  if (!r) return;
  const meta = r.meta;
  const alive = meta.members.filter((m) => m === self.id || self.peerUp.get(m) === true);
  const next =
    meta.type === 'quorum'
      ? raftElection(self, key, alive)
      : meta.type === 'mirrored'
        ? mirrorToPromote(self, key, alive)
        : undefined;
  if (next !== self.id) return;
  promote(self, key, r, cause);
}

/** This member becomes the queue's leader: account for what only the old leader had, requeue, announce. */
export function promote(self: Host, key: string, r: Replica, cause: number): void {
  const old = self.leaders.get(key);
  const epoch = (self.epochs.get(key) ?? 0) + 1;
  self.epochs.set(key, epoch);
  self.leaders.set(key, self.id);
  r.role = 'leader';
  const meta = r.meta;
  const promoteId = self.sim.rec.note(
    'promote',
    self.id,
    undefined,
    { queue: meta.group, from: old ?? '', synced: r.synced, type: meta.type },
    cause,
  );
  // What only the old leader had is gone: it will rejoin as a member and drop its contents.
  // A crashed old leader will rejoin as a member and drop its contents: what only it had is
  // gone now. A live one (a partition) keeps serving its side until it learns of this leader.
  const oldNode = old === undefined ? undefined : self.shared.nodeById(old);
  const fault =
    oldNode?.status === 'crashed'
      ? oldNode.stopId
      : old === undefined
        ? -1
        : self.peerDownId.get(old);
  const causes = linksOf(['fault', fault], ['election', promoteId]);
  // What the old leader had delivered and not yet seen acknowledged: the new leader cannot
  // know, so it requeues every delivery (ha docs: promotion requeues all unacked deliveries),
  // and messages acked on the old leader but still in this copy come back too.
  const oldReady = new Set(oldNode ? oldNode.readyOf(key) : []);
  const requeued = [...r.copy.values()].filter((m) => !oldReady.has(m.id)).map((m) => m.id);
  if (oldNode && oldNode.status === 'crashed') {
    const lostIds = oldNode
      .liveOf(key)
      .filter((m) => !r.copy.has(m.ref))
      .map((m) => m.id);
    if (lostIds.length > 0) {
      const quorum = meta.type === 'quorum';
      self.dropBy(
        lostIds,
        {
          reason: quorum ? 'raft-uncommitted' : 'unsynchronised-mirror-promoted',
          queue: meta.group,
          from: old ?? '',
        },
        quorum ? 'rabbit.quorum-uncommitted' : 'rabbit.mirror-promotion',
        causes,
        promoteId,
      );
    }
    oldNode.discard(key);
  }
  // Everything a new leader requeues is delivered again with redelivered=true. A mirrored queue's
  // promotion requeues every unacked delivery (ha docs). A quorum queue's deliveries are Raft
  // state too: the new leader finds them checked out to consumers whose channels were on the lost
  // node, and rabbit_fifo returns every message checked out to a consumer on a disconnected node
  // (`{down, Pid, noconnection}`: "return all checked out messages to the main queue"): a requeue
  // because the channel closed before its basic.ack arrived.
  const requeueMech =
    meta.type === 'mirrored'
      ? (['mirror-promotion', 'rabbit.mirror-promotion-requeue'] as const)
      : meta.type === 'quorum'
        ? (['leader-change', 'rabbit.requeue'] as const)
        : undefined;
  if (requeued.length > 0 && requeueMech)
    self.sim.rec.note(
      'requeue',
      self.id,
      requeued,
      { reason: requeueMech[0], queue: meta.group, from: old ?? '' },
      promoteId,
      requeueMech[1],
      causes,
    );
  // Rebuild the queue from this member's copy; everything might have been delivered before.
  const vhost = self.vhosts.get(meta.vhost);
  const q = vhost?.queues.get(meta.name);
  if (q) {
    q.purgeAll();
    const msgs = [...r.copy.values()].sort((a, b) => a.ref - b.ref);
    for (const m of msgs) m.redelivered = true;
    q.restore(msgs);
    r.nextRef = msgs.length > 0 ? (msgs[msgs.length - 1] as QMessage).ref + 1 : lastRef(r) + 1;
  }
  r.copy.clear();
  r.synced = true;
  r.inSync = new Set(
    meta.members.filter(
      (m) =>
        m !== self.id &&
        self.peerUp.get(m) === true &&
        self.shared.nodeById(m)?.replicas.get(key)?.synced === true,
    ),
  );
  for (const p of self.shared.nodes) {
    const peer = p === self.id ? undefined : self.shared.nodeById(p);
    if (peer) self.net.send(self, peer, { type: 'leader', queue: key, leader: self.id, epoch });
  }
  self.armQueueExpiry();
  self.dispatch(meta.vhost, meta.name);
}

/** A message from another cluster node (inter-node protocol). */
export function fromPeer(self: Host, from: SimNode, w: Wire): void {
  switch (w.type) {
    case 'tick':
      return;
    case 'close':
      // The peer's process died; its OS closed the distribution connection.
      peerDown(self, from.id, w.cause);
      return;
    case 'fwd': {
      const key = w.queue;
      const pub = w.pub;
      self.accept(key, w.input, (ok, safe) =>
        self.net.send(self, from, {
          type: 'fwd-ok',
          msgs: [w.input.id],
          ack: true,
          pub,
          ok,
          ...(safe !== undefined ? { safe } : {}),
        }),
      );
      return;
    }
    case 'fwd-ok':
      self.partDone(w.pub, w.ok, w.safe);
      return;
    case 'pconsume': {
      const r = self.replicas.get(self.key(w.vhost, w.queue));
      if (!r || r.role !== 'leader' || self.paused) {
        self.net.send(self, from, { type: 'pconsume-fail', consumer: w.consumer });
        return;
      }
      self.subscribe(
        { id: w.consumer, incarnation: w.inc },
        from,
        w.vhost,
        w.queue,
        w.prefetch,
        w.autoAck,
        from.id,
      );
      return;
    }
    case 'pconsume-ok':
    case 'pconsume-fail': {
      const px = self.proxied.get(w.consumer);
      if (!px || px.leader !== from.id) return;
      if (w.type === 'pconsume-fail') {
        self.proxied.delete(w.consumer);
        if (chanOf(w.consumer) > 0)
          self.net.send(self, px.node, { type: 'channel-close', channel: chanOf(w.consumer) });
        else self.net.send(self, px.node, { type: 'heartbeat-fail' });
        return;
      }
      px.ready = true;
      px.leaderSession = w.session;
      self.net.send(self, px.node, { type: 'consume-ok', session: self.session });
      return;
    }
    case 'deliver': {
      // A delivery for a consumer attached here: relay it in this node's session.
      const px = w.consumer === undefined ? undefined : self.proxied.get(w.consumer);
      if (!px || px.leader !== from.id) {
        // No such consumer here (this node restarted, or it closed): the owner must stop.
        if (w.consumer === undefined) return;
        if (w.proxy?.autoAck === true)
          self.dropBy(
            [w.p.id],
            {
              reason: 'auto-ack-proxy-gone',
              queue: w.proxy.group,
              consumer: w.consumer,
              owner: from.id,
            },
            'amqp.autoack-crash',
            linksOf(['fault', self.stopId]),
          );
        self.net.send(self, from, { type: 'pclose', consumer: w.consumer });
        return;
      }
      self.net.send(self, px.node, { ...w, session: self.session });
      return;
    }
    case 'pack': {
      const reg = self.consumers.get(w.consumer);
      if (!reg || reg.via !== from.id) return;
      self.settle({ id: w.consumer, incarnation: reg.inc }, w.queue, w.seq, w.how, w.session);
      return;
    }
    case 'pclose': {
      const reg = self.consumers.get(w.consumer);
      if (reg && reg.via === from.id) {
        self.closeConsumer(
          w.consumer,
          'connection-closed',
          linksOf(['fault', lastStopOf(self.sim, connOf(w.consumer))]),
        );
        return;
      }
      const px = self.proxied.get(w.consumer);
      if (px && px.leader === from.id) {
        // The owner closed the consumer's channel (e.g. consumer_timeout): close the client.
        self.proxied.delete(w.consumer);
        if (chanOf(w.consumer) > 0)
          self.net.send(self, px.node, { type: 'channel-close', channel: chanOf(w.consumer) });
        else self.net.send(self, px.node, { type: 'close', incarnation: self.incarnation });
      }
      return;
    }
    case 'repl': {
      const r = self.replicas.get(w.queue);
      if (!r || r.role === 'leader' || self.leaders.get(w.queue) !== from.id) return;
      r.copy.set(w.m.ref, { ...w.m });
      if (r.meta.type === 'quorum')
        persistNow(self, { op: 'pub', q: w.queue, ref: w.m.ref, m: { ...w.m } });
      // Quorum members fsync the entry before acknowledging it; mirrors acknowledge from memory.
      if (r.meta.type === 'quorum')
        self.after(self.shared.fsyncLatencyUs, self.labels.sync, OP_REPL_FSYNCED, from, w);
      else replFsynced(self, from, w);
      return;
    }
    case 'repl-ok': {
      const r = self.replicas.get(w.queue);
      if (!r || r.role !== 'leader') return;
      const p = r.pending.get(w.ref);
      if (p) {
        p.acks.add(from.id);
        checkCommit(self, w.queue, w.ref);
      }
      const wt = r.waiting.get(w.ref);
      if (wt) {
        wt.acks.add(from.id);
        checkWaiting(self, w.queue, w.ref);
      }
      return;
    }
    case 'repl-del': {
      const r = self.replicas.get(w.queue);
      if (r && r.role === 'member') {
        r.copy.delete(w.ref);
        if (r.meta.type === 'quorum') persistNow(self, { op: 'del', q: w.queue, ref: w.ref });
      }
      return;
    }
    case 'sync': {
      const r = self.replicas.get(w.queue);
      if (!r || r.role === 'leader') return;
      r.copy = new Map(w.ms.map((m) => [m.ref, { ...m }]));
      r.synced = true;
      if (r.meta.type === 'quorum')
        for (const m of w.ms) persistNow(self, { op: 'pub', q: w.queue, ref: m.ref, m: { ...m } });
      return;
    }
    case 'leader': {
      const mine = self.replicas.get(w.queue);
      const epoch = self.epochs.get(w.queue) ?? 0;
      if (w.epoch < epoch) return;
      if (mine && mine.role === 'leader' && w.leader !== self.id) {
        // Split brain: with `ignore` both sides keep leading after the partition heals (an
        // operator has to restart one side); equal epochs mean neither side knows better.
        if (w.epoch === epoch || partitionMode(self.shared.partitionHandling).keepsBothLeaders)
          return;
        // Someone else was promoted while this node was away: it becomes a member again.
        const cause = self.sim.rec.note('promote', self.id, undefined, {
          queue: mine.meta.group,
          demoted: true,
          leader: w.leader,
        });
        self.discard(w.queue, self.shared.nodeById(w.leader), cause);
      }
      self.epochs.set(w.queue, w.epoch);
      self.leaders.set(w.queue, w.leader);
      return;
    }
    default:
      return;
  }
}
