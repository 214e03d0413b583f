/**
 * The controller (KRaft's active controller, one node): it tracks broker liveness by heartbeats
 * (`broker.heartbeat.interval.ms`, fenced after `broker.session.timeout.ms` of silence), owns each
 * partition's leader, leader epoch and ISR, elects leaders from the ISR (or from any live replica
 * when `unclean.leader.election.enable=true`), applies the leaders' AlterPartition requests and
 * pushes the result to the replicas (LeaderAndIsr). A single controller, not a quorum: the model
 * does not fail it over.
 */
import type { Network } from '../../kernel/network';
import { SimNode, type Sim } from '../../kernel/sim';
import type { Micros } from '../../kernel/time';
import type { PartitionState, Wire } from './protocol';

/** What the controller needs from the rest of the model. */
export interface ControllerHost {
  /** The journal id of the last crash/power-loss of a broker, for `cause` links. */
  lastStop(broker: string): number | undefined;
  brokerNode(id: string): SimNode | undefined;
  /** Called after each election that produced a leader: the model accounts for superseded records. */
  elected(
    partition: number,
    leader: string,
    epoch: number,
    unclean: boolean,
    entry: number,
    previous: string | null,
  ): void;
  /** A follower left the ISR of `partition` (journal id of the `isr-shrink`), for cause links. */
  shrunk(partition: number, entry: number): void;
}

export interface ControllerConfig {
  sessionTimeoutUs: Micros;
  heartbeatUs: Micros;
  unclean: boolean;
}

interface BrokerReg {
  lastHeardAt: Micros;
  incarnation: number;
  fenced: boolean;
}

export class Controller extends SimNode {
  readonly partitions: PartitionState[];
  private readonly regs = new Map<string, BrokerReg>();
  private readonly checkLabel: number;
  /** Bumped on every partition state change (the metadata log's offset). */
  private version = 0;

  constructor(
    sim: Sim,
    id: string,
    private readonly net: Network<Wire>,
    brokerIds: readonly string[],
    assignment: readonly (readonly string[])[],
    private readonly cfg: ControllerConfig,
    private readonly host: ControllerHost,
  ) {
    super(sim, id);
    this.checkLabel = sim.label('controller.session-check');
    // The topic is created before the run starts: preferred leaders, full ISR, epoch 0.
    this.partitions = assignment.map((replicas, partition) => ({
      partition,
      leader: replicas[0] ?? null,
      epoch: 0,
      isr: [...replicas],
      replicas: [...replicas],
    }));
    for (const b of brokerIds) this.regs.set(b, { lastHeardAt: 0, incarnation: 0, fenced: false });
    net.attach(this, (from, w) => this.receive(from, w));
    this.armCheck();
  }

  /** Whether the controller currently considers `broker` alive (registered and unfenced). */
  isLive(broker: string): boolean {
    return this.regs.get(broker)?.fenced === false;
  }

  /** The controller's state is its metadata log, kept on disk: a restart resumes it. */
  protected override onRestart(): void {
    // Brokers get a fresh session from now: silence while the controller was down is not theirs.
    for (const r of this.regs.values()) r.lastHeardAt = this.sim.now;
    this.armCheck();
  }

  private armCheck(): void {
    this.timer(this.cfg.heartbeatUs, this.checkLabel, () => {
      const now = this.sim.now;
      for (const [b, r] of this.regs) {
        if (!r.fenced && now - r.lastHeardAt > this.cfg.sessionTimeoutUs) this.fence(b);
      }
      this.armCheck();
    });
  }

  private receive(from: SimNode, w: Wire): void {
    switch (w.type) {
      case 'broker-heartbeat': {
        const r = this.regs.get(from.id);
        if (!r) return;
        r.lastHeardAt = this.sim.now;
        if (!r.fenced && r.incarnation !== w.incarnation) {
          // A new broker epoch: the process restarted within the session timeout. Its earlier
          // incarnation's leaderships are void, as when KRaft sees a re-registration.
          this.fence(from.id);
        }
        if (r.fenced) {
          r.incarnation = w.incarnation;
          this.unfence(from.id);
        } else if (w.metadataVersion < this.version) {
          // The broker missed updates (a cut shorter than the session timeout): it catches up,
          // as a KRaft broker replays the metadata log.
          this.sendStates(from.id);
        }
        return;
      }
      case 'alter-partition':
        this.alterPartition(from.id, w.partition, w.epoch, w.isr);
        return;
      default:
        return;
    }
  }

