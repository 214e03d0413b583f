/**
 * A RabbitMQ 3.10 node in a cluster. Metadata (vhosts, exchanges, bindings, queue definitions)
 * is on every node, as in a real cluster; a queue's messages live on its leader node (the
 * "owner" of a classic queue), and a node that receives a publish for a queue it does not host
 * forwards it there (classic cluster proxying). Classic mirrored queues copy every message to
 * their mirrors, and confirm only once synchronised mirrors have it; quorum queues confirm once a
 * majority of members has the entry on disk (Raft), and only committed entries are enqueued.
 *
 * Persistence follows the message store: persistent messages of durable queues are written in
 * batches every `syncIntervalMs` and fsynced; a confirm for such a message waits for that fsync.
 * Quorum members fsync every entry before acknowledging it (Ra's WAL).
 *
 * Simplifications, each a documented model choice:
 * - A consumer without a configured node connects to the queue's leader (and moves when it
 *   moves). One given a node that does not own the queue is proxied by it: the node relays
 *   basic.consume, deliveries and acks to and from the owner (classic-cluster proxying).
 *   basic.get pollers always go to the owner.
 * - Exclusive queues are owned by the first basic.consume connection that declares them;
 *   exclusivity is enforced for basic.consume and basic.get (RESOURCE_LOCKED). A basic.get
 *   poller never becomes the owner (it declares nothing in the model).
 * - A connection may carry several channels, each a consumer of its own (`id#chN`; channel 0 is
 *   the client id). Closing the connection closes them all; a channel error (RESOURCE_LOCKED,
 *   consumer_timeout) closes only its channel when the connection has others.
 * - auto-delete queues are deleted, with their bindings and messages, when their last consumer
 *   goes; publishes are unroutable until a consumer redeclares them.
 * - Raft is reduced to what the safety argument needs: entries replicate leader -> members and
 *   commit at a majority; an election picks, among the members a majority can see, the one with
 *   the most entries (read from the members directly instead of exchanging votes). Terms, log
 *   repair and snapshots are not modelled; a returning member receives the leader's live state.
 * - Failure detection: a crashed process's peers learn at once (the OS closes the distribution
 *   sockets); a machine that lost power, or a partition, is noticed after `net_ticktime`.
 *
 * The node is split by seam: this file keeps its state, client connections, publishing and
 * confirms, consuming, crash and recovery; `cluster.ts` (peers, failure detection, inter-node
 * protocol, failover), `partition/` (one file per `cluster_partition_handling` mode),
 * `mirroring.ts` (classic mirrored queues), `quorum.ts` (Raft), `store.ts` (message store and
 * quorum log) and `basic-get.ts` are functions over a small `Pick` of this class each. Members
 * those files use are not `private`; nothing outside this folder uses them.
 */
import type {
  CauseLink,
  CauseRole,
  HeldState,
  HeldWhere,
  MechanismId,
  MsgId,
} from '../../check/history';
import { Flusher } from '../../kernel/flush';
import type { Network } from '../../kernel/network';
import { Sim, SimNode, type SimEvent } from '../../kernel/sim';
import type { LogFile } from '../../kernel/storage';
import type { Micros } from '../../kernel/time';
import { latestEntry, lastStopOf, linksOf, noteRecovered, STOP_MECH } from '../amqp/links';
import type { Publish, Wire } from './protocol';
import type { Dropped, QMessage, QueueInput } from './queue';
import { VHost, type VHostEvent } from './vhost';
import { basicGet, requeueGets, type GetDelivery } from './basic-get';
import { channelsOf, chanKey, chanOf, connOf, sendToLiveMembers } from './channel-keys';
import { closeClient, fromPeer, heard, OP_REPL_FSYNCED, replFsynced, tick } from './cluster';
import { afterEnqueue, checkSynced, checkWaiting } from './mirroring';
import { asQMessage, OP_QUORUM_FSYNCED, propose, quorumFsynced } from './quorum';
import { persist, persistNow, recoverable, syncTick, synced } from './store';

export { chanKey, chanOf, connOf } from './channel-keys';

/** A queue's static definition and membership, shared by every node (cluster metadata). */
export interface QueueMeta {
  /** The checker's group: `queue`, or `vhost/queue` outside the default vhost. */
  group: string;
  vhost: string;
  name: string;
  type: 'classic' | 'mirrored' | 'quorum';
  durable: boolean;
  exclusive: boolean;
  autoDelete: boolean;
  /** Members in promotion order: the first is the initial leader, then the oldest mirrors. */
  members: string[];
  haSyncMode: 'manual' | 'automatic';
  haPromoteOnFailure: 'always' | 'when-synced';
  /** `x-expires` in microseconds: deleted after this long unused. */
  expiresUs?: Micros;
  /**
   * Cluster metadata, changed at run time: the queue was deleted (`x-expires`, or its exclusive
   * owner's connection closed) and not redeclared since; copies routed to it are dropped.
   */
  deleted?: 'queue-expired' | 'exclusive-queue-deleted' | 'auto-delete';
  /** The journal entry that deleted it (copies dropped afterwards link to it). */
  deletedEntry?: number;
  /** Exclusive queues: the consumer whose connection declared it. */
  owner?: string;
  /** `x-expires`: when the queue was last used (consumer, basic.get, redeclare). */
  lastUsed?: Micros;
}

/** What every node shares: metadata, the message registry, and the run's accounting hooks. */
export interface ClusterShared {
  nodes: string[];
  queues: Map<string, QueueMeta>;
  /** Queue key (`vhost/queue`) -> meta. */
  makeVhost(vhost: string): VHost;
  /** Adds a message to a group's scope (it was routed or dead-lettered there). */
  scope(group: string, msg: MsgId): void;
  nodeById(id: string): RabbitNode | undefined;
  partitionHandling: 'ignore' | 'pause_minority' | 'autoheal';
  netTicktimeUs: Micros;
  syncIntervalUs: Micros;
  fsyncLatencyUs: Micros;
  consumerTimeoutUs: Micros;
  /**
   * Dead-lettered copies dispatched, by `group#msg`: the source queues they came from. Each
   * source queue dead-letters its own copy, so a dead-letter queue fed by several of them
   * delivers one copy per source (`rabbit.dead-letter-copies`).
   */
  dlSources: Map<string, string[]>;
}

/** A message-store record of this node. */
export type StoreEntry =
  { op: 'pub'; q: string; ref: number; m: QMessage } | { op: 'del'; q: string; ref: number };

/** This node's copy of one queue it is a member of. */
export interface Replica {
  meta: QueueMeta;
  role: 'leader' | 'member';
  /** Members' copies (mirrors, quorum followers): live messages by ref. */
  copy: Map<number, QMessage>;
  /** A mirror that has every message its leader has. Quorum followers are always in sync. */
  synced: boolean;
  /** Leader: refs below this existed before the mirror joined (manual sync). */
  joinedAt: Map<string, number>;
  /** Leader: members that are in sync (their acks count). */
  inSync: Set<string>;
  /** Quorum leader: proposed entries waiting for a majority. */
  pending: Map<number, { input: QueueInput; acks: Set<string>; done: CopyDone[] }>;
  /** Classic leader: confirms waiting for members' acks by ref. */
  waiting: Map<number, { acks: Set<string>; need: Set<string>; done: CopyDone }>;
  nextRef: number;
}

export interface ClientConn {
  node: SimNode;
  inc: number;
  vhost: string;
  session: number;
}

export interface ConsumerReg {
  node: SimNode;
  inc: number;
  queue: string;
  /** A consumer attached through another node (consumer-side proxying): that node's id. */
  via?: string;
  /** Delivery start times by seq, for `consumer_timeout`. */
  since: Map<number, Micros>;
  /** Journal position when it subscribed: causes of its requeues are looked for after it. */
  opened: number;
}

export interface PendingPub {
  client: SimNode;
  tag: number;
  msg: MsgId;
  parts: number;
  ok: boolean;
  confirm: boolean;
  txId?: number;
  /** Parts that went well (the publish's own slot and each copy enqueued). */
  kept?: number;
  /**
   * The journal entries that made its copies safe on disk before the confirm (the store's fsync,
   * a quorum commit): the confirm waited for them (`rabbit.confirm-after-fsync`).
   */
  safe?: number[];
}

/**
 * Runs once a copy of a publish is safe (or refused): `safe` is the journal entry of the fsync
 * or quorum commit it waited for, if it waited for one.
 */
export type CopyDone = (ok: boolean, safe?: number) => void;

