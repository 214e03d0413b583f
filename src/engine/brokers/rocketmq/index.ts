/**
 * Builds the RocketMQ model (4.9.x master/slave mode) from a scenario: NameServers, broker groups
 * of a master and its slaves, producers and consumer groups on one simulated network. It keeps the
 * group-level tables a real cluster keeps at its brokers (consumer offsets, orderly queue locks,
 * group membership) and the engine-side accounting the checker needs: every time a message's last
 * copy goes (a power loss's page-cache tail, a failed disk, a slave cut back to its master), a
 * rollback, a dead letter, a skipped backlog, the model journals it with the mechanism that did it
 * and links to the entries that made it act; `held()` lists what every group can still read.
 */
import type { CauseLink, HeldState, MechanismId, MsgId } from '../../check/history';
import { Network } from '../../kernel/network';
import type { Sim, SimNode } from '../../kernel/sim';
import { fromMs, type Micros } from '../../kernel/time';
import { subscribedTags, type RocketMqScenario } from '../../../scenario/systems/rocketmq';
import { distFromMs, linkSpecs } from '../../scenario-bridge';
import type { FaultTargets, Model } from '../../model';
import type { ClusterView, EntryView, NodeView, StoreView } from '../../view';
import { sinkText } from '../inspect';
import { KafkaSink, type KafkaSinkKind } from '../kafka/sink';
import { RocketBroker, type BrokerHost } from './broker';
import { ById } from './by-id';
import { RocketConsumer, type ConsumerHost } from './consumer';
import { NameServer } from './nameserver';
import { RocketProducer, type ProducerHost } from './producer';
import {
  dlqTopic,
  qkeyOf,
  retryTopic,
  SCHEDULE_TOPIC,
  type BrokerRoute,
  type SendStatus,
  type Stored,
  type Wire,
} from './protocol';

/** Every SendStatus, for `statusOf`'s indexes. */
const STATUSES: readonly SendStatus[] = [
  'SEND_OK',
  'FLUSH_DISK_TIMEOUT',
  'FLUSH_SLAVE_TIMEOUT',
  'SLAVE_NOT_AVAILABLE',
  'SERVICE_NOT_AVAILABLE',
];

/** RebalanceLockManager: a queue lock not renewed for 60 s expires. */
const LOCK_LIVE_US = 60_000_000;
/** Newest entries per queue in a ClusterView. */
const VIEW_ENTRIES = 48;
/** MessageStoreConfig.cleanResourceInterval (10 s): how often the clean service checks the disk. */
const CLEAN_RESOURCE_INTERVAL_MS = 10_000;

/** What tests and the inspector read of a RocketMQ run. */
export interface RocketMqView {
  system: 'rocketmq';
  brokers: ReturnType<RocketBroker['view']>[];
  producers: ReturnType<RocketProducer['view']>[];
  consumers: ReturnType<RocketConsumer['view']>[];
  /** Per consumer group: committed offsets at the brokers. */
  offsets: Record<string, Record<string, number>>;
}

interface GroupInfo {
  topic: string;
  tags: ReadonlySet<string> | null;
  /** The consumer group, for a broadcasting consumer's checker group `group@consumer`. */
  group: string;
}

export class RocketMqModel implements Model<RocketMqView> {
  readonly family = 'rocketmq' as const;
  readonly net: Network<Wire>;
  readonly nameServers: NameServer[];
  readonly brokers: RocketBroker[];
  readonly producers: RocketProducer[];
  readonly consumers: RocketConsumer[];
  readonly groups: readonly string[];
  private readonly groupInfo = new Map<string, GroupInfo>();
  private readonly byName = new Map<string, RocketBroker[]>();
  private nextMsg = 0;
  /** Per consumer group: qkey -> offset, at the broker (RemoteBrokerOffsetStore's other half). */
  readonly offsets = new Map<string, Map<string, number>>();
  private readonly commitEntry = new Map<string, number>();
  private readonly locks = new Map<string, { owner: string; at: Micros }>();
  private readonly members = new Map<string, Set<string>>();
  private readonly rebalanceEntry = new Map<string, number>();
  private readonly stops = new Map<string, number>();
  private readonly deliveredTo = new Map<string, { end: number; consumer: string }>();
  private readonly fails = new Map<string, number>();
  private readonly dbs = new Map<string, Map<MsgId, 'commit' | 'rollback'>>();
  /** Per message: its latest publish, append and answer entries, and the status it got. */
  private readonly publishEntry = new ById();
  /** Per broker group, the journal id of its master's last stop or restart (a route change). */
  private readonly routeEvents = new Map<string, number>();
  private readonly appendEntry = new ById();
  private readonly confirmEntry = new ById();
  /** The status each message's latest answer gave, as an index in STATUSES. */
  private readonly statusOf = new ById();
  private readonly againEntry = new Map<string, number>();
  /** Topic and tag of every message, kept only when some group reads a subset (scope). */
  private readonly sentInfo: Map<MsgId, { topic: string; tags: string | null }> | null;
  private readonly brokerCfg: Map<string, RocketMqScenario['brokers'][number]>;

