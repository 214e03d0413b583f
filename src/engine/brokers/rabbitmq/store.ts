/**
 * A node's message store (`msg_store`) and quorum log (Ra's WAL): persistent messages of durable
 * queues are written in batches every `syncIntervalMs` and fsynced; what waits on that fsync (a
 * confirm) runs once it completes. Quorum entries are written and synced one by one. On recovery
 * the store gives back every `pub` record without a `del`.
 */
import type { RabbitNode, StoreEntry } from './broker';
import type { MsgId } from '../../check/history';
import type { SimNode } from '../../kernel/sim';
import type { QMessage } from './queue';
import type { LogFile } from '../../kernel/storage';

/** What this seam reads and calls on its node. */
export type StoreHost = SimNode &
  Pick<
    RabbitNode,
    | 'batchConfirms'
    | 'discarded'
    | 'flusher'
    | 'fsyncWaiters'
    | 'id'
    | 'labels'
    | 'pendingWrites'
    | 'shared'
    | 'sim'
    | 'store'
    | 'storeBase'
    | 'storeCompacted'
    | 'timer'
    | 'wal'
    | 'walCompacted'
  >;
type Host = StoreHost;

/** Every `syncIntervalMs`: write the pending batch and fsync it. */
export function syncTick(self: Host): void {
  writeBatch(self);
  self.timer(self.shared.syncIntervalUs, self.labels.sync, () => syncTick(self));
}

/** Appends the pending records to the store and starts their fsync. */
export function writeBatch(self: Host): void {
  if (self.pendingWrites.length === 0) return;
  const ids: MsgId[] = [];
  for (const e of self.pendingWrites) {
    self.store.append(e);
    if (e.op === 'pub') ids.push(e.m.id);
  }
  self.sim.rec.note('write', self.id, ids, { records: self.pendingWrites.length });
  self.pendingWrites = [];
  self.flusher.fsync();
}

/** Queues a store record; `done` runs once it is fsynced. */
export function persist(self: Host, e: StoreEntry, done?: (fsync: number) => void): void {
  self.pendingWrites.push(e);
  if (done)
    self.fsyncWaiters.push({
      index: self.storeBase + self.store.length + self.pendingWrites.length,
      done,
    });
}

/** The store is fsynced up to `upTo`: run what waited on it (confirms go out together). */
export function synced(self: Host, upTo: number): void {
  const abs = self.storeBase + upTo;
  const ready = self.fsyncWaiters.filter((w) => w.index <= abs);
  self.fsyncWaiters = self.fsyncWaiters.filter((w) => w.index > abs);
  const fsync =
    ready.length > 0 ? self.sim.rec.note('fsync', self.id, undefined, { syncedRecords: upTo }) : -1;
  self.batchConfirms(() => {
    for (const w of ready) w.done(fsync);
  });
  // The flusher is idle right now: a good moment to garbage-collect the store.
  if (self.store.unsynced === 0 && self.store.length > 2 * self.storeCompacted + 20_000) {
    const before = self.store.length;
    compact(self.store);
    self.storeBase += before - self.store.length;
    self.storeCompacted = self.store.length;
  }
}

/** Quorum logs (Ra's WAL) are written and fsynced per entry before the ack. */
export function persistNow(self: Host, e: StoreEntry): void {
  self.wal.append(e);
  self.wal.markSynced(self.wal.length);
  if (self.wal.length > 2 * self.walCompacted + 20_000) {
    compact(self.wal);
    self.walCompacted = self.wal.length;
  }
}

/** Messages the store would bring back, per queue: `pub` records without a `del`. */
export function recoverable(self: Host): Map<string, QMessage[]> {
  const dead = new Set<string>();
  const all = [...self.store.entries, ...self.wal.entries];
  for (const e of all) if (e.op === 'del') dead.add(`${e.q}#${e.ref}`);
  const out = new Map<string, QMessage[]>();
  const seen = new Set<string>();
  for (const e of all) {
    if (e.op !== 'pub') continue;
    const k = `${e.q}#${e.ref}`;
    if (dead.has(k) || seen.has(k) || self.discarded.has(e.q)) continue;
    const meta = self.shared.queues.get(e.q);
    // Exclusive queues die with their connection, so they never come back from disk.
    if (!meta || !meta.durable || meta.exclusive) continue;
    seen.add(k);
    const list = out.get(e.q) ?? [];
    list.push(e.m);
    out.set(e.q, list);
  }
  return out;
}

/** Rewrites a store file with only its live `pub` records (all of it is on disk already). */
export function compact(file: LogFile<StoreEntry>): void {
  const dead = new Set<string>();
  for (const e of file.entries) if (e.op === 'del') dead.add(`${e.q}#${e.ref}`);
  const live = file.entries.filter((e) => e.op === 'pub' && !dead.has(`${e.q}#${e.ref}`));
  file.truncate(0);
  for (const e of live) file.append(e);
  file.markSynced(file.length);
}