/** One RabbitMQ node: see the file comment for what lives where. */
export class RabbitNode extends SimNode {
  /** vhost name -> this node's view of it. */
  readonly vhosts = new Map<string, VHost>();
  readonly replicas = new Map<string, Replica>();
  /** This node's belief about each queue's leader. */
  readonly leaders = new Map<string, string>();
  readonly epochs = new Map<string, number>();
  readonly clients = new Map<string, ClientConn>();
  readonly consumers = new Map<string, ConsumerReg>();
  /** Consumers attached here whose queue another node owns: this node relays for them. */
  readonly proxied = new Map<
    string,
    { node: SimNode; inc: number; leader: string; leaderSession: number; ready: boolean }
  >();
  private readonly pubs = new Map<number, PendingPub>();
  private nextPub = 0;
  session = 0;
  private readonly txOpen = new Map<string, { p: Publish; tag: number }[]>();
  /** Confirm channels by client: tags received and not yet confirmed, and the contiguous prefix. */
  private readonly confirmChans = new Map<
    string,
    { unconfirmed: Set<number>; received: Set<number>; contig: number }
  >();
  /** Confirms that became ready in one event (one fsync completes many): sent together. */
  private confirmBatch: Map<string, { client: SimNode; items: PendingPub[] }> | null = null;
  private expiresTimer: SimEvent | null = null;
  readonly store: LogFile<StoreEntry>;
  readonly wal: LogFile<StoreEntry>;
  readonly flusher: Flusher<StoreEntry>;
  pendingWrites: StoreEntry[] = [];
  fsyncWaiters: { index: number; done: (fsync: number) => void }[] = [];
  readonly peerHeard = new Map<string, Micros>();
  readonly peerUp = new Map<string, boolean>();
  /** pause_minority: the node stopped serving because it sees only a minority. */
  paused = false;
  /** The journal entry of the last pause_minority pause. */
  pauseId = -1;
  /** The journal entry that noted each peer as lost (partition or crash seen from here). */
  readonly peerDownId = new Map<string, number>();
  /** Peers lost while this node was up, with the incarnation they had then (autoheal). */
  readonly lostPeers = new Map<string, number>();
  private expiryTimer: SimEvent | null = null;
  readonly labels: Record<'sync' | 'tick' | 'expire' | 'timeout', number>;

  constructor(
    sim: Sim,
    id: string,
    readonly net: Network<Wire>,
    readonly shared: ClusterShared,
  ) {
    super(sim, id);
    this.labels = {
      sync: sim.label('rabbit.sync'),
      tick: sim.label('rabbit.tick'),
      expire: sim.label('rabbit.expire'),
      timeout: sim.label('rabbit.consumer-timeout'),
    };
    this.store = this.disk.log<StoreEntry>('msg_store');
    this.wal = this.disk.log<StoreEntry>('quorum_wal');
    this.flusher = new Flusher(this, this.store, { kind: 'none' }, shared.fsyncLatencyUs, (upTo) =>
      synced(this, upTo),
    );
    net.attach(this, (from, w) => this.receive(from, w));
    for (const [key, q] of shared.queues) {
      this.leaders.set(key, q.members[0] as string);
      this.epochs.set(key, 0);
    }
    for (const p of shared.nodes) if (p !== id) this.peerUp.set(p, true);
    this.boot(false);
  }

  // -------------------------------------------------------------------------------------------
  // lifecycle

  private boot(recovering: boolean): void {
    this.session = this.incarnation;
    this.paused = false;
    this.vhosts.clear();
    this.replicas.clear();
    for (const [key, q] of this.shared.queues) {
      if (!this.vhosts.has(q.vhost)) {
        const v = this.shared.makeVhost(q.vhost);
        v.hosts = (name) => this.hostsHere(`${q.vhost}/${name}`);
        v.stamp = (name, m) => this.stamp(`${q.vhost}/${name}`, m);
        // An auto-deleted queue took its bindings with it: publishes to it are unroutable.
        v.gone = (name) => this.shared.queues.get(`${q.vhost}/${name}`)?.deleted === 'auto-delete';
        this.vhosts.set(q.vhost, v);
      }
      if (!q.members.includes(this.id)) continue;
      const leader = this.leaders.get(key) === this.id;
      // A recovered queue's x-expires lease starts again (RabbitMQ re-arms it on recovery).
      if (recovering && leader && q.expiresUs !== undefined) q.lastUsed = this.sim.now;
      this.replicas.set(key, {
        meta: q,
        role: leader ? 'leader' : 'member',
        copy: new Map(),
        synced: !recovering || q.type === 'quorum',
        joinedAt: new Map(),
        inSync: new Set(q.members.filter((m) => m !== this.id)),
        pending: new Map(),
        waiting: new Map(),
        nextRef: 0,
      });
    }
    this.flusher.start();
    this.timer(this.shared.syncIntervalUs, this.labels.sync, () => syncTick(this));
    this.timer(this.shared.netTicktimeUs / 4, this.labels.tick, () => tick(this));
    this.timer(this.sweepUs(), this.labels.timeout, () => this.sweepTimeouts());
    this.armQueueExpiry();
  }

  /** How often `consumer_timeout` is checked (RabbitMQ checks periodically, not per delivery). */
  private sweepUs(): Micros {
    return Math.max(1_000_000, Math.floor(this.shared.consumerTimeoutUs / 10));
  }

  /** consumer_timeout: a delivery unacknowledged too long closes its channel (a 406 error). */
  /** Posted events of this node (per-entry fsyncs of quorum queues): data, not closures. */
  override fire(ev: SimEvent): void {
    switch (ev.op) {
      case OP_QUORUM_FSYNCED:
        quorumFsynced(this, ev.b as string, ev.a as Replica, ev.x);
        return;
      case OP_REPL_FSYNCED:
        replFsynced(this, ev.a as SimNode, ev.b as Extract<Wire, { type: 'repl' }>);
        return;
      default:
        throw new Error(`${this.id}: unknown posted op ${ev.op}`);
    }
  }

  private sweepTimeouts(): void {
    const now = this.sim.now;
    for (const [c, reg] of [...this.consumers]) {
      const oldest = reg.since.values().next();
      if (oldest.done === true || now - oldest.value < this.shared.consumerTimeoutUs) continue;
      const meta = this.shared.queues.get(reg.queue);
      const timeout = this.sim.rec.note('fault-armed', this.id, undefined, {
        kind: 'consumer_timeout',
        consumer: c,
        queue: meta?.group ?? reg.queue,
      });
      this.closeConsumer(c, 'consumer_timeout', [{ role: 'connection-close', id: timeout }]);
      closeClient(this, c, reg);
    }
    this.timer(this.sweepUs(), this.labels.timeout, () => this.sweepTimeouts());
  }

  /**
   * Records compacted out of the store so far. Waiters hold absolute positions, so compaction
   * (RabbitMQ garbage-collects its message store files the same way) does not move them.
   */
  storeBase = 0;
  storeCompacted = 0;

  key(vhost: string, q: string): string {
    return `${vhost}/${q}`;
  }

  /** A queue this node runs as an AMQP queue right now (classic leader; quorum go through Raft). */
  private hostsHere(key: string): boolean {
    const r = this.replicas.get(key);
    return r !== undefined && r.role === 'leader' && r.meta.type !== 'quorum';
  }

  private stamp(key: string, m: QueueInput): QueueInput {
    const r = this.replicas.get(key);
    if (!r) return m;
    return { ...m, ref: m.ref ?? r.nextRef++ };
  }

  // -------------------------------------------------------------------------------------------
  // failure detection and partition handling

  autohealing = false;

  /** Client connections and consumers attached here (autoheal picks the side with the most). */
  clientCount(): number {
    if (!this.up) return 0;
    let direct = 0;
    for (const c of this.consumers.values()) if (c.via === undefined) direct++;
    return this.clients.size + direct + this.proxied.size;
  }

  // -------------------------------------------------------------------------------------------
  // failover

  /**
   * Messages of `key` this node held as ready (never delivered, or requeued) as the leader: at
   * its crash if it is down. The rest of a promoted copy had been delivered, or acked.
   */
  readyOf(key: string): MsgId[] {
    if (this.status === 'crashed') return this.crashedReady.get(key) ?? [];
    const r = this.replicas.get(key);
    if (!r || r.role !== 'leader') return [];
    return (this.queueOf(key)?.readyMessages ?? []).map((m) => m.id);
  }

  /** Live messages of a queue on this node (leader: the queue; member: its copy). */
  liveOf(key: string): QMessage[] {
    if (this.status === 'crashed')
      return this.discarded.has(key) ? [] : (this.crashedLive.get(key) ?? []);
    return this.liveOfUp(key);
  }

  /** This node lost the leadership of `key` while it was away: forget its copy (and on disk). */
  discard(key: string, newLeader?: RabbitNode, cause?: number): void {
    this.discarded.add(key);
    const r = this.replicas.get(key);
    if (r && this.status !== 'crashed') {
      this.discarded.delete(key);
      const keep = new Set((newLeader?.liveOf(key) ?? []).map((m) => m.id));
      const lost = this.liveOfUp(key)
        .map((m) => m.id)
        .filter((id) => !keep.has(id));
      if (lost.length > 0)
        this.dropBy(
          lost,
          { reason: 'partition-leader-replaced', queue: r.meta.group },
          'rabbit.partition-discard',
          linksOf(['election', cause]),
          cause,
        );
      const q = this.vhosts.get(r.meta.vhost)?.queues.get(r.meta.name);
      for (const c of q ? [...this.consumers].filter(([, reg]) => reg.queue === key) : []) {
        this.consumers.delete(c[0]);
        q?.removeConsumer(c[0]);
        closeClient(this, c[0], c[1]);
      }
      q?.purgeAll();
      r.copy.clear();
      r.pending.clear();
      r.role = 'member';
      r.synced = false;
    }
  }