  constructor(
    readonly sim: Sim,
    s: RocketMqScenario,
  ) {
    const { defaults, overrides } = linkSpecs(s.network);
    this.net = new Network<Wire>(sim, defaults);
    const topicInfos = s.topics.map((t) => ({
      name: t.name,
      brokers: t.brokers,
      readQueueNums: t.readQueueNums,
      writeQueueNums: t.writeQueueNums,
    }));
    this.nameServers = s.nameServers.map(
      (id) => new NameServer(sim, id, this.net, topicInfos, fromMs(s.brokerChannelExpiredTime)),
    );
    this.brokerCfg = new Map(s.brokers.map((b) => [b.id, b]));
    const brokerHost = this.brokerHost();
    this.brokers = s.brokers.map((b) => {
      const node = new RocketBroker(
        sim,
        b.id,
        this.net,
        {
          brokerName: b.brokerName,
          brokerId: b.brokerId,
          role: b.brokerRole,
          syncFlush: b.flushDiskType === 'SYNC_FLUSH',
          flushIntervalUs: fromMs(b.flushIntervalCommitLog),
          syncFlushTimeoutUs: fromMs(b.syncFlushTimeout),
          fsyncUs: fromMs(b.fsyncLatencyMs),
          nameServers: s.nameServers,
          registerUs: fromMs(s.registerNameServerPeriod),
          transactionTimeoutUs: fromMs(s.transactionTimeOut),
          transactionCheckIntervalUs: fromMs(s.transactionCheckInterval),
          transactionCheckMax: s.transactionCheckMax,
          diskFullFromUs:
            b.diskFullAtMs === undefined
              ? Number.POSITIVE_INFINITY
              : Math.ceil(b.diskFullAtMs / CLEAN_RESOURCE_INTERVAL_MS) *
                CLEAN_RESOURCE_INTERVAL_MS *
                1000,
        },
        brokerHost,
      );
      this.byName.set(b.brokerName, [...(this.byName.get(b.brokerName) ?? []), node]);
      for (const ns of this.nameServers) ns.preRegister(b.id, b.brokerName, b.brokerId);
      return node;
    });
    // The cluster ran before the run: every master already hears its slaves.
    for (const b of this.brokers)
      if (b.master && (this.byName.get(b.cfg.brokerName) ?? []).length > 1) b.slaveHeardAt = 0;
    const failLabel = sim.label('rocketmq.disk-fail');
    for (const b of s.brokers)
      if (b.diskFailsAtMs !== undefined) {
        const node = this.brokers.find((x) => x.id === b.id) as RocketBroker;
        sim.schedule(fromMs(b.diskFailsAtMs), failLabel, () => {
          const f = sim.rec.note('fault-armed', b.id, undefined, { kind: 'disk-failure' });
          node.failDisk(f);
        });
      }
    // Interned only when used: a new label id would renumber the later ones (and every trace hash).
    const wipes = s.wipeWritePerm ?? [];
    const wipeLabel = wipes.length > 0 ? sim.label('rocketmq.wipe-write-perm') : 0;
    for (const w of wipes)
      sim.schedule(fromMs(w.atMs), wipeLabel, () => {
        const changed = this.nameServers.map((ns) => ns.wipeWritePerm(w.brokerName));
        const master = this.brokers.find((b) => b.master && b.cfg.brokerName === w.brokerName);
        const id = sim.rec.note('fault-armed', master?.id ?? w.brokerName, undefined, {
          kind: 'wipe-write-perm',
          brokerName: w.brokerName,
          nameServers: changed.filter((n) => n > 0).length,
        });
        // What a key's move to another queue links to (the route lost the group's queues).
        this.routeEvents.set(w.brokerName, id);
      });
    const routes = (this.nameServers[0] as NameServer).routes();
    const needScope =
      s.topics.length > 1 || s.consumers.some((c) => subscribedTags(c.subExpression) !== null);
    this.sentInfo = needScope ? new Map() : null;
    const pollUs = fromMs(s.pollNameServerInterval);
    const producerHost = this.producerHost();
    this.producers = s.producers.map(
      (p) =>
        new RocketProducer(
          sim,
          p.id,
          this.net,
          {
            ...p,
            intervalUs: Math.max(1, Math.round(1_000_000 / p.ratePerSec)),
            startUs: fromMs(p.startMs),
          },
          s.nameServers,
          pollUs,
          routes,
          producerHost,
        ),
    );
    const groups: string[] = [];
    const consumerHost = this.consumerHost(s.nameServers);
    this.consumers = s.consumers.map((c) => {
      const broadcasting = c.messageModel === 'BROADCASTING';
      const checkGroup = broadcasting ? `${c.consumerGroup}@${c.id}` : c.consumerGroup;
      const tags = subscribedTags(c.subExpression);
      if (!this.groupInfo.has(checkGroup)) {
        groups.push(checkGroup);
        this.groupInfo.set(checkGroup, { topic: c.topic, tags, group: c.consumerGroup });
      }
      const orderly = c.listener === 'orderly';
      return new RocketConsumer(
        sim,
        c.id,
        this.net,
        {
          group: c.consumerGroup,
          checkGroup,
          topic: c.topic,
          tags: tags === null ? null : [...tags],
          broadcasting,
          orderly,
          fromFirst: c.consumeFromWhere === 'CONSUME_FROM_FIRST_OFFSET',
          alloc: {
            strategy: c.allocateMessageQueueStrategy,
            virtualNodes: c.virtualNodeCnt ?? 10,
            configQueues: (c.messageQueueList ?? []).map((q) =>
              qkeyOf(q.brokerName, q.topic ?? c.topic, q.queueId),
            ),
            idcs: new Set(c.consumeridcs ?? []),
          },
          maxReconsume:
            c.maxReconsumeTimes >= 0 ? c.maxReconsumeTimes : orderly ? 2_147_483_647 : 16,
          suspendUs: fromMs(c.suspendCurrentQueueTimeMillis),
          persistUs: fromMs(c.persistConsumerOffsetInterval),
          threads: orderly ? 1 : c.consumeThreadMin,
          processing: distFromMs(c.processingMs),
          failTimes: c.failTimes,
          failEvery: c.failEvery,
          startUs: fromMs(c.startMs),
          rebalanceUs: fromMs(s.rebalanceInterval),
          pollUs,
          lite:
            c.consumerType === 'LITE_PULL'
              ? {
                  batch: c.pullBatchSize ?? 10,
                  pollTimeoutUs: fromMs(c.pollTimeoutMillis ?? 5000),
                  autoCommit: c.autoCommit ?? true,
                  autoCommitUs: fromMs(c.autoCommitIntervalMillis ?? 5000),
                }
              : null,
        },
        this.sinkOf(checkGroup, c.sink),
        routes,
        consumerHost,
      );
    });
    for (const o of overrides) this.net.setLink(o.from, o.to, o.spec);
    this.groups = groups;
  }

