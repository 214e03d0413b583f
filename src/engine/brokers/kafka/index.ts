/**
 * Builds the Kafka model from a scenario: N brokers and a controller, one topic placed as Kafka
 * places it, producers and consumer groups, on one simulated network. It also keeps the
 * engine-side accounting the checker needs: records superseded at a leader election get a `drop`
 * at that moment (they are gone for good, even if the old leader only truncates them when it
 * rejoins), and `held()` lists what every group can still read (records of aborted transactions
 * excluded: the transaction coordinator journals a `drop` with reason `aborted` for them).
 */
import type { CauseLink, HeldState, HeldWhere, MechanismId, MsgId } from '../../check/history';
import { IntColumn } from '../../check/dense';
import { Network } from '../../kernel/network';
import type { Sim, SimNode } from '../../kernel/sim';
import { fromMs, type Micros } from '../../kernel/time';
import { idempotenceOf, normAcks, type KafkaScenario } from '../../../scenario/systems/kafka';
import { distFromMs, linkSpecs } from '../../scenario-bridge';
import type { FaultTargets, Model } from '../../model';
import type { ClusterView, EntryView, StoreView } from '../../view';
import { KafkaSink } from './sink';
import { perPartitionText, sinkText } from '../inspect';
import type { Term } from '../../text/glossary';
import { Broker, type DropData, type Replica } from './broker';
import { Controller } from './controller';
import { KafkaConsumerNode } from './consumer';
import { GroupCoordinator } from './group';
import { assignReplicas, murmur2, toPositive, utf8 } from './partitioner';
import { KafkaProducerNode } from './producer';
import type { Batch, PartitionState, Rec, Wire } from './protocol';
import { TxnCoordinator } from './txn';

/** `offsets.topic.num.partitions` (50): which `__consumer_offsets` partition a group maps to. */
const OFFSETS_PARTITIONS = 50;

/** What the UI shows of a Kafka run. */
export interface KafkaView {
  system: 'kafka';
  partitions: (PartitionState & { hw: number; leo: Record<string, number> })[];
  brokers: { id: string; status: SimNode['status'] }[];
  producers: ReturnType<KafkaProducerNode['view']>[];
  consumers: ReturnType<KafkaConsumerNode['view']>[];
}

/** Java's `String.hashCode`, for the coordinator's partition (`Utils.abs(groupId.hashCode()) % 50`). */
function javaHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Newest entries per replica in a ClusterView: what a row on screen can show. */
const VIEW_ENTRIES = 48;

export class KafkaModel implements Model<KafkaView> {
  readonly family = 'kafka' as const;
  readonly net: Network<Wire>;
  readonly brokers: Broker[];
  readonly controller: Controller;
  readonly producers: KafkaProducerNode[];
  readonly consumers: KafkaConsumerNode[];
  readonly groups: readonly string[];
  readonly coordinators = new Map<string, GroupCoordinator>();
  readonly assignment: string[][];
  private readonly byId = new Map<string, Broker>();
  private readonly stops = new Map<string, number>();
  private readonly elections = new Map<number, number>();
  /** Per partition: the latest election's journal id, whether it was unclean, the leader before. */
  private readonly electionInfo = new Map<
    number,
    { entry: number; unclean: boolean; previous: string | null; leader: string }
  >();
  /** Per broker: the journal id of its latest power loss. */
  private readonly powerLosses = new Map<string, number>();
  /** Per group: the power loss that took its `__consumer_offsets` state, and on which broker. */
  private readonly offsetsLost = new Map<string, { broker: Broker; entry: number }>();
  /** Per partition: the latest `isr-shrink` entry. */
  private readonly shrinks = new Map<number, number>();
  /**
   * Per record: its latest `append` and `confirm-sent` entries, for cause links, -1 for none.
   * Record ids are dense (`nextMsgId`), so typed arrays: an hour-long run sets millions, and as
   * Maps they were a large share of the engine's time and heap.
   */
  private readonly appendEntry = new IntColumn(-1);
  private readonly confirmEntry = new IntColumn(-1);
  /** Per group and partition: offsets below this will never be read by the group. */
  private readonly floors = new Map<string, Map<number, number>>();
  /** Per group and partition: how far poll() has handed records out, and to whom. */
  private readonly deliveredTo = new Map<
    string,
    ({ end: number; consumer: string } | undefined)[]
  >();
  private nextMsg = 0;
  private readonly topic: string;
  private nextPid = 1000;
  /** The transaction coordinator role (see `txn.ts`). */
  readonly txn: TxnCoordinator;