  readonly discarded = new Set<string>();

  // -------------------------------------------------------------------------------------------
  // receiving

  private receive(from: SimNode, w: Wire): void {
    if (this.shared.nodes.includes(from.id)) {
      heard(this, from.id);
      fromPeer(this, from, w);
      return;
    }
    if (this.paused) {
      if (w.type === 'publish')
        this.dropBy(
          [w.p.id],
          { reason: 'node-paused' },
          'rabbit.node-paused',
          linksOf(['fault', this.pauseId]),
        );
      if (w.type === 'heartbeat' || w.type === 'connect' || w.type === 'consume')
        this.net.send(this, from, { type: 'heartbeat-fail' });
      return;
    }
    switch (w.type) {
      case 'connect':
        // A new connection: basic.get deliveries still unacknowledged on an older one are
        // requeued (that connection is gone: the client crashed, lost power or was cut off).
        requeueGets(
          this,
          from.id,
          from.incarnation,
          'connection-closed',
          linksOf(['fault', lastStopOf(this.sim, from.id)]),
        );
        requeueGets(this, from.id, Infinity, 'connection-replaced', []);
        this.clients.set(from.id, {
          node: from,
          inc: from.incarnation,
          vhost: w.vhost,
          session: this.session,
        });
        if (w.firstTag !== undefined)
          this.confirmChans.set(from.id, {
            unconfirmed: new Set(),
            received: new Set(),
            contig: w.firstTag - 1,
          });
        this.net.send(this, from, { type: 'connect-ok', session: this.session });
        return;
      case 'consume': {
        const key = this.key(w.vhost, w.queue);
        const cid = chanKey(from.id, w.channel);
        const leader = this.leaders.get(key);
        const r = this.replicas.get(key);
        if (
          (!r || r.role !== 'leader') &&
          leader !== undefined &&
          leader !== this.id &&
          this.peerUp.get(leader) === true
        ) {
          // Consumer-side proxying: this node relays between the client and the queue's owner.
          const peer = this.shared.nodeById(leader);
          if (!peer) return;
          this.dropProxied(cid);
          this.proxied.set(cid, {
            node: from,
            inc: from.incarnation,
            leader,
            leaderSession: -1,
            ready: false,
          });
          this.net.send(this, peer, {
            type: 'pconsume',
            consumer: cid,
            inc: from.incarnation,
            vhost: w.vhost,
            queue: w.queue,
            prefetch: w.prefetch,
            autoAck: w.autoAck,
          });
          return;
        }
        this.subscribe(
          { id: cid, incarnation: from.incarnation },
          from,
          w.vhost,
          w.queue,
          w.prefetch,
          w.autoAck,
        );
        return;
      }
      case 'publish': {
        if (w.session !== this.session) {
          // Sent on a connection to this node's earlier life: the TCP stack resets it.
          this.dropBy(
            [w.p.id],
            { reason: 'stale-connection' },
            'net.receiver-down',
            linksOf(['fault', this.stopId]),
          );
          this.net.send(this, from, { type: 'close', incarnation: this.incarnation });
          return;
        }
        if (w.tx) {
          const list = this.txOpen.get(from.id) ?? [];
          list.push({ p: w.p, tag: w.tag });
          this.txOpen.set(from.id, list);
          return;
        }
        if (w.confirm) {
          const ch = this.confirmChans.get(from.id);
          if (ch) {
            ch.unconfirmed.add(w.tag);
            ch.received.add(w.tag);
            while (ch.received.delete(ch.contig + 1)) ch.contig++;
          }
        }
        this.publish(from, w.p, w.tag, w.confirm);
        return;
      }
      case 'tx-commit': {
        const list = this.txOpen.get(from.id) ?? [];
        this.txOpen.delete(from.id);
        if (w.session !== this.session) return;
        const txId = w.txId;
        // tx.commit-ok waits for every message of the transaction to be safe, like confirms.
        const state = { left: list.length, ok: true };
        const finish = () => {
          const ids = list.map((x) => x.p.id);
          this.sim.rec.note('confirm-sent', this.id, ids, {
            tx: true,
            to: from.id,
            ...(state.ok ? {} : { ok: false, error: 'partial-tx-completion' }),
          });
          // A copy that could not be enqueued fails the commit: rabbit_channel answers with a
          // channel error (406 "partial tx completion"), never tx.commit-ok.
          this.net.send(this, from, {
            type: state.ok ? 'tx-commit-ok' : 'tx-commit-fail',
            msgs: ids,
            ack: true,
            txId,
          });
        };
        if (list.length === 0) finish();
        for (const x of list) {
          this.publish(from, x.p, x.tag, false, (ok) => {
            state.ok &&= ok;
            if (--state.left === 0) finish();
          });
        }
        return;
      }
      case 'tx-rollback': {
        // tx.rollback: the transaction's publishes are discarded, never routed.
        const list = this.txOpen.get(from.id) ?? [];
        this.txOpen.delete(from.id);
        if (list.length > 0)
          this.sim.rec.note(
            'txn-abort',
            this.id,
            list.map((x) => x.p.id),
            { txId: w.txId, reason: 'tx.rollback', from: from.id },
          );
        return;
      }
      case 'get':
        basicGet(this, from, w.queue, w.autoAck, w.session);
        return;
      case 'ack': {
        const cid = chanKey(from.id, w.channel);
        const px = this.proxied.get(cid);
        if (px && px.inc === from.incarnation) {
          const peer = this.shared.nodeById(px.leader);
          if (peer && w.session === this.session)
            this.net.send(this, peer, {
              type: 'pack',
              msgs: w.msgs,
              ack: true,
              consumer: cid,
              queue: w.queue,
              seq: w.seq,
              session: px.leaderSession,
              how: w.how,
            });
          return;
        }
        this.settle({ id: cid, incarnation: from.incarnation }, w.queue, w.seq, w.how, w.session);
        return;
      }
      case 'close-channel': {
        // channel.close from the client: only this channel's consumer goes (requeueing its
        // unacked deliveries, like a closed connection does); its other channels stay.
        if (w.session !== this.session) return;
        const cid = chanKey(from.id, w.channel);
        const px = this.proxied.get(cid);
        if (px && px.inc === from.incarnation) this.dropProxied(cid);
        else if (this.consumers.get(cid)?.inc === from.incarnation)
          this.closeConsumer(cid, 'channel-closed');
        return;
      }
      case 'heartbeat': {
        const alive =
          w.session === this.session &&
          ((this.clients.get(from.id)?.inc ?? -1) === from.incarnation ||
            channelsOf(this.consumers, from.id).some(
              (k) => this.consumers.get(k)?.inc === from.incarnation,
            ) ||
            channelsOf(this.proxied, from.id).some(
              (k) =>
                this.proxied.get(k)?.ready === true &&
                this.proxied.get(k)?.inc === from.incarnation,
            ));
        this.net.send(
          this,
          from,
          alive ? { type: 'heartbeat-ok', session: this.session } : { type: 'heartbeat-fail' },
        );
        return;
      }
      case 'close': {
        // Closing a connection closes every channel on it.
        // The client's crash closed it (its OS sent the FIN): that crash is the cause.
        const crash = w.cause ?? lastStopOf(this.sim, from.id);
        for (const k of channelsOf(this.consumers, from.id)) {
          const c = this.consumers.get(k);
          if (c && c.inc < w.incarnation)
            this.closeConsumer(k, 'connection-closed', linksOf(['fault', crash]));
        }
        requeueGets(this, from.id, w.incarnation, 'connection-closed', linksOf(['fault', crash]));
        for (const k of channelsOf(this.proxied, from.id)) {
          const px = this.proxied.get(k);
          if (px && px.inc < w.incarnation) this.dropProxied(k);
        }
        const cl = this.clients.get(from.id);
        if (cl && cl.inc < w.incarnation) {
          this.clients.delete(from.id);
          this.discardTx(from.id, crash);
        }
        return;
      }
      default:
        return;
    }
  }

  // -------------------------------------------------------------------------------------------
  // publishing