  private readonly sinks = new Map<string, KafkaSink>();
  /** One database per group and sink kind, shared by the group's consumers. */
  private sinkOf(group: string, kind: KafkaSinkKind): KafkaSink {
    const k = `${group}|${kind}`;
    let s = this.sinks.get(k);
    if (!s) {
      s = new KafkaSink(kind);
      this.sinks.set(k, s);
    }
    return s;
  }

  // ---------------------------------------------------------------------------------- hosts

  private refused(n: SimNode): boolean {
    return n.status === 'crashed' && !(n instanceof RocketBroker && (n.lostPower || n.diskFailed));
  }

  private brokerHost(): BrokerHost {
    return {
      node: (id) => this.sim.node(id),
      peers: (b) => (this.byName.get(b.cfg.brokerName) ?? []).filter((x) => x !== b),
      checker: (group) =>
        this.producers.find((p) => p.status === 'up' && this.producerGroupOf(p) === group) ?? null,
      stored: (b, s, how) => {
        if (how !== 'append' || s.op !== null) return;
        const e = this.sim.rec.note(
          'append',
          b.id,
          [s.id],
          s.group !== null
            ? { topic: s.topic, queue: s.queueId, group: s.group }
            : { topic: s.topic, queue: s.queueId },
          this.publishEntry.get(s.id),
        );
        this.appendEntry.set(s.id, e);
      },
      lost: (b, gone, how, fault) => this.lost(b, gone, how, fault),
      answered: (b, s, status, waited) => {
        this.statusOf.set(s.id, STATUSES.indexOf(status));
        const mech: MechanismId | undefined =
          waited === 'slave'
            ? 'rocketmq.sync-master-waited'
            : waited === 'flush'
              ? 'rocketmq.sync-flush-waited'
              : undefined;
        const e = this.sim.rec.note('confirm-sent', b.id, [s.id], { status }, undefined, mech);
        this.confirmEntry.set(s.id, e);
      },
      txnDecided: (b, half, decision, by, checks) => {
        const links: CauseLink[] = [];
        const ap = this.appendEntry.get(half.id);
        if (ap !== undefined) links.push({ role: 'earlier', id: ap });
        if (decision === 'commit') {
          this.sim.rec.note(
            'txn-commit',
            b.id,
            [half.id],
            { by, checks },
            undefined,
            by === 'check' ? 'rocketmq.txn-check-committed' : undefined,
            links,
          );
          return;
        }
        const fault = this.sim.node(this.msgProducer.get(half.id) ?? '')?.lastStopId ?? -1;
        if (fault >= 0) links.push({ role: 'fault', id: fault });
        this.sim.rec.note(
          by === 'check-max' ? 'drop' : 'txn-abort',
          b.id,
          [half.id],
          {
            reason: by === 'check-max' ? 'transaction-check-max' : 'transaction-rollback',
            by,
            checks,
          },
          undefined,
          by === 'check-max' ? 'rocketmq.txn-check-max' : 'rocketmq.txn-rollback',
          links,
        );
      },
      sentBack: (b, s, group, dlq) => {
        if (!dlq) return;
        const info = [...this.groupInfo.entries()].find(([, v]) => v.group === group);
        const again = this.againEntry.get(`${group}|${s.id}`);
        this.sim.rec.note(
          'dead-letter',
          b.id,
          [s.id],
          { group: info?.[0] ?? group, dlq: dlqTopic(group), reconsumeTimes: s.reconsume },
          again,
          'rocketmq.dlq',
          again !== undefined ? [{ role: 'policy', id: again }] : [],
        );
      },
      stopped: (b, fault, powerLoss) => {
        if (b.master) this.routeEvents.set(b.cfg.brokerName, fault);
        // A dead process's sockets are reset: clients waiting on it fail at once. A machine that
        // lost power sends nothing: they wait for their timeouts.
        if (powerLoss) return;
        for (const p of this.producers) p.connectionReset(b.id, fault);
        for (const c of this.consumers) c.connectionReset(b.id);
      },
      recovered: (b, restart) => {
        if (b.master) this.routeEvents.set(b.cfg.brokerName, restart);
        // Offsets past a queue's recovered end (a power loss cut the CommitLog) point at nothing:
        // the broker answers OFFSET_MOVED and the consumer goes back to the max offset.
        for (const [g, m] of this.offsets)
          for (const [qkey, off] of m) {
            const { brokerName, topic, queueId } = parseKey(qkey);
            if (brokerName !== b.cfg.brokerName) continue;
            const len = b.cqs.get(`${topic}|${queueId}`)?.length ?? 0;
            if (off > len) m.set(qkey, len);
            void g;
          }
        for (const [k, d] of this.deliveredTo) {
          const qkey = k.slice(k.indexOf('|') + 1);
          const { brokerName, topic, queueId } = parseKey(qkey);
          if (brokerName !== b.cfg.brokerName) continue;
          d.end = Math.min(d.end, b.cqs.get(`${topic}|${queueId}`)?.length ?? 0);
        }
        for (const c of this.consumers)
          c.clampTo(b.cfg.brokerName, (t, q) => b.cqs.get(`${t}|${q}`)?.length ?? 0);
      },
      offsetUpdated: (b, group, qkey, offset, unlock) => {
        let m = this.offsets.get(group);
        if (!m) {
          m = new Map();
          this.offsets.set(group, m);
        }
        m.set(qkey, offset);
        const e = this.sim.rec.note('offset-commit', b.id, undefined, {
          consumerGroup: group,
          qkey,
          offset,
        });
        this.commitEntry.set(`${group}|${qkey}`, e);
        if (unlock) this.locks.delete(`${group}|${qkey}`);
      },
    };
  }