  private fence(broker: string): void {
    const r = this.regs.get(broker);
    if (!r || r.fenced) return;
    r.fenced = true;
    const cause = this.host.lastStop(broker);
    const fenceId = this.sim.rec.note(
      'fence',
      this.id,
      undefined,
      { broker, reason: 'broker.session.timeout.ms' },
      cause,
    );
    for (const p of this.partitions) {
      if (p.leader === broker) this.elect(p, fenceId, broker);
      else if (p.isr.includes(broker) && p.isr.length > 1) {
        p.isr = p.isr.filter((b) => b !== broker);
        const shrink = this.sim.rec.note(
          'isr-shrink',
          this.id,
          undefined,
          { partition: p.partition, isr: p.isr.join(','), removed: broker },
          fenceId,
        );
        this.host.shrunk(p.partition, shrink);
        this.publish(p);
      }
    }
  }

  private unfence(broker: string): void {
    const r = this.regs.get(broker);
    if (!r) return;
    r.fenced = false;
    const id = this.sim.rec.note('recover', this.id, undefined, { broker, unfenced: true });
    for (const p of this.partitions) {
      if (p.leader === null && p.replicas.includes(broker)) this.elect(p, id, null);
    }
    this.sendStates(broker);
  }

  /** Sends a broker the state of every partition it replicates. */
  private sendStates(broker: string): void {
    const mine = this.partitions.filter((p) => p.replicas.includes(broker));
    const node = this.host.brokerNode(broker);
    if (node && mine.length > 0)
      this.net.send(this, node, {
        type: 'leader-and-isr',
        states: mine.map((p) => ({ ...p })),
        version: this.version,
      });
  }

  /**
   * Elects a leader for `p`: the first replica (in assignment order) that is in the ISR and live;
   * with unclean election enabled, any live replica. Without a candidate the partition goes
   * offline (leader none) and keeps its last ISR, as KRaft does.
   */
  private elect(p: PartitionState, cause: number, gone: string | null): void {
    const live = (b: string): boolean => b !== gone && this.isLive(b);
    let leader = p.replicas.find((b) => p.isr.includes(b) && live(b)) ?? null;
    let unclean = false;
    if (leader === null && this.cfg.unclean) {
      leader = p.replicas.find(live) ?? null;
      unclean = leader !== null;
    }
    const before = p.leader;
    if (leader === null && before === null) return;
    p.epoch++;
    p.leader = leader;
    if (leader !== null) {
      const isr = unclean ? [leader] : p.isr.filter((b) => live(b) || b === leader);
      p.isr = isr.length > 0 ? isr : [leader];
    }
    const id = this.sim.rec.note(
      'leader-elected',
      this.id,
      undefined,
      {
        partition: p.partition,
        leader: leader ?? 'none',
        previous: before ?? 'none',
        epoch: p.epoch,
        isr: p.isr.join(','),
        unclean,
      },
      cause,
    );
    if (leader !== null) this.host.elected(p.partition, leader, p.epoch, unclean, id, before);
    this.publish(p);
  }

  private alterPartition(
    from: string,
    partition: number,
    epoch: number,
    isr: readonly string[],
  ): void {
    const p = this.partitions[partition];
    if (!p || p.leader !== from || p.epoch !== epoch) return; // a stale leader: ignored
    // Only live brokers may join the ISR (KIP-841).
    const next = isr.filter((b) => b === from || this.isLive(b) || p.isr.includes(b));
    const added = next.filter((b) => !p.isr.includes(b));
    const removed = p.isr.filter((b) => !next.includes(b));
    if (added.length === 0 && removed.length === 0) return;
    p.isr = next;
    const entry = this.sim.rec.note(
      removed.length > 0 ? 'isr-shrink' : 'isr-expand',
      this.id,
      undefined,
      {
        partition,
        isr: next.join(','),
        removed: removed.join(','),
        added: added.join(','),
        leader: from,
      },
    );
    if (removed.length > 0) this.host.shrunk(partition, entry);
    this.publish(p);
  }

  /** Pushes a partition's state to its live replicas. */
  private publish(p: PartitionState): void {
    this.version++;
    const state = { ...p };
    for (const b of p.replicas) {
      const node = this.host.brokerNode(b);
      if (node && node.status !== 'crashed')
        this.net.send(this, node, {
          type: 'leader-and-isr',
          states: [state],
          version: this.version,
        });
    }
  }
}