  /** Routes a publish and hands each routed queue its copy; confirms when every copy is safe. */
  private publish(
    from: SimNode,
    p: Publish,
    tag: number,
    confirm: boolean,
    onDone?: CopyDone,
  ): void {
    const conn = this.clients.get(from.id);
    const vhostName = conn?.vhost ?? '/';
    const v = this.vhosts.get(vhostName);
    const pubId = this.nextPub++;
    const pending: PendingPub = { client: from, tag, msg: p.id, parts: 1, ok: true, confirm };
    this.pubs.set(pubId, pending);
    if (onDone) this.pubDone.set(pubId, onDone);
    if (!v) {
      this.partDone(pubId, false);
      return;
    }
    const input: Omit<QueueInput, 'exchange' | 'routingKeys'> = {
      id: p.id,
      headers: p.headers,
      bodyBytes: p.bodyBytes,
      persistent: p.persistent,
      payload: p,
      ...(p.expiration !== undefined ? { expiration: p.expiration } : {}),
    };
    // Copies meant for an auto-deleted queue (the publisher may have routed before it went).
    for (const q of v.goneOf(p.exchange, p.key, p.headers)) {
      const meta = this.shared.queues.get(this.key(vhostName, q));
      if (meta)
        this.dropBy(
          [p.id],
          { reason: 'auto-delete', queue: meta.group, afterDelete: true },
          'rabbit.auto-delete',
          linksOf(['policy', meta.deletedEntry]),
        );
    }
    const r = v.publish(p.exchange, p.key, input, this.sim.now, 1000);
    const routeEv = r.events[0];
    if (routeEv?.kind === 'route') {
      const routeId = this.sim.rec.note('route', this.id, [p.id], {
        exchange: p.exchange,
        key: p.key,
        queues: routeEv.result.queues.join(','),
        alternates: routeEv.result.alternates.join(','),
      });
      if (routeEv.result.queues.length === 0) {
        const unroutable = this.sim.rec.note('unroutable', this.id, [p.id], {
          reason: 'unroutable',
          exchange: p.exchange,
          key: p.key,
          mandatory: p.mandatory,
        });
        // No queue took it: it is gone (returned to the publisher when mandatory). It belongs to
        // no queue's scope, so this entry explains it without counting against any queue.
        this.dropBy(
          [p.id],
          { reason: 'unroutable', exchange: p.exchange, mandatory: p.mandatory },
          'amqp.unroutable',
          linksOf(['earlier', routeId], ['policy', unroutable]),
          unroutable,
        );
        if (p.mandatory)
          this.net.send(this, from, { type: 'return', msgs: [p.id], ack: true, tag });
      }
    }
    this.handle(vhostName, r.events, pubId, p.id);
    this.partDone(pubId, true);
  }

  private readonly pubDone = new Map<number, CopyDone>();

  /**
   * Applies vhost events: journal, persistence, replication, forwarding, deliveries. `pubId` is
   * the publish whose confirm waits on the copies of `own` (the published message): events for
   * other messages in the same list (older messages expiring or pushed out, and their dead
   * letters) and dead-lettered copies never count against that confirm.
   */
  handle(
    vhostName: string,
    events: readonly VHostEvent[],
    pubId: number | null,
    own?: MsgId,
  ): void {
    /** The entry that set each message aside (expiry, overflow...): its dead letter links it. */
    const policyOf = new Map<MsgId, number>();
    /** The entry that dead-lettered each message: its copies' enqueues link it. */
    const deadLetterOf = new Map<MsgId, number>();
    const part = (m: QueueInput) =>
      pubId !== null && m.id === own && (m.xDeath?.length ?? 0) === 0 ? pubId : null;
    for (const e of events) {
      switch (e.kind) {
        case 'route':
          break;
        case 'enqueue': {
          const key = this.key(vhostName, e.queue);
          const r = this.replicas.get(key);
          if (!r) break;
          this.shared.scope(r.meta.group, e.msg.id);
          if (r.meta.deleted) {
            this.intoDeleted(r.meta);
            break;
          }
          // A dead-lettered copy joins the tail of its new queue when it dies, whatever its
          // publish order (`rabbit.dead-letter-order`).
          const died = (e.msg.xDeath?.length ?? 0) > 0;
          this.sim.rec.note(
            'enqueue',
            this.id,
            [e.msg.id],
            { queue: r.meta.group, persistent: e.msg.persistent && r.meta.durable },
            undefined,
            died ? 'rabbit.dead-letter-order' : undefined,
            died ? linksOf(['policy', deadLetterOf.get(e.msg.id)]) : undefined,
          );
          const q = this.vhosts.get(vhostName)?.queues.get(e.queue);
          const m = q ? findRef(q, e.msg.ref ?? -1) : undefined;
          if (!m) break;
          const mine = part(e.msg);
          if (mine !== null) this.pubs.get(mine)!.parts++;
          afterEnqueue(this, key, r, m, (ok, safe) => {
            if (mine !== null) this.partDone(mine, ok, safe);
          });
          break;
        }
        case 'forward': {
          const key = this.key(vhostName, e.queue);
          const meta = this.shared.queues.get(key);
          if (!meta) break;
          this.shared.scope(meta.group, e.msg.id);
          const mine = part(e.msg);
          if (mine !== null) this.pubs.get(mine)!.parts++;
          const done: CopyDone = (ok, safe) => {
            if (mine !== null) this.partDone(mine, ok, safe);
          };
          const leader = this.leaders.get(key) ?? '';
          if (leader === this.id) {
            this.accept(key, e.msg, done);
            break;
          }
          const peer = this.shared.nodeById(leader);
          if (!peer || !this.peerUp.get(leader)) {
            // The queue's leader is down (and nothing replaced it): RabbitMQ cannot enqueue.
            const down = peer?.status === 'crashed' ? peer.stopId : this.peerDownId.get(leader);
            this.dropBy(
              [e.msg.id],
              { reason: 'queue-down', queue: meta.group, leader },
              'rabbit.queue-down',
              linksOf(['fault', down]),
            );
            done(false);
            break;
          }
          const fwdId = this.nextPub++;
          this.pubs.set(fwdId, {
            client: this,
            tag: -1,
            msg: e.msg.id,
            parts: 1,
            ok: true,
            confirm: false,
          });
          this.pubDone.set(fwdId, done);
          const p = e.msg.payload as Publish;
          // A hop inside the cluster (classic queue proxying), not a republish: routed here,
          // sent on to the node that owns the queue.
          this.sim.rec.note(
            'route',
            this.id,
            [e.msg.id],
            { proxy: true, forward: true, to: leader, queue: meta.group },
            undefined,
            undefined,
            linksOf([
              'forward',
              latestEntry(this.sim, (x) => x.kind === 'route' && x.node === this.id),
            ]),
          );
          this.net.send(this, peer, {
            type: 'fwd',
            msgs: [e.msg.id],
            carry: true,
            queue: key,
            input: e.msg,
            p,
            pub: fwdId,
          });
          break;
        }
        case 'reject-publish': {
          const meta = this.shared.queues.get(this.key(vhostName, e.queue));
          const overflow = this.sim.rec.note('overflow', this.id, [e.dropped.msg.id], {
            reason: 'reject-publish',
            queue: meta?.group ?? e.queue,
          });
          const rejected = this.sim.rec.note(
            'reject',
            this.id,
            [e.dropped.msg.id],
            { reason: 'overflow-reject-publish', queue: meta?.group ?? e.queue },
            overflow,
            'rabbit.overflow-reject-publish',
            linksOf(['policy', overflow]),
          );
          policyOf.set(e.dropped.msg.id, rejected);
          const mine = part(e.dropped.msg);
          if (mine !== null) {
            this.pubs.get(mine)!.parts++;
            this.partDone(mine, false);
          }
          break;
        }
        case 'drop': {
          const key = this.key(vhostName, e.queue);
          const meta = this.shared.queues.get(key);
          const reason =
            e.dropped.reason === 'expired'
              ? 'expired'
              : e.dropped.reason === 'maxlen'
                ? 'overflow-drop-head'
                : e.dropped.reason === 'rejected'
                  ? 'consumer-rejected'
                  : 'delivery-limit';
          const id = e.dropped.msg.id;
          const byPolicy = e.dropped.reason === 'expired' || e.dropped.reason === 'maxlen';
          const policy =
            e.dropped.reason === 'expired'
              ? this.sim.rec.note('expire', this.id, [id], { queue: meta?.group ?? e.queue })
              : e.dropped.reason === 'maxlen'
                ? this.sim.rec.note('overflow', this.id, [id], {
                    queue: meta?.group ?? e.queue,
                    reason: 'drop-head',
                  })
                : // rejected or over the delivery limit: the consumer's nack or reject did it
                  latestEntry(
                    this.sim,
                    (x) => x.kind === 'nack-sent' && (x.msgs?.includes(id) ?? false),
                  );
          const dropId = this.dropBy(
            [id],
            {
              reason,
              queue: meta?.group ?? e.queue,
              deadLettered: e.dropped.deadLetter !== undefined,
            },
            DROP_MECH[e.dropped.reason],
            linksOf([byPolicy ? 'policy' : 'commit', policy]),
            policy,
          );
          policyOf.set(id, byPolicy ? (policy ?? dropId) : dropId);
          this.removed(key, e.dropped.msg);
          break;
        }
        case 'dead-letter': {
          const from = this.shared.queues.get(this.key(vhostName, e.from));
          const to = e.to.map((q) => this.shared.queues.get(this.key(vhostName, q))?.group ?? q);
          const policy = policyOf.get(e.dead.msg.id);
          const dl = this.sim.rec.note(
            'dead-letter',
            this.id,
            [e.dead.msg.id],
            {
              from: from?.group ?? e.from,
              // The queue it left: the fate it decides is that queue's, not a fanned-out copy's.
              queue: from?.group ?? e.from,
              to: to.join(','),
              exchange: e.dead.exchange,
              reason: e.dead.msg.xDeath?.[0]?.reason ?? '',
            },
            policy,
            'rabbit.dead-lettered',
            linksOf(['policy', policy]),
          );
          deadLetterOf.set(e.dead.msg.id, dl);
          // The publish's own message refused with x-overflow=reject-publish-dlx: nacked, yet its
          // dead letter is a copy kept (`rabbit.nack-partial-route`).
          if (pubId !== null && e.dead.msg.id === own) {
            const pending = this.pubs.get(pubId);
            if (pending) pending.kept = (pending.kept ?? 0) + 1;
          }
          break;
        }
        case 'deliver':
          this.sendDelivery(
            vhostName,
            e.queue,
            e.delivery.consumer,
            e.delivery.msg,
            e.delivery.autoAck,
          );
          break;
        default: {
          const never: never = e;
          throw new Error(`unknown vhost event ${JSON.stringify(never)}`);
        }
      }
    }
    // A classic queue runs a timer for the TTL of its head message, consumers or not
    // (`rabbit_amqqueue_process:ensure_ttl_timer`): a message that now heads a queue, or expires
    // sooner than the armed timer, re-arms it.
    if (events.some((e) => e.kind === 'enqueue')) this.armExpirySooner();
  }