  private producerGroupOf(p: RocketProducer): string {
    return (p as unknown as { cfg: { producerGroup: string } }).cfg.producerGroup;
  }

  /** Transactional messages: which producer sent each (for the crash a rollback links). */
  private readonly msgProducer = new Map<MsgId, string>();

  private producerHost(): ProducerHost {
    return {
      node: (id) => this.sim.node(id),
      refused: (n) => this.refused(n),
      nextMsgId: () => this.nextMsg++,
      localDb: (g) => {
        let db = this.dbs.get(g);
        if (!db) {
          db = new Map();
          this.dbs.set(g, db);
        }
        return db;
      },
      publishEntry: (id, e) => this.publishEntry.set(id, e),
      routeEvent: (brokerName) => this.routeEvents.get(brokerName) ?? -1,
      sentMessage: (id, topic, tags, txnProducer) => {
        this.sentInfo?.set(id, { topic, tags });
        if (txnProducer !== null) this.msgProducer.set(id, txnProducer);
      },
    };
  }

  private consumerHost(nameServers: readonly string[]): ConsumerHost {
    return {
      node: (id) => this.sim.node(id),
      refused: (n) => this.refused(n),
      nameServer: (i) => this.sim.node(nameServers[i % nameServers.length] as string),
      members: (g) => [...(this.members.get(g) ?? [])].sort(),
      join: (c) => this.membership(c, true, undefined),
      leave: (c, fault) => {
        this.stops.set(c.id, fault);
        this.membership(c, false, fault);
      },
      committed: (g, qkey) => this.offsets.get(g)?.get(qkey) ?? -1,
      startAtEnd: (c, qkey) => this.startAtEnd(c, qkey),
      lock: (g, qkey, consumer) => {
        const { brokerName } = parseKey(qkey);
        const master = (this.byName.get(brokerName) ?? []).find((b) => b.master);
        if (!master || master.status !== 'up') return false;
        const k = `${g}|${qkey}`;
        const l = this.locks.get(k);
        if (l && l.owner !== consumer && this.sim.now - l.at <= LOCK_LIVE_US) return false;
        this.locks.set(k, { owner: consumer, at: this.sim.now });
        return true;
      },
      resumed: (c, qkey, offset, assign) => this.resumed(c, qkey, offset, assign),
      delivered: (c, qkey, end) => {
        const k = `${c.cfg.checkGroup}|${qkey}`;
        const d = this.deliveredTo.get(k);
        if (!d || d.end < end) this.deliveredTo.set(k, { end, consumer: c.id });
      },
      failures: (g, id, add) => {
        const k = `${g}|${id}`;
        const n = (this.fails.get(k) ?? 0) + (add ? 1 : 0);
        if (add) this.fails.set(k, n);
        return n;
      },
      discarded: (c, s) => {
        this.sim.rec.note(
          'drop',
          c.id,
          [s.id],
          { reason: 'broadcast-consume-failed', group: c.cfg.checkGroup },
          undefined,
          'rocketmq.broadcast-no-retry',
        );
      },
      again: (c, s, how) => {
        const links: CauseLink[] = [];
        const prev = this.againEntry.get(`${c.cfg.group}|${s.id}`);
        if (prev !== undefined) links.push({ role: 'earlier', id: prev });
        const e = this.sim.rec.note(
          'requeue',
          c.id,
          [s.id],
          {
            reason: how === 'send-back' ? 'reconsume-later' : 'suspend-current-queue',
            group: c.cfg.checkGroup,
            reconsumeTimes: s.reconsume,
          },
          undefined,
          'rocketmq.reconsume-later',
          links,
        );
        this.againEntry.set(`${c.cfg.group}|${s.id}`, e);
      },
    };
  }

