/**
 * Quorum queues (Raft, reduced to what the safety argument needs): the leader proposes each
 * entry, members fsync and acknowledge it, and it is enqueued (and confirmed) once a majority has
 * it on disk. Elections pick the live member with the most complete log, with a majority only.
 */
import { sendToLiveMembers } from './channel-keys';
import type { CopyDone, RabbitNode, Replica } from './broker';
import type { Publish } from './protocol';
import type { SimNode } from '../../kernel/sim';
import type { QMessage, QueueInput } from './queue';
import type { VHostEvent } from './vhost';
import { persistNow, type StoreHost } from './store';

/** What this seam reads and calls on its node. */
export type QuorumHost = SimNode &
  Pick<
    RabbitNode,
    | 'handle'
    | 'id'
    | 'intoDeleted'
    | 'labels'
    | 'net'
    | 'peerUp'
    | 'replicas'
    | 'shared'
    | 'sim'
    | 'vhosts'
  > &
  StoreHost;
type Host = QuorumHost;

/** Commits an entry a majority has on disk: journal, log it, enqueue it, run its confirms. */
export function checkCommit(self: Host, key: string, ref: number): void {
  const r = self.replicas.get(key);
  const p = r?.pending.get(ref);
  if (!r || !p) return;
  if (p.acks.size * 2 <= r.meta.members.length) return;
  r.pending.delete(ref);
  const commit = self.sim.rec.note('raft-commit', self.id, [p.input.id], {
    queue: r.meta.group,
    ref,
    acks: p.acks.size,
  });
  // Committed entries are durable on a majority; the leader's own log keeps it for recovery.
  persistNow(self, { op: 'pub', q: key, ref, m: asQMessage(p.input, ref) });
  const v = self.vhosts.get(r.meta.vhost);
  const q = v?.queues.get(r.meta.name);
  if (!v || !q) return;
  const res = q.publish(p.input, self.sim.now, 1000);
  if (r.meta.deleted) {
    self.shared.scope(r.meta.group, p.input.id);
    self.intoDeleted(r.meta);
    for (const d of p.done) d(true, commit);
    return;
  }
  const events: VHostEvent[] = [];
  if (res.accepted) events.push({ kind: 'enqueue', queue: r.meta.name, msg: p.input });
  for (const d of res.deliveries) events.push({ kind: 'deliver', queue: r.meta.name, delivery: d });
  v.settle(r.meta.name, res.dropped, self.sim.now, 1000, events);
  // The enqueue event would re-run the classic path; quorum copies are already replicated.
  for (const e of events) {
    if (e.kind === 'enqueue' && e.queue === r.meta.name && e.msg.ref === ref) {
      self.shared.scope(r.meta.group, e.msg.id);
      self.sim.rec.note('enqueue', self.id, [e.msg.id], {
        queue: r.meta.group,
        persistent: true,
      });
    }
  }
  self.handle(
    r.meta.vhost,
    events.filter((e) => !(e.kind === 'enqueue' && e.queue === r.meta.name && e.msg.ref === ref)),
    null,
  );
  for (const d of p.done) d(res.accepted, commit);
}

/** The newest entry a member has (leader: the last ref it assigned; member: its copy). */
export function lastRef(r: { copy: Map<number, QMessage>; nextRef: number; role: string }): number {
  let best = r.role === 'leader' ? r.nextRef - 1 : -1;
  for (const ref of r.copy.keys()) if (ref > best) best = ref;
  return best;
}

/** A Raft entry as a queue message (what a member copies and the leader enqueues on commit). */
export function asQMessage(input: QueueInput, ref: number): QMessage {
  const m: QMessage = {
    id: input.id,
    seq: ref,
    ref,
    exchange: input.exchange,
    routingKeys: input.routingKeys,
    headers: input.headers ?? {},
    bodyBytes: input.bodyBytes,
    expiresAt: null,
    redelivered: false,
    deliveryCount: 0,
    persistent: input.persistent,
    xDeath: input.xDeath ?? [],
  };
  if (input.expiration !== undefined) m.expiration = input.expiration;
  if (input.payload !== undefined) m.payload = input.payload;
  return m;
}

/**
 * Raft, reduced: among the `alive` members (a majority of them, or nobody is elected), the one
 * with the most complete log wins. Read from the members directly instead of exchanging votes.
 * A member counts only if it could vote: it is running and the network reaches it both ways
 * (docs/quorum-queues "A quorum queue requires a quorum of the declared nodes to be available").
 * `alive` is this node's failure-detector view, which lags a crash or a partition by up to the
 * net tick time; without this check an isolated member that had not yet noticed its peers were
 * gone counted their votes and led a minority (Raft needs a majority of granted votes).
 */
export function raftElection(
  self: Host,
  key: string,
  alive: readonly string[],
): string | undefined {
  const meta = self.replicas.get(key)?.meta;
  const voters = alive.filter((m) => m === self.id || canVote(self, m));
  if (!meta || voters.length * 2 <= meta.members.length) return undefined;
  let next: string | undefined;
  let best = -1;
  for (const m of voters) {
    const n = self.shared.nodeById(m)?.replicas.get(key);
    const size = n ? lastRef(n) : -1;
    if (n && size > best) {
      best = size;
      next = m;
    }
  }
  return next;
}

/** Whether member `m` could answer this node's vote request now (up, reachable both ways). */
function canVote(self: Host, m: string): boolean {
  const n = self.shared.nodeById(m);
  return (
    n !== undefined &&
    n.status === 'up' &&
    !self.net.isCut(self.id, m) &&
    !self.net.isCut(m, self.id)
  );
}

/** Posted op of a broker node: the leader's own fsync of quorum entry `ev.x` finished. */
export const OP_QUORUM_FSYNCED = 1;

/** The leader's fsync of entry `ref` of queue `key` finished: it counts toward the majority. */
export function quorumFsynced(self: Host, key: string, r: Replica, ref: number): void {
  const p = r.pending.get(ref);
  if (!p) return;
  p.acks.add(self.id);
  checkCommit(self, key, ref);
}

/** The leader proposes an entry; it is enqueued once a majority (itself included) has it on disk. */
export function propose(
  self: Host,
  key: string,
  r: Replica,
  input: QueueInput,
  done: CopyDone,
): void {
  const ref = r.nextRef++;
  const stamped = { ...input, ref };
  r.pending.set(ref, { input: stamped, acks: new Set(), done: [done] });
  // A posted event (no closure per entry): the node's `fire` calls `quorumFsynced`.
  self.sim.post(
    self.shared.fsyncLatencyUs,
    self.labels.sync,
    self,
    OP_QUORUM_FSYNCED,
    r,
    key,
    self,
  ).x = ref;
  const pay = input.payload as Publish;
  sendToLiveMembers(self, r.meta.members, () => ({
    type: 'repl',
    msgs: [input.id],
    carry: true,
    queue: key,
    m: asQMessage(stamped, ref),
    p: pay,
  }));
}