  /** Arms the expiry timer when some queue's head expires before it would fire. */
  private armExpirySooner(): void {
    const at = this.expiryTimer?.at;
    for (const [key, r] of this.replicas) {
      if (r.role !== 'leader') continue;
      const t = this.queueOf(key)?.nextExpiry();
      if (t !== undefined && (at === undefined || t < at)) {
        this.armExpiry();
        return;
      }
    }
  }

  /** Copies on disk (or needing no disk) by `queue#ref`, with the fsync that made them safe. */
  readonly diskDone = new Map<string, number | undefined>();

  /** Takes a copy for a queue this node should lead: classic enqueue, or a Raft proposal. */
  accept(key: string, input: QueueInput, done: CopyDone): void {
    const r = this.replicas.get(key);
    const meta = this.shared.queues.get(key);
    if (!r || !meta || r.role !== 'leader') {
      // This node no longer leads the queue (it was demoted, or restarted as a member).
      if (meta)
        this.dropBy(
          [input.id],
          { reason: 'queue-down', queue: meta.group },
          'rabbit.queue-down',
          linksOf(['fault', this.stopId]),
        );
      done(false);
      return;
    }
    if (meta.type !== 'quorum') {
      const v = this.vhosts.get(meta.vhost);
      if (!v) return done(false);
      const events: VHostEvent[] = [];
      const ok = v.enqueue(meta.name, input, this.sim.now, 1000, events);
      const pubId = this.nextPub++;
      this.pubs.set(pubId, {
        client: this,
        tag: -1,
        msg: input.id,
        parts: 1,
        ok: true,
        confirm: false,
      });
      this.pubDone.set(pubId, done);
      if (!ok) this.pubs.get(pubId)!.ok = false;
      this.handle(meta.vhost, events, pubId, input.id);
      this.partDone(pubId, ok);
      return;
    }
    propose(this, key, r, input, done);
  }

  walCompacted = 0;

  partDone(pubId: number, ok: boolean, safe?: number): void {
    const p = this.pubs.get(pubId);
    if (!p) return;
    p.ok &&= ok;
    if (ok) p.kept = (p.kept ?? 0) + 1;
    if (safe !== undefined) (p.safe ??= []).push(safe);
    if (--p.parts > 0) return;
    this.pubs.delete(pubId);
    const cb = this.pubDone.get(pubId);
    if (cb) {
      this.pubDone.delete(pubId);
      cb(p.ok, p.safe?.[p.safe.length - 1]);
      return;
    }
    if (!p.confirm) return;
    if (this.confirmBatch) {
      const b = this.confirmBatch.get(p.client.id) ?? { client: p.client, items: [] };
      b.items.push(p);
      this.confirmBatch.set(p.client.id, b);
      return;
    }
    this.sendConfirms(p.client, [p]);
  }

  /** Runs `fn`, then sends the confirms it made ready together (multiple=true where it can). */
  batchConfirms(fn: () => void): void {
    if (this.confirmBatch) return fn();
    this.confirmBatch = new Map();
    try {
      fn();
    } finally {
      const batch = this.confirmBatch;
      this.confirmBatch = null;
      for (const b of batch.values()) this.sendConfirms(b.client, b.items);
    }
  }

  /**
   * Sends confirms. Like RabbitMQ's channel, acks for the lowest outstanding tags go out as one
   * basic.ack with multiple=true, but only when every tag up to it was received and is settled
   * (a tag the broker never saw must not be acknowledged). Nacks and the rest go one by one.
   */
  private sendConfirms(client: SimNode, items: PendingPub[]): void {
    const ch = this.confirmChans.get(client.id);
    for (const p of items) ch?.unconfirmed.delete(p.tag);
    const sorted = [...items].sort((a, b) => a.tag - b.tag);
    let blocker = Infinity;
    for (const t of ch?.unconfirmed ?? []) blocker = Math.min(blocker, t);
    for (const p of sorted) if (!p.ok) blocker = Math.min(blocker, p.tag);
    const prefix = ch ? sorted.filter((p) => p.ok && p.tag < blocker && p.tag <= ch.contig) : [];
    const rest = prefix.length >= 2 ? sorted.filter((p) => !prefix.includes(p)) : sorted;
    if (prefix.length >= 2) {
      const ids = prefix.map((p) => p.msg);
      const tag = (prefix[prefix.length - 1] as PendingPub).tag;
      const safe = prefix.flatMap((p) => p.safe ?? []);
      this.sim.rec.note(
        'confirm-sent',
        this.id,
        ids,
        { ok: true, to: client.id, multiple: true, tag },
        undefined,
        ...afterFsync(safe),
      );
      this.net.send(this, client, {
        type: 'confirm',
        msgs: ids,
        ack: true,
        tag,
        ok: true,
        multiple: true,
      });
    }
    for (const p of rest) {
      this.sim.rec.note(
        'confirm-sent',
        this.id,
        [p.msg],
        { ok: p.ok, to: client.id },
        undefined,
        ...afterFsync(p.ok ? (p.safe ?? []) : []),
      );
      if (!p.ok) {
        // More than the publish's own slot went well: some queue kept a copy (basic.nack says
        // only that not every queue took it; rabbit_channel does not undo the other copies).
        const partial = (p.kept ?? 0) >= 2;
        this.sim.rec.note(
          'nack-sent',
          this.id,
          [p.msg],
          { to: client.id },
          undefined,
          partial ? 'rabbit.nack-partial-route' : undefined,
          partial
            ? linksOf([
                'policy',
                latestEntry(
                  this.sim,
                  (x) =>
                    (x.kind === 'reject' || x.kind === 'drop') &&
                    (x.msgs?.includes(p.msg) ?? false),
                ),
              ])
            : undefined,
        );
      }
      this.net.send(this, client, {
        type: 'confirm',
        msgs: [p.msg],
        ack: true,
        tag: p.tag,
        ok: p.ok,
        multiple: false,
      });
    }
  }

  // -------------------------------------------------------------------------------------------
  // consuming

  queueOf(key: string): ReturnType<VHost['queues']['get']> {
    const meta = this.shared.queues.get(key);
    return meta ? this.vhosts.get(meta.vhost)?.queues.get(meta.name) : undefined;
  }

  subscribe(
    from: { id: string; incarnation: number },
    replyTo: SimNode,
    vhost: string,
    queue: string,
    prefetch: number,
    autoAck: boolean,
    via?: string,
  ): void {
    const key = this.key(vhost, queue);
    const r = this.replicas.get(key);
    if (!r || r.role !== 'leader') {
      // Not the leader here: refuse, the client reconnects (to the leader, see the consumer).
      this.net.send(this, replyTo, { type: 'heartbeat-fail' });
      return;
    }
    if (this.consumers.has(from.id))
      this.closeConsumer(
        from.id,
        'replaced-by-new-connection',
        linksOf(['fault', lastStopOf(this.sim, connOf(from.id))]),
      );
    const meta = r.meta;
    const connId = connOf(from.id);
    if (meta.exclusive && meta.owner !== undefined && meta.owner !== connId && !meta.deleted) {
      // RESOURCE_LOCKED (405): another connection declared this exclusive queue.
      this.sim.rec.note('reject', this.id, undefined, {
        reason: 'resource-locked',
        consumer: from.id,
        queue: meta.group,
        owner: meta.owner,
      });
      if (via !== undefined)
        this.net.send(this, replyTo, { type: 'pconsume-fail', consumer: from.id });
      else if (chanOf(from.id) > 0)
        this.net.send(this, replyTo, { type: 'channel-close', channel: chanOf(from.id) });
      else this.net.send(this, replyTo, { type: 'heartbeat-fail' });
      return;
    }
    // basic.consume follows a queue.declare: a deleted queue comes back, empty.
    if (meta.deleted) delete meta.deleted;
    if (meta.exclusive) meta.owner = connId;
    meta.lastUsed = this.sim.now;
    this.consumers.set(from.id, {
      node: replyTo,
      inc: from.incarnation,
      queue: key,
      since: new Map(),
      opened: this.sim.rec.journal.length - 1,
      ...(via !== undefined ? { via } : {}),
    });
    this.queueOf(key)?.addConsumer(from.id, prefetch, autoAck);
    if (via !== undefined)
      this.net.send(this, replyTo, {
        type: 'pconsume-ok',
        consumer: from.id,
        session: this.session,
      });
    else this.net.send(this, replyTo, { type: 'consume-ok', session: this.session });
    this.dispatch(vhost, queue);
  }