  constructor(
    readonly sim: Sim,
    s: KafkaScenario,
  ) {
    const { defaults, overrides } = linkSpecs(s.network);
    this.net = new Network<Wire>(sim, defaults);
    const t = s.topic;
    this.topic = t.name;
    const n = s.brokers.length;
    this.assignment =
      t['replica.assignment']?.map((r) => [...r]) ??
      assignReplicas(
        s.brokers,
        t.partitions,
        t['replication.factor'],
        sim.streams.get('placement').int(0, n - 1),
      );
    this.controller = new Controller(
      sim,
      s.controller.id,
      this.net,
      s.brokers,
      this.assignment,
      {
        sessionTimeoutUs: fromMs(s.controller['broker.session.timeout.ms']),
        heartbeatUs: Math.max(1, fromMs(s.controller['broker.heartbeat.interval.ms'])),
        unclean: t['unclean.leader.election.enable'],
      },
      {
        lastStop: (b) => this.stops.get(b),
        brokerNode: (id) => this.byId.get(id),
        elected: (p, leader, epoch, unclean, entry, previous) =>
          this.elected(p, leader, epoch, unclean, entry, previous),
        shrunk: (p, entry) => this.shrinks.set(p, entry),
      },
    );
    this.brokers = s.brokers.map((id) => {
      const parts: number[] = [];
      this.assignment.forEach((rs, p) => {
        if (rs.includes(id)) parts.push(p);
      });
      const b = new Broker(
        sim,
        id,
        this.net,
        parts,
        {
          controller: s.controller.id,
          heartbeatUs: Math.max(1, fromMs(s.controller['broker.heartbeat.interval.ms'])),
          minIsr: t['min.insync.replicas'],
          lagMaxUs: Math.max(1, fromMs(t['replica.lag.time.max.ms'])),
          replicaFetchWaitUs: fromMs(t['replica.fetch.wait.max.ms']),
          fetchBackoffUs: 1_000_000,
          fetchTimeoutUs: 30_000_000,
          flushMessages: t['flush.messages'] ?? null,
          flushUs: t['flush.ms'] === undefined ? null : fromMs(t['flush.ms']),
          fsyncUs: fromMs(t.fsyncLatencyMs),
          retentionUs: t['retention.ms'] < 0 ? -1 : fromMs(t['retention.ms']),
          retentionBytes: t['retention.bytes'],
          retentionCheckUs: fromMs(t['log.retention.check.interval.ms']),
          topic: t.name,
        },
        {
          node: (x) => this.sim.node(x),
          lastElection: (p) => this.elections.get(p),
          superseded: (broker, p, batches, data) => this.superseded(broker, p, batches, data),
          appended: (broker, r, b, entry) => this.appended(broker, r, b, entry),
          confirmed: (msgs, entry) => {
            for (const m of msgs) this.confirmEntry.set(m, entry);
          },
          appendsOf: (msgs) => this.distinct(msgs, this.appendEntry),
          coordinate: (broker, from, w) => this.coordinate(broker, from, w),
          brokerStopped: (broker, journalId, powerLoss) => {
            if (powerLoss) this.powerLosses.set(broker.id, journalId);
            this.brokerStopped(broker, journalId, powerLoss);
          },
        },
      );
      this.byId.set(id, b);
      return b;
    });
    // The topic was created before the run: every replica knows its partition's state at t=0.
    for (const p of this.controller.partitions)
      for (const b of p.replicas) this.byId.get(b)?.initState({ ...p });
    this.txn = new TxnCoordinator(sim, {
      coordinatorFor: (id) => this.pickCoordinator(id),
      leader: (p) => this.leaderOf(p) as Broker | null,
      nextProducerId: () => this.nextPid++,
      commitOffsets: (g, offsets, cause) => {
        const gc = this.coordinators.get(g);
        if (!gc) return;
        for (const [p, offset, epoch] of offsets) gc.committed.set(p, { offset, epoch });
        const entry = this.sim.rec.note(
          'offset-commit',
          gc.host?.id ?? '*',
          undefined,
          {
            group: g,
            offsets: offsets.map(([p, o]) => `${p}:${o}`).join(','),
            transactional: true,
          },
          cause,
        );
        for (const [p] of offsets) gc.commitEntry.set(p, entry);
      },
    });
    const producerHost = {
      partitions: t.partitions,
      leaderOf: (p: number) => this.leaderOf(p),
      node: (id: string) => this.sim.node(id),
      connectable: (n: SimNode) => n.status !== 'crashed' || (n instanceof Broker && n.lostPower),
      nextMsgId: () => this.nextMsg++,
      nextProducerId: () => this.nextPid++,
      txnInit: (id: string, instance: string) => this.txn.init(id, instance),
      txnAdd: (id: string, pid: number, epoch: number, p: number, msg: number) =>
        this.txn.add(id, pid, epoch, p, msg),
      txnEnd: (id: string, pid: number, epoch: number, commit: boolean) =>
        this.txn.end(id, pid, epoch, commit),
    };
    this.producers = s.producers.map(
      (p) =>
        new KafkaProducerNode(sim, p.id, this.net, producerHost, {
          intervalUs: Math.max(1, Math.round(1_000_000 / p.ratePerSec)),
          messages: p.messages,
          startUs: fromMs(p.startMs),
          keys: p.keys,
          nullKeys: p.nullKeys,
          partitioner: p.partitioner,
          acks: normAcks(p.acks),
          retries: p.retries,
          retryBackoffUs: Math.max(1, fromMs(p['retry.backoff.ms'])),
          requestTimeoutUs: Math.max(1, fromMs(p['request.timeout.ms'])),
          deliveryTimeoutUs: Math.max(1, fromMs(p['delivery.timeout.ms'])),
          lingerUs: fromMs(p['linger.ms']),
          batchSize: p['batch.size'],
          maxInFlight: p['max.in.flight.requests.per.connection'],
          idempotent: idempotenceOf(p),
          recordBytes: p.recordBytes,
          transactionalId: p['transactional.id'] ?? null,
          txnRecords: p['transaction.records'],
          abortEvery: p.abortEvery,
        }),
    );
    const groups: string[] = [];
    for (const c of s.consumers) {
      const g = c['group.id'];
      if (!this.coordinators.has(g)) {
        groups.push(g);
        const gc = new GroupCoordinator(
          sim,
          g,
          this.net,
          t.partitions,
          c['partition.assignment.strategy'],
        );
        this.coordinators.set(g, gc);
        gc.rehost(this.pickCoordinator(g));
      }
    }
    const consumerHost = {
      leaderOf: (p: number) => this.leaderOf(p),
      coordinatorOf: (g: string) => {
        const gc = this.coordinators.get(g);
        if (!gc) return null;
        // Every broker was down when the coordinator last moved: FindCoordinator finds one now.
        if (!gc.host || gc.host.status === 'crashed') gc.rehost(this.pickCoordinator(g));
        return gc.host;
      },
      recordsBetween: (p: number, from: number, to: number) => this.recordsBetween(p, from, to),
      raiseFloor: (g: string, p: number, off: number) => this.raiseFloor(g, p, off),
      floorOf: (g: string, p: number) => this.floors.get(g)?.get(p) ?? 0,
      delivered: (g: string, p: number, end: number, c: string) => {
        let byP = this.deliveredTo.get(g);
        if (!byP) {
          byP = [];
          this.deliveredTo.set(g, byP);
        }
        const d = byP[p];
        if (!d) byP[p] = { end, consumer: c };
        else if (d.end < end) {
          d.end = end;
          d.consumer = c;
        }
      },
      resumed: (g: string, p: number, off: number, c: string, assign: number) =>
        this.resumed(g, p, off, c, assign),
      stopped: (c: string, journalId: number) => this.stops.set(c, journalId),
      txnInit: (id: string, instance: string) => this.txn.init(id, instance),
      txnOutput: (id: string, pid: number, epoch: number, msg: number) =>
        this.txn.output(id, pid, epoch, msg),
      txnSendOffsets: (
        id: string,
        pid: number,
        epoch: number,
        g: string,
        offsets: [number, number, number][],
      ) => this.txn.sendOffsets(id, pid, epoch, g, offsets),
      txnEnd: (id: string, pid: number, epoch: number, commit: boolean) =>
        this.txn.end(id, pid, epoch, commit),
      inGeneration: (g: string, member: string, generation: number) => {
        const gc = this.coordinators.get(g);
        return gc !== undefined && gc.members.has(member) && gc.generation === generation;
      },
    };
    this.consumers = s.consumers.map(
      (c) =>
        new KafkaConsumerNode(sim, c.id, this.net, consumerHost, new KafkaSink(c.sink), {
          group: c['group.id'],
          autoCommit: c['enable.auto.commit'],
          autoCommitUs: fromMs(c['auto.commit.interval.ms']),
          commit: c.commit,
          reset: c['auto.offset.reset'],
          maxPollRecords: c['max.poll.records'],
          sessionUs: fromMs(c['session.timeout.ms']),
          heartbeatUs: Math.max(1, fromMs(c['heartbeat.interval.ms'])),
          maxPollIntervalUs: fromMs(c['max.poll.interval.ms']),
          fetchMaxWaitUs: fromMs(c['fetch.max.wait.ms']),
          requestTimeoutUs: 30_000_000,
          processing: distFromMs(c.processingMs),
          threads: c.threads,
          startUs: fromMs(c.startMs),
          isolation: c['isolation.level'],
          processor: c.processor
            ? {
                transactionalId: c.processor['transactional.id'],
                offsetsInTxn: c.processor.offsets === 'in-transaction',
              }
            : null,
        }),
    );
    this.consumerCfg = new Map(
      s.consumers.map((c) => [
        c.id,
        {
          sessionUs: fromMs(c['session.timeout.ms']),
          rebalanceUs: fromMs(c['max.poll.interval.ms']),
          autoCommit: c['enable.auto.commit'],
        },
      ]),
    );
    for (const o of overrides) this.net.setLink(o.from, o.to, o.spec);
    this.groups = groups;
  }