  /** Group membership as the brokers see it: a consumer's connection opens or closes. */
  private membership(c: RocketConsumer, join: boolean, fault: number | undefined): void {
    const g = c.cfg.group;
    let m = this.members.get(g);
    if (!m) {
      m = new Set();
      this.members.set(g, m);
    }
    if (join) m.add(c.id);
    else m.delete(c.id);
    const e = this.sim.rec.note(
      'rebalance',
      g,
      undefined,
      {
        group: c.cfg.checkGroup,
        consumer: c.id,
        reason: join ? 'consumer-joined' : 'consumer-left',
        members: [...m].sort().join(','),
      },
      fault,
    );
    this.rebalanceEntry.set(g, e);
    // NOTIFY_CONSUMER_IDS_CHANGED: every other member rebalances at once.
    const label = this.sim.label('rocketmq.rebalance');
    for (const other of this.consumers)
      if (other !== c && other.cfg.group === g && other.status === 'up')
        other.timer(1000, label, () => other.rebalance('notified'));
  }

  /** The broker process whose ConsumeQueue for `qkey` is longest (the master unless it lost some). */
  private cqOf(qkey: string): Stored[] {
    const { brokerName, topic, queueId } = parseKey(qkey);
    let best: Stored[] = [];
    for (const b of this.byName.get(brokerName) ?? []) {
      const cq = b.cqs.get(`${topic}|${queueId}`);
      if (cq && cq.length > best.length) best = cq;
    }
    return best;
  }

