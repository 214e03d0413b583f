/**
 * The group coordinator of one consumer group (classic protocol, eager rebalancing): members join
 * (JoinGroup and SyncGroup are merged into one round trip), the coordinator waits for every known
 * member (or `group.initial.rebalance.delay.ms` for a new group), bumps the generation and hands
 * out the assignor's result; heartbeats keep members in (`session.timeout.ms`); offset commits
 * from the current generation are stored.
 *
 * Simplifications: committed offsets live in `__consumer_offsets`, which the model treats as
 * replicated and durable (they survive any broker fault); the coordinator runs on the broker the
 * group id hashes to, and moves at once to the next live broker when that one stops.
 */
import type { Network } from '../../kernel/network';
import type { SimNode, Sim } from '../../kernel/sim';
import type { Micros } from '../../kernel/time';
import { assign, type AssignorName } from './assignors';
import type { Wire } from './protocol';

interface Member {
  node: SimNode;
  lastHeardAt: Micros;
  joined: boolean;
  sessionUs: Micros;
  rebalanceUs: Micros;
}

/** `group.initial.rebalance.delay.ms` (3000). */
export const INITIAL_REBALANCE_DELAY_US = 3_000_000;

export class GroupCoordinator {
  host: SimNode | null = null;
  generation = 0;
  state: 'empty' | 'preparing' | 'stable' = 'empty';
  readonly members = new Map<string, Member>();
  assignment = new Map<string, number[]>();
  /** Committed offsets per partition (`__consumer_offsets`). */
  readonly committed = new Map<number, { offset: number; epoch: number }>();
  /** Per partition: the journal id of the `offset-commit` that set `committed`, for cause links. */
  readonly commitEntry = new Map<number, number>();
  private rebalanceStartedAt = 0;
  private hostIncarnation = -1;
  private readonly checkLabel: number;

  constructor(
    private readonly sim: Sim,
    readonly group: string,
    private readonly net: Network<Wire>,
    private readonly partitions: number,
    private readonly assignor: AssignorName,
  ) {
    this.checkLabel = sim.label('coordinator.check');
  }

  /** Moves the coordinator to `host` (startup, or failover): in-memory membership is lost. */
  rehost(host: SimNode | null): void {
    this.host = host;
    this.members.clear();
    this.assignment = new Map();
    this.state = 'empty';
    this.hostIncarnation = host ? host.incarnation : -1;
    if (host) this.armCheck(host);
  }

  private armCheck(host: SimNode): void {
    host.timer(1_000_000, this.checkLabel, () => {
      this.check();
      if (this.host === host && host.incarnation === this.hostIncarnation) this.armCheck(host);
    });
  }

  private check(): void {
    const now = this.sim.now;
    const expired: string[] = [];
    for (const [id, m] of this.members) if (now - m.lastHeardAt > m.sessionUs) expired.push(id);
    if (expired.length > 0) {
      for (const id of expired) this.members.delete(id);
      this.startRebalance('session.timeout.ms', expired.join(','));
    }
    if (this.state === 'preparing') {
      const limit =
        this.generation === 0 && this.assignment.size === 0
          ? INITIAL_REBALANCE_DELAY_US
          : Math.max(
              INITIAL_REBALANCE_DELAY_US,
              ...[...this.members.values()].map((m) => m.rebalanceUs),
            );
      const allJoined = [...this.members.values()].every((m) => m.joined);
      if (
        (allJoined &&
          this.members.size > 0 &&
          now - this.rebalanceStartedAt >= INITIAL_REBALANCE_DELAY_US) ||
        now - this.rebalanceStartedAt >= limit
      )
        this.complete();
    }
  }

  private startRebalance(reason: string, members: string): void {
    if (this.state !== 'preparing') {
      this.state = 'preparing';
      this.rebalanceStartedAt = this.sim.now;
      for (const m of this.members.values()) m.joined = false;
      this.sim.rec.note('rebalance', this.group, undefined, {
        group: this.group,
        phase: 'prepare',
        reason,
        members,
      });
    }
  }

  private complete(): void {
    for (const [id, m] of this.members) if (!m.joined) this.members.delete(id);
    // Completing the join restarts every member's session timer, as Kafka's coordinator does.
    for (const m of this.members.values()) m.lastHeardAt = this.sim.now;
    this.generation++;
    const ids = [...this.members.keys()];
    this.assignment = assign(this.assignor, ids, this.partitions, this.assignment);
    this.state = this.members.size > 0 ? 'stable' : 'empty';
    const desc = [...this.assignment].map(([m, ps]) => `${m}:[${ps.join(',')}]`).join(' ');
    this.sim.rec.note('rebalance', this.group, undefined, {
      group: this.group,
      phase: 'complete',
      generation: this.generation,
      assignment: desc,
    });
    for (const [id, m] of this.members) this.sendAssignment(id, m.node);
  }

  private sendAssignment(member: string, to: SimNode): void {
    if (!this.host) return;
    const ps = this.assignment.get(member) ?? [];
    this.net.send(this.host, to, {
      type: 'join-response',
      group: this.group,
      generation: this.generation,
      partitions: ps,
      committed: ps
        .filter((p) => this.committed.has(p))
        .map((p) => {
          const c = this.committed.get(p) as { offset: number; epoch: number };
          return [p, c.offset, c.epoch] as [number, number, number];
        }),
    });
  }

  /** Handles a coordinator request that reached `broker`. */
  handle(broker: SimNode, from: SimNode, w: Wire, sessionUs: Micros, rebalanceUs: Micros): void {
    if (broker !== this.host) return; // not the coordinator (any more): the client will time out
    const now = this.sim.now;
    switch (w.type) {
      case 'join': {
        let m = this.members.get(w.member);
        if (!m) {
          m = { node: from, lastHeardAt: now, joined: false, sessionUs, rebalanceUs };
          this.members.set(w.member, m);
          this.startRebalance('member-joined', w.member);
        }
        m.lastHeardAt = now;
        if (this.state === 'stable' && w.generation === this.generation) {
          this.sendAssignment(w.member, from);
          return;
        }
        this.startRebalance('member-rejoined', w.member);
        m.joined = true;
        return;
      }
      case 'heartbeat': {
        const m = this.members.get(w.member);
        const error = !m
          ? 'UNKNOWN_MEMBER_ID'
          : this.state !== 'stable' || w.generation !== this.generation
            ? 'REBALANCE_IN_PROGRESS'
            : 'NONE';
        if (m) m.lastHeardAt = now;
        this.net.send(broker, from, { type: 'heartbeat-response', error });
        return;
      }
      case 'offset-commit': {
        const m = this.members.get(w.member);
        const ok = m !== undefined && w.generation === this.generation;
        if (ok) {
          m.lastHeardAt = now;
          for (const [p, offset, epoch] of w.offsets) this.committed.set(p, { offset, epoch });
          const entry = this.sim.rec.note('offset-commit', broker.id, undefined, {
            group: this.group,
            member: w.member,
            offsets: w.offsets.map(([p, o]) => `${p}:${o}`).join(','),
          });
          for (const [p] of w.offsets) this.commitEntry.set(p, entry);
        }
        this.net.send(broker, from, {
          type: 'offset-commit-response',
          ack: true,
          commitId: w.commitId,
          error: ok ? 'NONE' : m ? 'ILLEGAL_GENERATION' : 'UNKNOWN_MEMBER_ID',
        });
        return;
      }
      case 'leave':
        if (this.members.delete(w.member)) this.startRebalance('member-left', w.member);
        return;
      default:
        return;
    }
  }
}
