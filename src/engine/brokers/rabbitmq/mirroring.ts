/**
 * Classic mirrored queues (`ha-mode`): the leader copies every message to its mirrors and
 * confirms once the message is on disk (if it must be) and every synchronised mirror has it;
 * a mirror that joins later synchronises automatically (`ha-sync-mode: automatic`) or once every
 * older message is gone (manual); on failover the oldest (or oldest synchronised) mirror wins.
 */
import { sendToLiveMembers } from './channel-keys';
import type { CopyDone, RabbitNode, Replica } from './broker';
import type { SimNode } from '../../kernel/sim';
import type { Publish } from './protocol';
import type { QMessage } from './queue';
import { persist, type StoreHost } from './store';

/** What this seam reads and calls on its node. */
export type MirroringHost = SimNode &
  Pick<
    RabbitNode,
    'diskDone' | 'id' | 'liveOf' | 'net' | 'peerUp' | 'replicas' | 'shared' | 'sim'
  > &
  StoreHost;
type Host = MirroringHost;

/** A member (re)joined a queue this node leads: synchronise it now (automatic) or later (manual). */
export function memberJoined(self: Host, key: string, r: Replica, member: string): void {
  const peer = self.shared.nodeById(member);
  if (!peer) return;
  if (r.meta.type === 'quorum' || r.meta.haSyncMode === 'automatic') {
    // Quorum members catch up from the leader; automatic sync copies the whole queue.
    const live = self.liveOf(key);
    self.sim.rec.note(
      'mirror-sync',
      self.id,
      live.map((m) => m.id),
      { queue: r.meta.group, to: member },
    );
    self.net.send(self, peer, { type: 'sync', queue: key, ms: live, ps: [] });
    r.inSync.add(member);
  } else {
    r.joinedAt.set(member, r.nextRef);
    checkSynced(self, key, r);
  }
}

/** Manual sync: a new mirror becomes synchronised once every older message is gone. */
export function checkSynced(self: Host, key: string, r: Replica): void {
  if (r.joinedAt.size === 0) return;
  const live = self.liveOf(key);
  for (const [member, at] of r.joinedAt) {
    if (live.some((m) => m.ref < at)) continue;
    r.joinedAt.delete(member);
    r.inSync.add(member);
    self.sim.rec.note('mirror-sync', self.id, undefined, {
      queue: r.meta.group,
      to: member,
      manual: true,
    });
    const peer = self.shared.nodeById(member);
    if (peer) self.net.send(self, peer, { type: 'sync', queue: key, ms: live, ps: [] });
  }
}

/** Leader side of a copy for a queue it hosts: persist, replicate, confirm when safe. */
export function afterEnqueue(
  self: Host,
  key: string,
  r: Replica,
  m: QMessage,
  done: CopyDone,
): void {
  const needDisk = m.persistent && r.meta.durable;
  const need = new Set(r.meta.type === 'mirrored' ? r.inSync : []);
  r.waiting.set(m.ref, { acks: new Set(), need, done });
  if (needDisk)
    persist(self, { op: 'pub', q: key, ref: m.ref, m: { ...m } }, (fsync) => {
      // Already confirmed (consumed and acked before the write reached the disk): nothing to do.
      if (!r.waiting.has(m.ref)) return;
      self.diskDone.set(`${key}#${m.ref}`, fsync);
      checkWaiting(self, key, m.ref);
    });
  if (r.meta.type === 'mirrored') replicate(self, key, r, m);
  if (!needDisk) self.diskDone.set(`${key}#${m.ref}`, undefined);
  checkWaiting(self, key, m.ref);
}

/** Runs a message's confirm once it is on disk (if it must be) and every needed mirror has it. */
export function checkWaiting(self: Host, key: string, ref: number): void {
  const r = self.replicas.get(key);
  const w = r?.waiting.get(ref);
  if (!r || !w) return;
  if (!self.diskDone.has(`${key}#${ref}`)) return;
  for (const n of w.need) if (!w.acks.has(n)) return;
  r.waiting.delete(ref);
  const fsync = self.diskDone.get(`${key}#${ref}`);
  self.diskDone.delete(`${key}#${ref}`);
  w.done(true, fsync);
}

/** Sends a new message to every live mirror. */
export function replicate(self: Host, key: string, r: Replica, m: QMessage): void {
  const p = m.payload as Publish;
  sendToLiveMembers(self, r.meta.members, () => ({
    type: 'repl',
    msgs: [m.id],
    carry: true,
    queue: key,
    m: { ...m },
    p,
  }));
}

/**
 * The mirror a classic mirrored queue promotes when its leader is gone: the oldest live one, or
 * with `ha-promote-on-failure: when-synced` the oldest synchronised one (or none).
 */
export function mirrorToPromote(
  self: Host,
  key: string,
  alive: readonly string[],
): string | undefined {
  const meta = self.replicas.get(key)?.meta;
  if (!meta) return undefined;
  const candidates = alive.filter((m) => {
    const n = self.shared.nodeById(m);
    return n !== undefined && n.up && !n.paused && n.replicas.has(key);
  });
  return meta.haPromoteOnFailure === 'when-synced'
    ? candidates.find((m) => self.shared.nodeById(m)?.replicas.get(key)?.synced === true)
    : candidates[0];
}