  private inScope(g: GroupInfo, s: Stored): boolean {
    return s.topic !== g.topic || g.tags === null || (s.tags !== null && g.tags.has(s.tags));
  }

  /** CONSUME_FROM_LAST_OFFSET for a new group: the backlog is skipped. */
  private startAtEnd(c: RocketConsumer, qkey: string): number {
    const cq = this.cqOf(qkey);
    const info = this.groupInfo.get(c.cfg.checkGroup);
    const ids = cq.filter((s) => !info || this.inScope(info, s)).map((s) => s.id);
    if (ids.length > 0)
      this.sim.rec.note(
        'drop',
        c.id,
        ids,
        { reason: 'consume-from-last-offset', group: c.cfg.checkGroup, qkey, offset: cq.length },
        undefined,
        'rocketmq.consume-from-last-offset',
      );
    return cq.length;
  }

  /** A consumer starts a queue behind what its group already had: those will be consumed again. */
  private resumed(c: RocketConsumer, qkey: string, offset: number, assign: number): void {
    const g = c.cfg.checkGroup;
    const d = this.deliveredTo.get(`${g}|${qkey}`);
    if (!d || d.end <= offset) return;
    const info = this.groupInfo.get(g);
    const ids = this.cqOf(qkey)
      .slice(offset, d.end)
      .filter((s) => !info || this.inScope(info, s))
      .map((s) => s.id);
    if (ids.length === 0) return;
    const prev = this.sim.node(d.consumer);
    const stop =
      prev && (prev.status === 'crashed' || d.consumer === c.id)
        ? this.stops.get(d.consumer)
        : undefined;
    const links: CauseLink[] = [
      stop !== undefined
        ? { role: 'fault', id: stop }
        : { role: 'rebalance', id: this.rebalanceEntry.get(c.cfg.group) ?? assign },
    ];
    const commit = this.commitEntry.get(`${c.cfg.group}|${qkey}`);
    if (commit !== undefined) links.push({ role: 'commit', id: commit });
    this.sim.rec.note(
      'requeue',
      c.id,
      ids,
      { reason: 'resume-from-persisted-offset', group: g, qkey, offset, previous: d.consumer },
      stop,
      'rocketmq.offset-not-persisted',
      links,
    );
  }