  private readonly consumerCfg: Map<
    string,
    { sessionUs: Micros; rebalanceUs: Micros; autoCommit: boolean }
  >;

  /** The partition's leader as the controller sees it (the model's metadata is instant). */
  leaderOf(p: number): SimNode | null {
    const l = this.controller.partitions[p]?.leader;
    return l ? (this.byId.get(l) ?? null) : null;
  }

  private pickCoordinator(group: string): SimNode | null {
    const n = this.brokers.length;
    const start = toPositive(javaHash(group)) % OFFSETS_PARTITIONS;
    for (let i = 0; i < n; i++) {
      const b = this.brokers[(start + i) % n] as Broker;
      if (b.status !== 'crashed') return b;
    }
    return null;
  }

  private coordinate(broker: Broker, from: SimNode, w: Wire): void {
    if (!('group' in w)) return;
    const gc = this.coordinators.get(w.group);
    const c = this.consumerCfg.get(from.id);
    if (gc && c) gc.handle(broker, from, w, c.sessionUs, c.rebalanceUs);
  }

  private brokerStopped(broker: Broker, journalId: number, powerLoss: boolean): void {
    this.stops.set(broker.id, journalId);
    // `__consumer_offsets` is a log like any other, flushed by the broker-wide
    // log.flush.interval.messages / log.flush.interval.ms (unset: Kafka never fsyncs it), not by
    // the data topic's flush.messages (kafka.coordinator.group.GroupCoordinator
    // `offsetsTopicConfigs` sets only cleanup.policy, segment.bytes and compression.type; the
    // topic-config table lists log.flush.interval.messages as flush.messages' server default).
    // A power cut takes the group's records (members and committed offsets) from the page cache,
    // unless a live broker still holds a replica of them (commits wait for every in-sync
    // replica: offsets.commit.required.acks=-1).
    const alone = this.brokers.every((b) => b === broker || b.status === 'crashed');
    for (const gc of this.coordinators.values()) {
      if (gc.host !== broker) continue;
      if (powerLoss && alone) {
        gc.committed.clear();
        gc.commitEntry.clear();
        this.offsetsLost.set(gc.group, { broker, entry: journalId });
      }
      gc.rehost(this.pickCoordinator(gc.group));
    }
  }