  /**
   * A consumer's channel is gone: its unacknowledged deliveries go back to the queue. `causes`
   * are what closed it (the client's crash, the consumer_timeout, the pause, the lost proxy).
   */
  closeConsumer(consumer: string, reason: string, causes: CauseLink[] = []): void {
    const reg = this.consumers.get(consumer);
    if (!reg) return;
    this.consumers.delete(consumer);
    const meta = this.shared.queues.get(reg.queue);
    const q = this.queueOf(reg.queue);
    if (!meta || !q) return;
    const res = q.removeConsumer(consumer, this.sim.now);
    if (res.requeued.length > 0) {
      const ids = res.requeued.map((m) => m.id);
      const sent = new Set(ids);
      // A basic.ack the network lost on its way here also left the message unacknowledged.
      const lostAck = latestEntry(
        this.sim,
        (e) =>
          e.kind === 'net-drop' &&
          e.node === `${reg.via ?? connOf(consumer)}->${this.id}` &&
          (e.data?.['ack'] === true || e.data?.['type'] === 'ack' || e.data?.['type'] === 'pack') &&
          (e.msgs ?? []).some((m) => sent.has(m)),
        reg.opened,
      );
      this.sim.rec.note(
        'requeue',
        this.id,
        ids,
        { reason, consumer, queue: meta.group },
        causes[0]?.id,
        'rabbit.requeue',
        [...causes, ...linksOf(['network', lostAck])],
      );
    }
    const events: VHostEvent[] = [];
    this.vhosts.get(meta.vhost)?.settle(meta.name, res.dropped, this.sim.now, 1000, events);
    this.handle(meta.vhost, events, null);
    if (meta.autoDelete && q.consumerCount === 0 && !meta.deleted) {
      // auto-delete: the last consumer is gone, so RabbitMQ deletes the queue and its bindings.
      this.removeQueue(reg.queue, 'auto-delete', { consumer, why: reason });
    }
    if (
      meta.exclusive &&
      meta.owner === connOf(consumer) &&
      reason !== 'consumer_timeout' &&
      channelsOf(this.consumers, connOf(consumer)).length === 0
    ) {
      // The declaring connection is gone: RabbitMQ deletes its exclusive queue.
      delete meta.owner;
      if (!meta.deleted)
        this.removeQueue(reg.queue, 'exclusive-queue-deleted', { consumer, why: reason });
    }
    meta.lastUsed = this.sim.now;
    this.armQueueExpiry();
    this.dispatch(meta.vhost, meta.name);
  }

  /** A copy routed to a deleted queue: the queue is not there, the copy is dropped. */
  intoDeleted(meta: QueueMeta): void {
    const q = this.queueOf(`${meta.vhost}/${meta.name}`);
    const gone = q ? q.purgeAll() : [];
    const reason = meta.deleted ?? 'queue-expired';
    if (gone.length > 0)
      this.dropBy(
        gone.map((m) => m.id),
        { reason, queue: meta.group, afterDelete: true },
        `rabbit.${reason}`,
        linksOf(['policy', meta.deletedEntry]),
        meta.deletedEntry,
      );
  }

  /**
   * Deletes a queue from the cluster (x-expires, exclusive owner gone): its messages are dropped
   * with `reason`, and copies routed to it are dropped until a consumer redeclares it.
   */
  private removeQueue(
    key: string,
    reason: 'queue-expired' | 'exclusive-queue-deleted' | 'auto-delete',
    data: Record<string, string | number | boolean>,
  ): void {
    const meta = this.shared.queues.get(key);
    const q = this.queueOf(key);
    if (!meta || !q) return;
    meta.deleted = reason;
    const gone = q.purgeAll();
    for (const [k, g] of [...this.getMsgs]) {
      if (!k.startsWith(`${key}#`)) continue;
      this.getMsgs.delete(k);
      gone.push(g.m);
    }
    const cause = this.sim.rec.note('expire', this.id, undefined, {
      queue: meta.group,
      deleted: reason,
      ...data,
    });
    meta.deletedEntry = cause;
    if (gone.length > 0)
      this.dropBy(
        gone.map((m) => m.id),
        { reason, queue: meta.group },
        `rabbit.${reason}`,
        linksOf(['policy', cause]),
        cause,
      );
    for (const m of gone) this.removed(key, m);
  }

  /** `x-expires`: arms one timer for the next queue of this node to go unused too long. */
  armQueueExpiry(): void {
    let next: number | undefined;
    for (const [key, r] of this.replicas) {
      const meta = r.meta;
      if (r.role !== 'leader' || meta.expiresUs === undefined || meta.deleted) continue;
      if ((this.queueOf(key)?.consumerCount ?? 0) > 0) continue;
      const at = (meta.lastUsed ?? 0) + meta.expiresUs;
      if (next === undefined || at < next) next = at;
    }
    this.sim.cancel(this.expiresTimer);
    this.expiresTimer = null;
    if (next === undefined || this.status !== 'up') return;
    this.expiresTimer = this.timer(Math.max(0, next - this.sim.now), this.labels.expire, () => {
      this.expiresTimer = null;
      for (const [key, r] of this.replicas) {
        const meta = r.meta;
        if (r.role !== 'leader' || meta.expiresUs === undefined || meta.deleted) continue;
        if ((this.queueOf(key)?.consumerCount ?? 0) > 0) continue;
        if (this.sim.now - (meta.lastUsed ?? 0) < meta.expiresUs) continue;
        this.removeQueue(key, 'queue-expired', { xExpiresMs: meta.expiresUs / 1000 });
      }
      this.armQueueExpiry();
    });
  }

  dispatch(vhost: string, queue: string): void {
    const v = this.vhosts.get(vhost);
    const key = this.key(vhost, queue);
    const r = this.replicas.get(key);
    if (!v || !r || r.role !== 'leader' || this.status !== 'up') return;
    this.handle(vhost, v.dispatch(this.sim.now, 1000, queue), null);
    this.armExpiry();
  }

  private armExpiry(): void {
    let next: number | undefined;
    for (const [key, r] of this.replicas) {
      if (r.role !== 'leader') continue;
      const t = this.queueOf(key)?.nextExpiry();
      if (t !== undefined && (next === undefined || t < next)) next = t;
    }
    this.sim.cancel(this.expiryTimer);
    this.expiryTimer = null;
    if (next === undefined) return;
    this.expiryTimer = this.timer(Math.max(0, next - this.sim.now), this.labels.expire, () => {
      this.expiryTimer = null;
      for (const [, r] of this.replicas)
        if (r.role === 'leader') this.dispatch(r.meta.vhost, r.meta.name);
    });
  }

  sendDelivery(
    vhost: string,
    queue: string,
    consumer: string,
    m: QMessage,
    autoAck: boolean,
  ): void {
    const key = this.key(vhost, queue);
    const meta = this.shared.queues.get(key);
    const reg = this.consumers.get(consumer);
    const p = m.payload as Publish | undefined;
    if (!meta || !p) return;
    this.sim.rec.note('dispatch', this.id, [m.id], {
      consumer,
      redelivered: m.redelivered,
      autoAck,
      queue: meta.group,
    });
    const dlCopy = this.dlCopy(vhost, meta.group, m);
    if (autoAck) this.removed(key, m);
    else if (reg) reg.since.set(m.seq, this.sim.now);
    const to = reg?.node ?? this.clients.get(consumer)?.node;
    if (!to) return;
    this.net.send(this, to, {
      type: 'deliver',
      msgs: [m.id],
      carry: true,
      p,
      queue,
      seq: m.seq,
      redelivered: m.redelivered,
      session: this.session,
      ...(reg?.via !== undefined ? { consumer, proxy: { autoAck, group: meta.group } } : {}),
      ...(chanOf(consumer) > 0 ? { channel: chanOf(consumer) } : {}),
      ...(dlCopy ? { dlCopy } : {}),
    });
  }

  /**
   * For a dead-lettered copy (x-death set) whose message already had a copy from another source
   * queue dispatched from `group`: where the copies came from. Undefined otherwise.
   */
  private dlCopy(
    vhost: string,
    group: string,
    m: QMessage,
  ): { from: string; copy: string } | undefined {
    const src = m.xDeath[0]?.queue;
    if (src === undefined || !this.sim.rec.keep) return undefined;
    const k = `${group}#${m.id}`;
    const seen = this.shared.dlSources.get(k);
    if (!seen) {
      this.shared.dlSources.set(k, [src]);
      return undefined;
    }
    if (!seen.includes(src)) seen.push(src);
    if (seen.length < 2) return undefined;
    const srcGroup = (q: string) => this.shared.queues.get(this.key(vhost, q))?.group ?? q;
    return { from: seen.map(srcGroup).join(','), copy: srcGroup(src) };
  }