  /**
   * Journals the messages whose last copy in the broker group just went, with the mechanism: a
   * power loss took ASYNC_FLUSH's page-cache tail (or SYNC_FLUSH messages answered
   * FLUSH_DISK_TIMEOUT); a failed disk took what the slave did not have yet (ASYNC_MASTER, or a
   * SYNC_MASTER that answered FLUSH_SLAVE_TIMEOUT / SLAVE_NOT_AVAILABLE).
   */
  private lost(
    b: RocketBroker,
    gone: readonly Stored[],
    how: 'power-loss' | 'disk' | 'resync',
    fault: number,
  ): void {
    const elsewhere = new Set<Stored>();
    for (const p of this.byName.get(b.cfg.brokerName) ?? [])
      if (p !== b && !p.diskFailed) for (const s of p.commitLog.entries) elsewhere.add(s);
    const master = (this.byName.get(b.cfg.brokerName) ?? []).find((x) => x.master) ?? b;
    const mcfg = this.brokerCfg.get(master.id);
    const byKey = new Map<string, { mech: MechanismId; group: string | null; ids: MsgId[] }>();
    for (const s of gone) {
      if (s.op !== null || elsewhere.has(s) || s.topic.startsWith('%DLQ%')) continue;
      const st = this.statusOf.get(s.id);
      const status = st === undefined ? undefined : STATUSES[st];
      let mech: MechanismId;
      if (how === 'disk')
        mech =
          status === 'FLUSH_SLAVE_TIMEOUT' || status === 'SLAVE_NOT_AVAILABLE'
            ? 'rocketmq.sync-master-not-ok'
            : 'rocketmq.async-replication-lost';
      else if (mcfg?.flushDiskType === 'SYNC_FLUSH')
        mech =
          status === 'FLUSH_DISK_TIMEOUT'
            ? 'rocketmq.flush-disk-timeout'
            : 'storage.page-cache-lost';
      else mech = 'rocketmq.async-flush-lost';
      const group = s.group === null ? null : this.checkGroupOf(s.group);
      const k = `${mech}|${group ?? ''}`;
      const e = byKey.get(k) ?? { mech, group, ids: [] };
      e.ids.push(s.id);
      byKey.set(k, e);
    }
    for (const { mech, group, ids } of byKey.values()) {
      const links: CauseLink[] = [{ role: 'fault', id: fault }];
      for (const id of ids.slice(0, 16)) {
        const c = this.confirmEntry.get(id);
        if (c !== undefined) links.push({ role: 'ack', id: c });
      }
      for (const id of ids.slice(0, 16)) {
        const a = this.appendEntry.get(id);
        if (a !== undefined) links.push({ role: 'earlier', id: a });
      }
      this.sim.rec.note(
        'drop',
        b.id,
        ids,
        {
          reason:
            how === 'disk'
              ? 'disk-failed'
              : how === 'resync'
                ? 'slave-resync'
                : 'power-loss-unflushed',
          brokerRole: mcfg?.brokerRole ?? '',
          flushDiskType: mcfg?.flushDiskType ?? '',
          ...(group !== null ? { group } : {}),
        },
        fault,
        mech,
        links,
      );
    }
  }

  private checkGroupOf(group: string): string {
    for (const [k, v] of this.groupInfo) if (v.group === group) return k;
    return group;
  }

  targets(): FaultTargets {
    return {
      net: this.net,
      armCrash: (node, when, cause) => {
        const c = this.consumers.find((x) => x.id === node);
        if (!c) return false;
        c.armCrash(when, cause);
        return true;
      },
      setProcessing: (node, dist) => {
        const c = this.consumers.find((x) => x.id === node);
        if (!c) return false;
        c.cfg.processing = dist;
        return true;
      },
    };
  }

  scope(): Map<string, Set<MsgId>> {
    const out = new Map<string, Set<MsgId>>();
    if (!this.sentInfo) return out;
    for (const [g, info] of this.groupInfo) {
      const set = new Set<MsgId>();
      for (const [id, m] of this.sentInfo)
        if (
          m.topic === info.topic &&
          (info.tags === null || (m.tags !== null && info.tags.has(m.tags)))
        )
          set.add(id);
      out.set(g, set);
    }
    return out;
  }

  held(): Map<string, Map<MsgId, HeldState>> {
    const out = new Map<string, Map<MsgId, HeldState>>();
    const inFlight = this.net.inFlight();
    for (const [g, info] of this.groupInfo) {
      const m = new Map<MsgId, HeldState>();
      const broadcastOf = this.consumers.find((c) => c.cfg.broadcasting && c.cfg.checkGroup === g);
      for (const b of this.brokers) {
        if (b.diskFailed) continue;
        for (const [k, cq] of b.cqs) {
          const [topic = '', q = '0'] = k.split('|');
          const retry = topic === retryTopic(info.group);
          if (topic !== info.topic && !retry) continue;
          const qkey = `${b.cfg.brokerName}|${topic}|${q}`;
          const from = broadcastOf
            ? (broadcastOf.offsets.get(qkey) ?? 0)
            : Math.max(0, this.offsets.get(info.group)?.get(qkey) ?? 0);
          for (let i = from; i < cq.length; i++) {
            const s = cq[i] as Stored;
            if (retry || this.inScope(info, s)) m.set(s.id, 'stored');
          }
        }
        for (const s of b.scheduled.values()) {
          if (s.group === null ? s.realTopic === info.topic : s.group === info.group)
            m.set(s.id, 'stored');
        }
        for (const h of b.halves.values())
          if (h.s.realTopic === info.topic) m.set(h.s.id, 'stored');
      }
      for (const c of this.consumers)
        if (c.cfg.checkGroup === g)
          c.heldIds((id) => {
            if (!m.has(id)) m.set(id, 'in-flight');
          });
      for (const id of inFlight) if (!m.has(id)) m.set(id, 'in-flight');
      out.set(g, m);
    }
    return out;
  }