  /**
   * After an election: every other replica's records that the new leader's log does not hold
   * are superseded (leader epochs guarantee they will be truncated); they get a `drop` now.
   */
  private elected(
    p: number,
    leader: string,
    epoch: number,
    unclean: boolean,
    entry: number,
    previous: string | null,
  ): void {
    this.elections.set(p, entry);
    this.electionInfo.set(p, { entry, unclean, previous, leader });
    const lb = this.byId.get(leader);
    const lr = lb?.replicas.get(p);
    if (!lr) return;
    lr.log.doomedFrom = Number.POSITIVE_INFINITY;
    const newEnd = lr.log.leo;
    for (const b of this.byId.values()) {
      if (b === lb) continue;
      const r = b.replicas.get(p);
      if (!r) continue;
      const bs = r.log.batches;
      let i = bs.length;
      // Shared batch objects: the common prefix is where both logs hold the very same batch.
      while (i > 0) {
        const x = bs[i - 1] as Batch;
        if (x.base >= r.log.doomedFrom) {
          i--;
          continue;
        }
        const same = lr.log.read(x.base, x.base + 1, 1)[0] === x;
        if (same) break;
        i--;
      }
      const gone: Batch[] = [];
      for (let j = i; j < bs.length; j++) {
        const x = bs[j] as Batch;
        if (x.base >= r.log.doomedFrom) break;
        gone.push(x);
      }
      const first = gone[0]?.base;
      if (first === undefined) continue;
      r.log.doomedFrom = first;
      this.superseded(b, p, gone, {
        reason: 'not-on-new-leader',
        partition: p,
        leader,
        epoch,
        offset: newEnd,
        from: first,
      });
    }
  }