  /** Forgets a proxied consumer here and tells its owner node the connection is gone. */
  dropProxied(consumer: string): void {
    const px = this.proxied.get(consumer);
    if (!px) return;
    this.proxied.delete(consumer);
    const peer = this.shared.nodeById(px.leader);
    if (peer) this.net.send(this, peer, { type: 'pclose', consumer });
  }

  /** Manual-ack basic.get deliveries by `queue#seq`, until acked or their connection closes. */
  readonly getMsgs = new Map<string, GetDelivery>();

  /** The consumer's basic.nack / basic.reject of `msg` that the broker is acting on. */
  private nackOf(msg: MsgId): number | undefined {
    return latestEntry(this.sim, (e) => e.kind === 'nack-sent' && (e.msgs?.includes(msg) ?? false));
  }

  settle(
    from: { id: string; incarnation: number },
    queue: string,
    seq: number,
    how: 'ack' | 'requeue' | 'drop',
    session: number,
  ): void {
    const reg = this.consumers.get(from.id);
    if (session !== this.session) return;
    const key = reg?.queue ?? this.key(this.clients.get(from.id)?.vhost ?? '/', queue);
    const meta = this.shared.queues.get(key);
    const q = this.queueOf(key);
    if (!meta || !q) return;
    if (!reg || reg.inc !== from.incarnation) {
      // basic.get with manual ack
      const m = this.getMsgs.get(`${key}#${seq}`)?.m;
      if (!m) return;
      this.getMsgs.delete(`${key}#${seq}`);
      if (how === 'ack') this.removed(key, m);
      else if (how === 'requeue') {
        m.redelivered = true;
        q.restore([m]);
        this.sim.rec.note(
          'requeue',
          this.id,
          [m.id],
          { reason: 'nack', consumer: from.id, queue: meta.group },
          undefined,
          'rabbit.nack-requeue',
          linksOf(['commit', this.nackOf(m.id)]),
        );
      } else {
        this.dropBy(
          [m.id],
          { reason: 'consumer-rejected', queue: meta.group },
          'rabbit.consumer-rejected',
          linksOf(['commit', this.nackOf(m.id)]),
        );
        this.removed(key, m);
      }
      this.dispatch(meta.vhost, meta.name);
      return;
    }
    reg.since.delete(seq);
    if (how === 'ack') {
      const m = q.ack(from.id, seq);
      if (m) {
        this.sim.rec.note('remove', this.id, [m.id], { reason: 'ack', queue: meta.group });
        this.removed(key, m);
      }
    } else {
      const res = q.reject(from.id, seq, how === 'requeue', this.sim.now);
      if (res) {
        if (res.requeued.length > 0)
          this.sim.rec.note(
            'requeue',
            this.id,
            res.requeued.map((m) => m.id),
            { reason: 'nack', consumer: from.id, queue: meta.group },
            undefined,
            'rabbit.nack-requeue',
            linksOf(['commit', this.nackOf(res.requeued[0]?.id ?? -1)]),
          );
        const events: VHostEvent[] = [];
        this.vhosts.get(meta.vhost)?.settle(meta.name, res.dropped, this.sim.now, 1000, events);
        this.handle(meta.vhost, events, null);
      }
    }
    this.dispatch(meta.vhost, meta.name);
  }

  /** A message left a queue for good: delete it from the store and from members' copies. */
  private removed(key: string, m: QMessage): void {
    const r = this.replicas.get(key);
    if (!r) return;
    if (r.meta.type === 'quorum') persistNow(this, { op: 'del', q: key, ref: m.ref });
    else if (m.persistent && r.meta.durable) persist(this, { op: 'del', q: key, ref: m.ref });
    if (r.meta.type !== 'classic') {
      sendToLiveMembers(this, r.meta.members, () => ({
        type: 'repl-del',
        msgs: [m.id],
        ack: true,
        queue: key,
        ref: m.ref,
      }));
    }
    // RabbitMQ confirms a message once it is persisted or consumed, whichever comes first.
    if (r.waiting.has(m.ref)) {
      if (!this.diskDone.has(`${key}#${m.ref}`)) this.diskDone.set(`${key}#${m.ref}`, undefined);
      const w = r.waiting.get(m.ref);
      if (w) w.need.clear();
      checkWaiting(this, key, m.ref);
    }
    checkSynced(this, key, r);
  }

  // -------------------------------------------------------------------------------------------
  // crash and recovery

  /** Whether the last stop was a power loss (the machine is off, not just the process). */
  private poweredOff = false;

  /** A client's TCP connect: refused while the process is down and the machine up. */
  refusesConnections(): boolean {
    return this.status === 'crashed' && !this.poweredOff;
  }

  protected override onStop(journalId: number, powerLoss: boolean): void {
    this.poweredOff = powerLoss;
    this.crashedLive = new Map([...this.replicas].map(([k]) => [k, this.liveOfUp(k)]));
    this.crashedReady = new Map(
      [...this.replicas]
        .filter(([, r]) => r.role === 'leader')
        .map(([k]) => [k, (this.queueOf(k)?.readyMessages ?? []).map((m) => m.id)]),
    );
    this.crashedUnacked = new Set(
      [...this.replicas].flatMap(([k, r]) =>
        r.role === 'leader' ? (this.queueOf(k)?.unackedMessages() ?? []).map((m) => m.id) : [],
      ),
    );
    this.stopId = journalId;
    const survive = recoverable(this);
    const lostPages = new Set<MsgId>();
    for (const e of (this.disk.lastPowerLoss.get(this.store.name) ?? []) as StoreEntry[])
      if (e.op === 'pub') lostPages.add(e.m.id);
    for (const [key, r] of this.replicas) {
      if (r.role !== 'leader') continue;
      const meta = r.meta;
      // Replicated queues: a member takes over, and the promotion accounts for what is gone.
      if (meta.type !== 'classic' && meta.members.length > 1) continue;
      const keep = new Set((survive.get(key) ?? []).map((m) => m.ref));
      const byReason = new Map<string, MsgId[]>();
      for (const m of this.liveOfUp(key)) {
        if (keep.has(m.ref)) continue;
        const reason = meta.exclusive
          ? 'exclusive-queue-deleted'
          : !meta.durable
            ? 'queue-deleted'
            : !m.persistent
              ? 'crash-transient'
              : powerLoss && lostPages.has(m.id)
                ? 'power-loss-unsynced'
                : 'crash-unwritten';
        const list = byReason.get(reason) ?? [];
        list.push(m.id);
        byReason.set(reason, list);
      }
      for (const [reason, ids] of byReason)
        this.dropBy(
          ids,
          { reason, queue: meta.group },
          STOP_MECH[reason],
          linksOf(['fault', journalId]),
          journalId,
        );
      if (meta.exclusive && meta.owner !== undefined) {
        // The owner's connection died with the node: the queue is gone until redeclared.
        delete meta.owner;
        meta.deleted = 'exclusive-queue-deleted';
      }
    }
    // The OS closes every socket of a crashed process; a machine without power sends nothing.
    if (!powerLoss) {
      for (const c of this.clients.values())
        this.net.send(this, c.node, { type: 'close', incarnation: this.incarnation });
      for (const c of this.consumers.values())
        if (c.via === undefined)
          this.net.send(this, c.node, { type: 'close', incarnation: this.incarnation });
      for (const px of this.proxied.values())
        this.net.send(this, px.node, { type: 'close', incarnation: this.incarnation });
      for (const p of this.shared.nodes) {
        const peer = p === this.id ? undefined : this.shared.nodeById(p);
        if (peer)
          this.net.send(this, peer, {
            type: 'close',
            incarnation: this.incarnation,
            cause: journalId,
          });
      }
    }
    this.clients.clear();
    this.consumers.clear();
    this.proxied.clear();
    this.pubs.clear();
    this.pubDone.clear();
    for (const client of [...this.txOpen.keys()]) this.discardTx(client, journalId);
    this.confirmChans.clear();
    this.pendingWrites = [];
    this.fsyncWaiters = [];
    this.getMsgs.clear();
    this.diskDone.clear();
    this.flusher.stop();
    this.expiresTimer = null;
    for (const v of this.vhosts.values()) for (const q of v.queues.values()) q.purgeAll();
    for (const r of this.replicas.values()) {
      r.copy.clear();
      r.pending.clear();
      r.waiting.clear();
    }
  }

  /** What each replica held when the process died (the promotion compares against it). */
  private crashedLive = new Map<string, QMessage[]>();
  /** Of those, the ready ones (not delivered), and the delivered and unacknowledged ones. */
  private crashedReady = new Map<string, MsgId[]>();
  private crashedUnacked = new Set<MsgId>();
  /** The journal entry of this node's last crash or power loss. */
  stopId = -1;

