/**
 * Helpers for the typed cause links the AMQP models record with a mechanism (`JournalEntry.links`).
 * Links are derived facts: they never enter the trace hash, so a model may find an earlier entry
 * by reading the run's own journal (which is empty when recording is off: then there is nothing to
 * link, and nothing is kept either).
 */
import type { CauseLink, CauseRole, JournalEntry, MechanismId, MsgId } from '../../check/history';
import type { Sim } from '../../kernel/sim';

/** Links for the roles whose entry is known (ids below 0 and `undefined` are left out). */
export function linksOf(
  ...pairs: readonly (readonly [CauseRole, number | undefined])[]
): CauseLink[] {
  const out: CauseLink[] = [];
  for (const [role, id] of pairs) if (id !== undefined && id >= 0) out.push({ role, id });
  return out;
}

/** How far back a search looks at most: bounds the cost in very long runs. */
const MAX_SCAN = 200_000;

/** The id of the latest journal entry with an id above `after` that `match` accepts. */
export function latestEntry(
  sim: Sim,
  match: (e: JournalEntry) => boolean,
  after = -1,
): number | undefined {
  const j = sim.rec.journalColumns;
  // Recording off: nothing to find, and no cursor to build (its getters cost more than the scan).
  if (j.length === 0) return undefined;
  // One reusable cursor: the scan allocates nothing per row it tests.
  const e = j.cursor();
  const stop = Math.max(0, j.length - MAX_SCAN);
  for (let i = j.length - 1; i >= stop; i--) {
    if (j.id(i) <= after) return undefined;
    e.row = i;
    if (match(e)) return j.id(i);
  }
  return undefined;
}

/** The latest crash or power loss of `node` (its fault), if any. */
export function lastStopOf(sim: Sim, node: string): number | undefined {
  // Reads the columns: the scan materializes no entry.
  const j = sim.rec.journalColumns;
  const stop = Math.max(0, j.length - MAX_SCAN);
  for (let i = j.length - 1; i >= stop; i--) {
    const k = j.kind(i);
    if ((k === 'crash' || k === 'power-loss') && j.node(i) === node && !j.field(i, 'noop')) {
      return j.id(i);
    }
  }
  return undefined;
}

/** Where the network dropped the broker's answer to a publish, by `producer\0msg`: the latest row. */
interface ConfirmDrops {
  /** Rows below this are indexed. */
  upto: number;
  latest: Map<string, number>;
}

const confirmDrops = new WeakMap<object, ConfirmDrops>();

/**
 * The index of confirm drops of a journal, brought up to date. Each row is read once in the whole
 * run: a producer that republishes a backlog after a reconnect asks once per message, and a scan
 * back through the journal per message made recorded runs with faults quadratic (the single-node
 * bench with a crash every 10 s ran at 20 k events/s recorded against 260 k unrecorded).
 */
function confirmDropIndex(sim: Sim): ConfirmDrops {
  const j = sim.rec.journalColumns;
  let ix = confirmDrops.get(j);
  if (!ix) {
    ix = { upto: 0, latest: new Map() };
    confirmDrops.set(j, ix);
  }
  for (let i = ix.upto; i < j.length; i++) {
    if (j.kind(i) !== 'net-drop') continue;
    const type = j.field(i, 'type');
    if (type !== 'confirm' && type !== 'tx-commit-ok') continue;
    const node = j.node(i);
    const arrow = node.indexOf('->');
    if (arrow < 0) continue;
    const to = node.slice(arrow + 2);
    for (let k = 0, n = j.msgCount(i); k < n; k++) ix.latest.set(`${to}\0${j.msg(i, k)}`, i);
  }
  ix.upto = j.length;
  return ix;
}

/**
 * The network's drop of the broker's answer to a publish of `msg` (a confirm or `tx.commit-ok`
 * travelling broker -> producer) after entry `after`. A consumer's basic.ack is never one. Finds
 * what a backward scan of the last `MAX_SCAN` rows would (the latest such drop, if its id is above
 * `after`), from an index built once per row.
 */
export function droppedConfirm(
  sim: Sim,
  producer: string,
  msg: MsgId,
  after: number,
): number | undefined {
  const j = sim.rec.journalColumns;
  const row = confirmDropIndex(sim).latest.get(`${producer}\0${msg}`);
  if (row === undefined || row < j.length - MAX_SCAN) return undefined;
  const id = j.id(row);
  return id > after ? id : undefined;
}

/** The mechanism of each reason a stopped node's message is gone. */
export const STOP_MECH: Readonly<Record<string, MechanismId>> = {
  'exclusive-queue-deleted': 'rabbit.exclusive-queue-deleted',
  'queue-deleted': 'amqp.non-durable-queue',
  'crash-transient': 'amqp.transient-message',
  'power-loss-unsynced': 'storage.page-cache-lost',
  'crash-unwritten': 'storage.crash-before-write',
};

/**
 * Journals what a restart brought back from disk, split by what it means: messages that were
 * waiting (`ready` at the crash, never delivered) simply survived; messages delivered and not
 * acknowledged (`unacked`) come back because the crash closed their channels (the requeue
 * mechanism); the rest had been acknowledged (or otherwise removed) but the removal had not
 * reached the disk, so they come back although they were done.
 */
export function noteRecovered(
  sim: Sim,
  node: string,
  group: string,
  ids: readonly MsgId[],
  at: { ready: ReadonlySet<MsgId>; unacked: ReadonlySet<MsgId>; stop: number; restart: number },
): void {
  const waiting = ids.filter((id) => at.ready.has(id));
  const unacked = ids.filter((id) => !at.ready.has(id) && at.unacked.has(id));
  const done = ids.filter((id) => !at.ready.has(id) && !at.unacked.has(id));
  const causes = linksOf(['fault', at.stop], ['restart', at.restart]);
  const rec = sim.rec;
  rec.note('recover', node, waiting, { queue: group, delivered: false }, at.restart);
  const parts = [
    [unacked, 'unacked-at-crash', 'rabbit.requeue'],
    [done, 'ack-not-persisted', 'rabbit.ack-not-persisted'],
  ] as const;
  for (const [msgs, reason, mech] of parts)
    if (msgs.length > 0)
      rec.note(
        'recover',
        node,
        msgs,
        { queue: group, delivered: true, reason },
        at.restart,
        mech,
        causes,
      );
}

/** Why a publish is sent again: the attempt before it, and what ended that attempt. */
export interface RetryWhy {
  /** Journal id of the previous attempt's `publish` (or `reject`) entry. */
  prev: number;
  /** What ended it, when known: its confirm timed out, or its connection closed. */
  role?: 'timeout' | 'connection-close';
  failure?: number;
}

/**
 * Journals a publish attempt and returns its entry id. A republish (`why` set) is the
 * application's choice after a confirm that never came or a nack: the broker may have stored the
 * first copy, so it can duplicate; it links the failed attempt, what ended it, and the network's
 * drop of the confirm when there was one.
 */
export function notePublish(
  sim: Sim,
  producer: string,
  msg: MsgId,
  attempt: number,
  to: string,
  why?: RetryWhy,
): number {
  const data = { attempt, to };
  if (attempt === 0 || !why)
    return sim.rec.note(attempt === 0 ? 'publish' : 'publish-retry', producer, [msg], data);
  return sim.rec.note(
    'publish-retry',
    producer,
    [msg],
    data,
    undefined,
    'rabbit.lost-confirm-republish',
    linksOf(
      ['attempt', why.prev],
      [why.role ?? 'timeout', why.failure],
      ['network', droppedConfirm(sim, producer, msg, why.prev)],
    ),
  );
}