  /** The distinct journal ids `of` maps these records to. */
  private distinct(msgs: readonly MsgId[], of: IntColumn): number[] {
    const out = new Set<number>();
    for (const m of msgs) {
      const e = of.get(m);
      if (e >= 0) out.add(e);
    }
    return [...out];
  }

  /**
   * Journals the `drop` of records `broker` holds for `p` that the current leader's log does not,
   * one entry per `acks` setting, with the mechanism that lost them. An acknowledged acks=all
   * record can only be on fewer replicas than its ISR promised when the ISR had shrunk to the
   * leader (min.insync.replicas=1): `kafka.isr-shrunk-to-leader`, unless an unclean election
   * discarded it: then `kafka.unclean-election`, with the ISR shrink linked (its text tells both,
   * and both knobs prevent it). Else the leader crash that took acks=1 (acknowledged by the leader alone)
   * or acks=0 records (acks=all records that were never acknowledged count with the ISR shrink, as
   * the recording map says). Cause links: the election, the old leader's crash, the
   * acknowledgements that were broken, the ISR shrink, and the appends.
   */
  private superseded(
    broker: Broker,
    p: number,
    batches: readonly Batch[],
    data: DropData,
    fault?: number,
  ): void {
    const info = this.electionInfo.get(p);
    const unclean = info?.unclean ?? false;
    // A new leader that lost power since (its own copies went with the page cache, journalled as
    // `storage.page-cache-lost` on it): elected again, it makes every other copy go (K21).
    const leaderPower = info ? this.powerLosses.get(info.leader) : undefined;
    const byMech = new Map<MechanismId, { acks: string; ids: MsgId[] }>();
    for (const x of batches) {
      if (x.ids.length === 0) continue; // a transaction marker carries no records
      for (const id of x.ids) {
        const acked = x.acks === 'all' && this.confirmEntry.get(id) >= 0;
        // An unclean election is what discards the records; when they were acknowledged under
        // acks=all, the ISR shrink that let the leader acknowledge alone is linked and told too.
        const mech: MechanismId = unclean
          ? 'kafka.unclean-election'
          : acked || x.acks === 'all'
            ? 'kafka.isr-shrunk-to-leader'
            : x.acks === '1'
              ? 'kafka.acks1-leader-crash'
              : 'kafka.acks0-leader-crash';
        const g = byMech.get(mech) ?? { acks: x.acks, ids: [] };
        g.ids.push(id);
        byMech.set(mech, g);
      }
    }
    for (const [mech, { acks, ids }] of byMech) {
      const appends = this.distinct(ids, this.appendEntry);
      const links: CauseLink[] = [];
      if (info) links.push({ role: 'election', id: info.entry });
      // The crash that took the records' holder down after it had them (or the old leader's).
      const firstAppend = appends.reduce((a, x) => Math.min(a, x), Number.POSITIVE_INFINITY);
      const stop =
        fault ??
        [
          this.stops.get(broker.id),
          info?.previous && this.stops.get(info.previous),
          info && leaderPower !== undefined && leaderPower < info.entry ? leaderPower : undefined,
        ].find((s): s is number => typeof s === 'number' && s > firstAppend);
      if (stop !== undefined) links.push({ role: 'fault', id: stop });
      for (const id of this.distinct(ids, this.confirmEntry)) links.push({ role: 'ack', id });
      const shrink = this.shrinks.get(p);
      if (
        (acks === 'all' || mech === 'kafka.unclean-election') &&
        shrink !== undefined &&
        (!info || shrink < info.entry)
      )
        links.push({ role: 'isr-shrink', id: shrink });
      for (const id of appends) links.push({ role: 'earlier', id });
      this.sim.rec.note(
        'drop',
        broker.id,
        ids,
        { ...data, unclean, acks },
        info?.entry,
        mech,
        links,
      );
    }
  }