  private liveOfUp(key: string): QMessage[] {
    const r = this.replicas.get(key);
    if (!r) return [];
    if (r.role === 'member') return [...r.copy.values()];
    const q = this.queueOf(key);
    const out = q ? [...q.readyMessages, ...q.unackedMessages()] : [];
    for (const [ref, p] of r.pending) out.push(asQMessage(p.input, ref));
    return out;
  }

  protected override onRestart(journalId: number): void {
    this.poweredOff = false;
    const back = recoverable(this);
    // Transient (non-durable) queues are deleted on boot; their store records go with them.
    this.boot(true);
    for (const p of this.peerUp.keys()) this.peerHeard.set(p, this.sim.now);
    for (const [key, r] of this.replicas) {
      const meta = r.meta;
      const msgs = (back.get(key) ?? []).map((m) => ({ ...m, redelivered: true }));
      const stillLeader = this.leaders.get(key) === this.id && !this.discarded.has(key);
      if (meta.type === 'quorum') {
        // A quorum member's log survives; it catches up from the leader when it rejoins.
        if (stillLeader && meta.members.length > 1) {
          r.role = 'member';
          for (const m of msgs) r.copy.set(m.ref, m);
        } else if (stillLeader) {
          this.queueOf(key)?.restore(msgs);
          r.nextRef = msgs.reduce((a, m) => Math.max(a, m.ref + 1), 0);
        } else for (const m of msgs) r.copy.set(m.ref, m);
        continue;
      }
      if (stillLeader) {
        r.role = 'leader';
        // No member took over (none was eligible): what did not reach the disk is gone now.
        const kept = new Set(msgs.map((m) => m.ref));
        const lost = (this.crashedLive.get(key) ?? []).filter((m) => !kept.has(m.ref));
        if (lost.length > 0) {
          const reason = !meta.durable ? 'queue-deleted' : 'crash-unwritten';
          const byReason = new Map<string, MsgId[]>();
          for (const m of lost) {
            const why =
              reason === 'queue-deleted' ? reason : m.persistent ? reason : 'crash-transient';
            byReason.set(why, [...(byReason.get(why) ?? []), m.id]);
          }
          if (meta.type !== 'classic' || meta.members.length > 1)
            for (const [why, ids] of byReason)
              this.dropBy(
                ids,
                { reason: why, queue: meta.group },
                STOP_MECH[why],
                linksOf(['fault', this.stopId], ['restart', journalId]),
                this.stopId,
              );
        }
        this.queueOf(key)?.restore(msgs);
        r.nextRef = msgs.reduce((a, m) => Math.max(a, m.ref + 1), 0);
        noteRecovered(
          this.sim,
          this.id,
          meta.group,
          msgs.map((m) => m.id),
          {
            ready: new Set(this.crashedReady.get(key) ?? []),
            unacked: this.crashedUnacked,
            stop: this.stopId,
            restart: journalId,
          },
        );
      } else {
        // A mirror restarts empty and unsynchronised; the old leader rejoins as a mirror.
        r.role = 'member';
        r.synced = false;
      }
    }
    this.discarded.clear();
    this.crashedLive.clear();
    this.crashedReady.clear();
    this.crashedUnacked.clear();
    // A fresh boot: the peers it lost before are not a partition it lived through.
    this.lostPeers.clear();
    this.storeBase += this.store.length;
    this.store.truncate(0);
    this.storeCompacted = 0;
    this.wal.truncate(0);
    this.walCompacted = 0;
    // The store is rewritten with what survived (RabbitMQ compacts its store on recovery).
    for (const [key, r] of this.replicas) {
      const quorum = r.meta.type === 'quorum';
      if (r.role !== 'leader' && !quorum) continue;
      for (const m of this.liveOfUp(key))
        if (quorum || (m.persistent && r.meta.durable))
          persistNow(this, { op: 'pub', q: key, ref: m.ref, m });
    }
    for (const p of this.shared.nodes) {
      const peer = p === this.id ? undefined : this.shared.nodeById(p);
      if (peer) this.net.send(this, peer, { type: 'tick' });
    }
    for (const [, r] of this.replicas)
      if (r.role === 'leader') this.dispatch(r.meta.vhost, r.meta.name);
  }

  /** Journals a drop a mechanism made (`mech`), with the entries that made it act. */
  /**
   * The publishes staged in `client`'s open transaction are gone with its channel: an
   * uncommitted transaction is rolled back when the channel closes (the node crashed or the
   * connection closed), so they were never routed (`rabbit.tx-uncommitted`).
   */
  private discardTx(client: string, cause: number | undefined, role: CauseRole = 'fault'): void {
    const list = this.txOpen.get(client);
    this.txOpen.delete(client);
    if (!list || list.length === 0) return;
    this.dropBy(
      list.map((x) => x.p.id),
      { reason: 'tx-uncommitted', from: client },
      'rabbit.tx-uncommitted',
      linksOf([role, cause]),
      cause,
    );
  }

  dropBy(
    msgs: readonly MsgId[],
    data: Readonly<Record<string, string | number | boolean>>,
    mech: MechanismId | undefined,
    links: CauseLink[],
    cause?: number,
  ): number {
    return this.sim.rec.note('drop', this.id, msgs, data, cause, mech, links);
  }

  /**
   * Publishes received in a transaction whose `tx.commit` has not arrived yet: the channel holds
   * them unrouted (rabbit_channel keeps the uncommitted publishes in its tx state), so they are
   * in no queue yet, yet neither lost nor on the wire.
   */
  staged(): MsgId[] {
    const out: MsgId[] = [];
    for (const list of this.txOpen.values()) for (const x of list) out.push(x.p.id);
    return out;
  }

  /** Where this node holds each message, per group. */
  held(into: Map<string, Map<MsgId, HeldState>>, where?: Map<string, Map<MsgId, HeldWhere>>): void {
    const add = (group: string, id: MsgId, s: HeldState) => {
      const g = into.get(group);
      if (!g || g.has(id)) return;
      g.set(id, s);
      // Stored here (ready, a member's copy, a Raft entry), or delivered from here and not yet
      // acknowledged: at its consumer (the model refines that to the buffer or the wire).
      where
        ?.get(group)
        ?.set(
          id,
          s === 'stored'
            ? { place: 'broker', node: this.id, queue: group }
            : { place: 'consumer', queue: group },
        );
    };
    if (this.status === 'crashed') {
      for (const [key, msgs] of recoverable(this)) {
        const meta = this.shared.queues.get(key);
        if (meta) for (const m of msgs) add(meta.group, m.id, 'stored');
      }
      for (const [key, msgs] of this.crashedLive) {
        const meta = this.shared.queues.get(key);
        // Replicated queues' copies of a crashed member are still held until a promotion says not.
        if (meta && meta.type !== 'classic' && !this.discarded.has(key))
          for (const m of msgs) add(meta.group, m.id, 'stored');
      }
      return;
    }
    for (const [key, r] of this.replicas) {
      const g = r.meta.group;
      if (r.role === 'member') {
        for (const m of r.copy.values()) add(g, m.id, 'stored');
        continue;
      }
      const q = this.queueOf(key);
      if (q) {
        for (const m of q.readyMessages) add(g, m.id, 'stored');
        for (const m of q.unackedMessages()) add(g, m.id, 'in-flight');
      }
      for (const p of r.pending.values()) add(g, p.input.id, 'stored');
    }
    for (const [k, { m }] of this.getMsgs) {
      const meta = this.shared.queues.get(k.slice(0, k.lastIndexOf('#')));
      if (meta) add(meta.group, m.id, 'in-flight');
    }
  }
}

/** The mechanism of each way a queue lets a message go. */
const DROP_MECH: Record<Dropped['reason'], MechanismId> = {
  expired: 'rabbit.expired',
  maxlen: 'rabbit.overflow',
  rejected: 'rabbit.consumer-rejected',
  delivery_limit: 'rabbit.delivery-limit',
  'reject-publish': 'rabbit.overflow-reject-publish',
};

function findRef(
  q: { readyMessages: readonly QMessage[]; unackedMessages(): QMessage[] },
  ref: number,
): QMessage | undefined {
  // From the back: the message looked for was just enqueued, and a queue that backs up (no
  // consumer, a paused minority) holds many; from the front each enqueue cost the queue's length,
  // and a hundred publishers into such a queue ran at a few thousand events per second.
  const ready = q.readyMessages;
  for (let i = ready.length - 1; i >= 0; i--) {
    const m = ready[i] as QMessage;
    if (m.ref === ref) return m;
  }
  for (const m of q.unackedMessages()) if (m.ref === ref) return m;
  return undefined;
}

/**
 * The mechanism and links of a confirm that waited for its copies to be safe on disk: the store's
 * fsync of a persistent message in a durable queue, or a quorum commit (a majority fsynced it).
 * RabbitMQ confirms such a message only then (https://www.rabbitmq.com/confirms.html#when-publishes-are-confirmed).
 */
function afterFsync(safe: readonly number[]): [MechanismId | undefined, CauseLink[] | undefined] {
  if (safe.length === 0) return [undefined, undefined];
  return ['rabbit.confirm-after-fsync', [...new Set(safe)].map((id) => ({ role: 'earlier', id }))];
}