  enableTracking(): void {
    this.net.trackTraffic = true;
  }

  clusterView(): ClusterView {
    const stores: StoreView[] = [];
    for (const b of this.brokers) {
      const synced = b.commitLog.synced;
      for (const [k, cq] of b.cqs) {
        const [topic = '', q = '0'] = k.split('|');
        const pos = b.cqPos.get(k) ?? [];
        const entries: EntryView[] = [];
        for (let i = Math.max(0, cq.length - VIEW_ENTRIES); i < cq.length; i++) {
          const s = cq[i] as Stored;
          entries.push({
            msg: s.id,
            key: s.tags === null ? s.key : `${s.key} ${s.tags}`,
            offset: i,
            flushed: (pos[i] ?? 0) < synced,
            committed: true,
          });
        }
        stores.push({
          id: `${b.id}/${topic}-${q}`,
          node: b.id,
          kind: 'queue',
          label: `${topic}-${q}`,
          role: b.master ? 'leader' : 'follower',
          entries,
          total: cq.length,
          marks: { maxOffset: cq.length, commitLog: b.commitLog.length, flushed: synced },
        });
      }
      const special: [string, Stored[]][] = [
        [SCHEDULE_TOPIC, [...b.scheduled.values()]],
        ['RMQ_SYS_TRANS_HALF_TOPIC', [...b.halves.values()].map((h) => h.s)],
      ];
      for (const [label, list] of special) {
        if (list.length === 0) continue;
        stores.push({
          id: `${b.id}/${label}`,
          node: b.id,
          kind: 'store',
          label,
          role: b.master ? 'leader' : 'follower',
          entries: list.slice(-VIEW_ENTRIES).map((s) => ({ msg: s.id, key: s.key })),
          total: list.length,
          marks: { count: list.length },
        });
      }
    }
    const nodes: NodeView[] = [
      ...this.nameServers.map((n) => ({
        id: n.id,
        role: 'nameserver' as const,
        status: n.status,
        detail: { brokers: [...n.live.keys()].join(', ') },
      })),
      ...this.brokers.map((b) => {
        const v = b.view();
        return {
          id: b.id,
          role: 'broker' as const,
          status: b.status,
          group: b.cfg.brokerName,
          detail: {
            brokerRole: b.cfg.role,
            flushDiskType: b.cfg.syncFlush ? 'SYNC_FLUSH' : 'ASYNC_FLUSH',
            commitLog: v.commitLog,
            flushed: v.flushed,
            halfMessages: v.halves,
            scheduled: v.scheduled,
          },
        };
      }),
      ...this.producers.map((p) => {
        const v = p.view();
        return {
          id: p.id,
          role: 'producer' as const,
          status: p.status,
          detail: { produced: v.produced, inFlight: v.outstanding.length, retries: v.retries },
        };
      }),
      ...this.consumers.map((c) => {
        const v = c.view();
        return {
          id: c.id,
          role: 'consumer' as const,
          status: c.status,
          group: v.group,
          detail: {
            queues: v.queues.map((k) => k.replace(/\|/g, ':')).join(', '),
            offsets: v.offsets,
            processing: v.processing,
            sink: sinkText(c.sink.kind, c.sink.rows, c.sink.absorbed, c.sink.recent),
          },
        };
      }),
    ];
    return {
      system: 'rocketmq',
      now: this.sim.now,
      nodes,
      stores,
      flights: this.net.flights(),
      cuts: this.net.cuts(),
    };
  }

  view(): RocketMqView {
    const offsets: Record<string, Record<string, number>> = {};
    for (const [g, m] of this.offsets) offsets[g] = Object.fromEntries(m);
    return {
      system: 'rocketmq',
      brokers: this.brokers.map((b) => b.view()),
      producers: this.producers.map((p) => p.view()),
      consumers: this.consumers.map((c) => c.view()),
      offsets,
    };
  }
}

function parseKey(k: string): { brokerName: string; topic: string; queueId: number } {
  const [brokerName = '', topic = '', q = '0'] = k.split('|');
  return { brokerName, topic, queueId: Number(q) };
}

export type { BrokerRoute };