  /**
   * A leader appended a batch. If the controller has already given the partition to another
   * broker (this one has not heard yet: a paused or cut-off leader, a fenced one), the records
   * live only in a log the new leader will truncate: they are superseded now.
   */
  private appended(broker: Broker, r: Replica, b: Batch, entry: number): void {
    for (const id of b.ids) this.appendEntry.set(id, entry);
    const st = this.controller.partitions[r.partition];
    if (!st || st.leader === broker.id) return;
    r.log.doomedFrom = Math.min(r.log.doomedFrom, b.base);
    // A pause before the election is what got it replaced (the fault the drop links).
    const info = this.electionInfo.get(r.partition);
    const paused = info && broker.lastPause >= 0 && broker.lastPause < info.entry;
    this.superseded(
      broker,
      r.partition,
      [b],
      {
        reason: 'not-on-new-leader',
        partition: r.partition,
        leader: st.leader ?? 'none',
        epoch: st.epoch,
        offset: b.base,
        from: b.base,
        stale: true,
      },
      paused ? broker.lastPause : undefined,
    );
  }

  private recordsBetween(p: number, from: number, to: number): MsgId[] {
    const l = this.leaderOf(p) as Broker | null;
    const r = l?.replicas.get(p);
    if (!r) return [];
    const ids: MsgId[] = [];
    Broker.live(r, from, (rec, off) => {
      if (off < to) ids.push(rec.id);
    });
    return ids;
  }

  /**
   * A consumer starts a partition at `offset` while the group had already been handed records
   * beyond it: those will be read again. Journalled as a `requeue` so the duplicate's chain names
   * the mechanism (resuming from the last committed offset) and the crash that caused it.
   */
  private resumed(g: string, p: number, offset: number, consumer: string, assign: number): void {
    const d = this.deliveredTo.get(g)?.[p];
    if (!d || d.end <= offset) return;
    const ids = this.recordsBetween(p, offset, d.end);
    if (ids.length === 0) return;
    // The previous reader's crash explains the repeat; a live one lost the partition in a rebalance.
    const crashed = d.consumer === consumer || this.sim.node(d.consumer)?.status === 'crashed';
    const stop = crashed ? this.stops.get(d.consumer) : undefined;
    const links: CauseLink[] = [
      stop !== undefined ? { role: 'fault', id: stop } : { role: 'rebalance', id: assign },
    ];
    const commit = this.coordinators.get(g)?.commitEntry.get(p);
    if (commit !== undefined) links.push({ role: 'commit', id: commit });
    // No commit since the group's state went with a power cut: that is why it starts this far back.
    const wiped = commit === undefined && stop === undefined ? this.offsetsLost.get(g) : undefined;
    if (wiped && wiped.broker.lastRestart > wiped.entry)
      links.push({ role: 'restart', id: wiped.broker.lastRestart });
    this.sim.rec.note(
      'requeue',
      consumer,
      ids,
      {
        reason: 'resume-from-committed-offset',
        group: g,
        partition: p,
        offset,
        consumer,
        previous: d.consumer,
        autoCommit: this.consumerCfg.get(d.consumer)?.autoCommit ?? false,
        ...(wiped ? { offsetsLostWith: wiped.broker.id } : {}),
      },
      stop ?? wiped?.entry,
      'kafka.uncommitted-redelivery',
      links,
    );
  }

  private raiseFloor(g: string, p: number, off: number): void {
    let m = this.floors.get(g);
    if (!m) {
      m = new Map();
      this.floors.set(g, m);
    }
    m.set(p, Math.max(m.get(p) ?? 0, off));
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
        c.processing = dist;
        return true;
      },
    };
  }

  /**
   * Where the group resumes a partition: its committed offset, or, when that offset lies in a
   * log the current leader no longer has (the epoch it was committed in ends earlier), the end
   * of that epoch, which is where KIP-320 validation moves the consumer.
   */
  private committedFloor(gc: GroupCoordinator | undefined, p: number): number {
    const c = gc?.committed.get(p);
    if (!c) return 0;
    const r = (this.leaderOf(p) as Broker | null)?.replicas.get(p);
    if (r && c.epoch >= 0) {
      const end = r.log.endOffsetFor(c.epoch);
      if (end < c.offset) return Math.max(end, 0);
    }
    return c.offset;
  }

  held(where?: Map<string, Map<MsgId, HeldWhere>>): Map<string, Map<MsgId, HeldState>> {
    const out = new Map<string, Map<MsgId, HeldState>>();
    const inFlight: MsgId[] = [];
    /** Where an in-flight id is: a producer's buffer (first), else on the network. */
    const flying = new Map<MsgId, HeldWhere>();
    for (const pr of this.producers)
      pr.heldIds((id) => {
        inFlight.push(id);
        if (!flying.has(id)) flying.set(id, { place: 'producer', node: pr.id });
      });
    for (const id of this.net.inFlight()) {
      inFlight.push(id);
      if (!flying.has(id)) flying.set(id, { place: 'network' });
    }
    for (const g of this.groups) {
      const m = new Map<MsgId, HeldState>();
      const w = new Map<MsgId, HeldWhere>();
      where?.set(g, w);
      const gc = this.coordinators.get(g);
      for (const [pi] of this.assignment.entries()) {
        const floor = Math.max(this.committedFloor(gc, pi), this.floors.get(g)?.get(pi) ?? 0);
        for (const b of this.brokers) {
          const r = b.replicas.get(pi);
          if (r)
            Broker.live(r, floor, (rec) => {
              // Records of aborted transactions are dropped (`aborted`), not pending.
              if (this.txn.aborted.has(rec.id)) return;
              m.set(rec.id, 'stored');
              if (!w.has(rec.id)) w.set(rec.id, { place: 'broker', node: b.id, partition: pi });
            });
        }
      }
      for (const c of this.consumers)
        c.heldIds((id) => {
          if (m.has(id)) return;
          m.set(id, 'in-flight');
          w.set(id, { place: 'consumer', node: c.id });
        });
      for (const id of inFlight) {
        if (m.has(id)) continue;
        m.set(id, 'in-flight');
        w.set(id, flying.get(id) ?? { place: 'network' });
      }
      out.set(g, m);
    }
    return out;
  }

  enableTracking(): void {
    this.net.trackTraffic = true;
  }

  /** The group's committed offsets (at its coordinator) for these partitions. */
  private committedOf(group: string, partitions: readonly number[]): Term | '' {
    const gc = this.coordinators.get(group);
    if (!gc) return '';
    return perPartitionText(partitions.map((p) => [p, gc.committed.get(p)?.offset ?? '-']));
  }

  clusterView(): ClusterView {
    const stores: StoreView[] = [];
    for (const p of this.controller.partitions) {
      for (const bid of p.replicas) {
        const r = this.byId.get(bid)?.replicas.get(p.partition);
        if (!r) continue;
        const entries: EntryView[] = [];
        const bs = r.log.batches;
        // Offsets are contiguous from the log start, so the count needs no walk over batches;
        // and a row on screen shows a few dozen cells at most, so the view keeps the newest ones.
        const total = r.log.leo - r.log.logStart;
        for (let i = bs.length - 1; i >= 0 && entries.length < VIEW_ENTRIES; i--) {
          const b = bs[i] as Batch;
          if (b.control) continue;
          for (let j = b.recs.length - 1; j >= 0 && entries.length < VIEW_ENTRIES; j--) {
            const rec = b.recs[j] as Rec;
            entries.push({
              msg: rec.id,
              key: rec.key,
              offset: b.base + j,
              committed: b.base + j < r.log.hw,
              flushed: i < r.log.file.synced,
            });
          }
        }
        entries.reverse();
        stores.push({
          id: `${this.topic}-${p.partition}@${bid}`,
          node: bid,
          kind: 'replica',
          label: `${this.topic}-${p.partition}`,
          role: p.leader === bid ? 'leader' : 'follower',
          inSync: p.isr.includes(bid),
          entries,
          total,
          marks: { leo: r.log.leo, hw: r.log.hw, logStart: r.log.logStart, epoch: p.epoch },
        });
      }
    }
    return {
      system: 'kafka',
      now: this.sim.now,
      nodes: [
        ...this.brokers.map((b) => ({
          id: b.id,
          role: 'broker' as const,
          status: b.status,
          detail: {
            leaderOf: this.controller.partitions
              .filter((p) => p.leader === b.id)
              .map((p) => p.partition)
              .join(','),
          },
        })),
        {
          id: this.controller.id,
          role: 'controller' as const,
          status: this.controller.status,
          detail: {},
        },
        ...this.producers.map((p) => {
          const v = p.view();
          return {
            id: v.id,
            role: 'producer' as const,
            status: v.status,
            detail: {
              produced: v.produced,
              inFlight: v.inFlight,
              batches: v.batches,
              queued: v.queued,
              retries: v.retries,
              producerId: v.producerId,
              ...(v.nextSeq.en ? { nextSeq: v.nextSeq } : {}),
            },
          };
        }),
        ...this.consumers.map((c) => {
          const v = c.view();
          return {
            id: v.id,
            role: 'consumer' as const,
            status: v.status,
            group: v.group,
            detail: {
              phase: v.phase,
              generation: v.generation,
              partitions: v.partitions.join(','),
              position: v.positions,
              committed: this.committedOf(v.group, v.partitions),
              processing: v.processing,
              buffered: v.buffered,
              sink: sinkText(c.sink.kind, c.sink.rows, c.sink.absorbed, c.sink.recent),
            },
          };
        }),
      ],
      stores,
      flights: this.net.flights(),
      cuts: this.net.cuts(),
    };
  }

  view(): KafkaView {
    return {
      system: 'kafka',
      partitions: this.controller.partitions.map((p) => {
        const leo: Record<string, number> = {};
        let hw = 0;
        for (const b of p.replicas) {
          const r = this.byId.get(b)?.replicas.get(p.partition);
          if (r) leo[b] = r.log.leo;
          if (r && b === p.leader) hw = r.log.hw;
        }
        return { ...p, hw, leo };
      }),
      brokers: this.brokers.map((b) => ({ id: b.id, status: b.status })),
      producers: this.producers.map((p) => p.view()),
      consumers: this.consumers.map((c) => c.view()),
    };
  }
}

export { murmur2, utf8 };
