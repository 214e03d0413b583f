/**
 * The history checker: reads a finished run (client history + engine journal) and says, for every
 * group and every message that was sent, where the message ended up (its fate) and which
 * anomalies the run shows: lost, duplicated, reordered, unexpected, recovered.
 *
 * The definitions follow Jepsen's queue and Kafka checkers (see docs in ground-truth.md):
 * - lost: acknowledged, but neither processed nor still held at the end;
 * - duplicated: delivered or applied more than once (tolerated at-least-once, but reported);
 * - reordered: processed after a later message of the same producer and key (nonmonotonic send);
 * - unexpected: delivered but never sent, or sent with a definite failure (G1a, aborted read);
 * - recovered: the producer could not know (timeout), yet the message came out.
 *
 * Every anomaly carries its causal chain (the journal entries that touch the message, closed under
 * `cause` links) and a bilingual explanation built from that chain by `explain.ts`.
 *
 * Cost: two passes over the history, one over the journal, plus work proportional to the number
 * of anomalies. The journal is indexed only for messages that need it (unresolved fates and
 * anomalies), so a clean run of 1e6 operations checks without building a per-message index.
 */
import { appliesTo, isAckTraffic } from './entries';
import type {
  HeldState,
  HeldWhere,
  HistoryOp,
  JournalEntry,
  MechanismId,
  MsgId,
  ProducerResult,
  RunRecord,
} from './history';
import { MECHANISMS, type Bilingual } from './mechanisms';
import { actsFor, explainActs, type ExplainContext, type MechanismAct, type MsgOps } from './walk';
import type { Micros } from '../kernel/time';
import {
  HistoryColumns,
  JournalColumns,
  OP_COMMIT,
  OP_DELIVER,
  OP_EFFECT,
  OP_OUTCOME,
  OP_SEND,
} from '../kernel/journal';

/** A `send` history operation. */
export type SendOp = Extract<HistoryOp, { type: 'send' }>;
/** An `outcome` history operation. */
export type OutcomeOp = Extract<HistoryOp, { type: 'outcome' }>;
/** A `deliver` history operation. */
export type DeliverOp = Extract<HistoryOp, { type: 'deliver' }>;
/** An `effect` history operation. */
export type EffectOp = Extract<HistoryOp, { type: 'effect' }>;

/** All fates, in the order reports list them. */
export const FATES = [
  'processed',
  'stored',
  'in-flight',
  'dead-lettered',
  'expired',
  'overflowed',
  'rejected',
  'aborted',
  'skipped',
  'dropped',
  'never-accepted',
  'unaccounted',
] as const;

/**
 * Fates that set a message aside without losing it: it went to a dead-letter exchange, a consumer
 * rejected it on purpose, or its transaction was aborted (the producer was told). Expiry (TTL,
 * Kafka retention) and x-max-length overflow are fates of their own too, but an acknowledged
 * message that ends that way is lost "by design" (ground-truth K23), so they count as losses.
 */
export const POLICY_FATES: ReadonlySet<Fate> = new Set<Fate>([
  'dead-lettered',
  'rejected',
  'aborted',
]);

/**
 * Where one sent message ended up, for one group. Exactly one per (message, group):
 * - `processed`: at least one `effect` in the group;
 * - `stored` / `in-flight`: still held at the end (`RunRecord.held`): pending, not lost;
 * - `dead-lettered`, `rejected`, `aborted`: set aside on purpose (a DLX, a consumer's reject, an
 *   aborted transaction); not a loss;
 * - `expired`, `overflowed`: TTL or retention, or x-max-length drop-head, discarded it: a loss
 *   "by design" when it had been acknowledged;
 * - `skipped`: the consumer group started past it (Kafka `auto.offset.reset=latest`);
 * - `dropped`: a `drop` or `net-drop` journal entry explains its disappearance;
 * - `never-accepted`: the broker rejected it, or the producer got a definite failure and nothing
 *   stored it;
 * - `unaccounted`: nothing explains where it went. That is an engine bookkeeping bug.
 */
export type Fate = (typeof FATES)[number];

/** All anomaly kinds, in the order reports sort them (most severe first). */
export const ANOMALY_KINDS = [
  'lost',
  'duplicated',
  'reordered',
  'unexpected',
  'recovered',
] as const;

/** An anomaly kind; see the module comment for definitions. */
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/**
 * What the producer finally believed about a message:
 * - `acknowledged`: some outcome was `ack` or `sent` (fire-and-forget counts: the app was told OK);
 * - `failed`: the last outcome was a definite `nack`/`error` (Jepsen `:fail`);
 * - `indeterminate`: the last outcome was a `timeout` or a non-definite failure (Jepsen `:info`);
 * - `unknown`: no outcome at all (still pending at the end of the run).
 */
export type ProducerStatus = 'acknowledged' | 'failed' | 'indeterminate' | 'unknown';

/** The producer's view of one message, with the outcome that decided it. */
export interface ProducerView {
  status: ProducerStatus;
  /** The deciding outcome's result: the first `ack`/`sent` if any, else the last outcome. */
  result: ProducerResult | null;
  /** When the deciding outcome happened. */
  at: Micros | null;
  /** Broker-side error name of the deciding outcome, when there is one. */
  error: string | null;
}

/** Structured facts behind an anomaly; the UI and the explanation read them. */
export interface AnomalyDetails {
  /** `deliver` ops of the message in this group. */
  deliveries: number;
  /** `effect` ops with `applied: true`. */
  effectsApplied: number;
  /** `effect` ops with `applied: false` (the sink absorbed a repeat). */
  effectsAbsorbed: number;
  /** The message's fate in this group; null when it was never sent. */
  fate: Fate | null;
  /** The producer's final view; null when it was never sent. */
  producer: ProducerView | null;
  /** Per (producer, key) send order; null when never sent. */
  seq: number | null;
  /** Journal id of the entry that decided a `dropped` fate (the last drop touching it). */
  dropEntry?: number;
  /** Journal id of a `reject` entry, for a `never-accepted` fate. */
  rejectEntry?: number;
  /** Reordered only: the earliest-processed message of the same producer and key with a larger seq. */
  after?: MsgId;
  /** Reordered only: that message's seq. */
  afterSeq?: number;
}

/** One anomaly of one message in one group. */
export interface Anomaly {
  kind: AnomalyKind;
  group: string;
  msg: MsgId;
  key: string | null;
  /** The producer that sent it; null when no send op exists (an `unexpected` message). */
  producer: string | null;
  /**
   * Journal entries touching the message, plus every entry reachable through `cause` links,
   * sorted by id. For `reordered` it also holds the chain of `details.after` (see `relatedIds`).
   */
  chain: JournalEntry[];
  /** Ids of chain entries that are there only for a related message (reordered: `after`). */
  relatedIds: number[];
  reason: { en: string; zh: string };
  /** The mechanisms that caused it, from the recorded acts (catalogue ids). */
  mechanisms: MechanismId[];
  /** Each mechanism's act: the entry that recorded it and its cause entries. */
  acts: MechanismAct[];
  details: AnomalyDetails;
}

/**
 * A message a broker policy set aside in a group (dead-lettered, expired, overflowed, rejected,
 * aborted): not an anomaly, but it has a chain and an explanation like one.
 */
export interface SetAside {
  fate: Fate;
  group: string;
  msg: MsgId;
  key: string | null;
  producer: string | null;
  chain: JournalEntry[];
  mechanisms: MechanismId[];
  acts: MechanismAct[];
  reason: Bilingual;
}

/** How often a protecting mechanism acted in the run (`kafka.acks-all-waited` 120 times...). */
export interface Protection {
  mech: MechanismId;
  count: number;
}

/** Per-group summary. */
export interface GroupReport {
  group: string;
  fates: Record<Fate, number>;
  counts: Record<AnomalyKind, number>;
  /**
   * Where the group's held messages (`stored`, `in-flight`) are at the end, counted by place
   * (and node, queue or partition), most first; absent when the model does not say.
   */
  held?: HeldCount[];
}

/** How many held messages of one group are at one place. */
export interface HeldCount {
  where: HeldWhere;
  n: number;
}

/** Held messages of one group counted by where they are. */
function heldCounts(
  fates: ReadonlyMap<MsgId, Fate>,
  where: ReadonlyMap<MsgId, HeldWhere> | undefined,
): HeldCount[] | undefined {
  if (!where) return undefined;
  const by = new Map<string, HeldCount>();
  for (const [m, f] of fates) {
    if (f !== 'stored' && f !== 'in-flight') continue;
    const w = where.get(m) ?? { place: f === 'stored' ? 'broker' : 'network' };
    const k = `${w.place}|${w.node ?? ''}|${w.queue ?? ''}|${w.partition ?? ''}`;
    const c = by.get(k);
    if (c) c.n++;
    else by.set(k, { where: w, n: 1 });
  }
  return [...by.values()].sort((a, b) => b.n - a.n);
}

/** What `check` returns. Plain data (maps included), so it can cross a Worker boundary. */
export interface CheckReport {
  groups: GroupReport[];
  /** Anomaly counts summed over groups. */
  counts: Record<AnomalyKind, number>;
  /** Sorted by group (in `run.groups` order), then kind (`ANOMALY_KINDS` order), then msg. */
  anomalies: Anomaly[];
  /** Distinct messages sent (with at least one `send` op). */
  messages: number;
  /** (message, group) pairs whose fate is `unaccounted`: should always be 0. */
  unaccounted: number;
  /** The fate of every sent message in every group: `fates.get(group)?.get(msg)`. */
  fates: ReadonlyMap<string, ReadonlyMap<MsgId, Fate>>;
  /** Messages set aside by a policy, with their explanation (at most `SET_ASIDE_SHOWN` per group). */
  setAside: SetAside[];
  /** Protecting mechanisms that acted, most frequent first: what "no anomalies" credits. */
  protections: Protection[];
}

/** How many set-aside messages per group get a chain and an explanation. */
export const SET_ASIDE_SHOWN = 200;

/** Options of `check`. */
export interface CheckOptions {
  /** Reserved: explanations always come in every language. */
  lang?: never;
  /**
   * False skips causal chains and explanations (anomalies keep kind, ids and details; `chain` and
   * `relatedIds` are empty and `reason` is empty text). For Monte Carlo runs that only count: with
   * many anomalies, building the text dominates the cost. Default true.
   */
  explain?: boolean;
}

/** Looks up one fate in a report. */
export function fateOf(report: CheckReport, group: string, msg: MsgId): Fate | undefined {
  return report.fates.get(group)?.get(msg);
}

/** A zeroed record over a list of string-literal keys. */
function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  const r = {} as Record<K, number>;
  for (const k of keys) r[k] = 0;
  return r;
}

/** Per message, from its send and outcome ops. */
interface MsgInfo {
  /** False while only outcomes have been seen. */
  sent: boolean;
  producer: string;
  key: string | null;
  seq: number;
  /** History row of the first `ack`/`sent` outcome, which settles the producer's view; -1. */
  acked: number;
  /** History row of the last outcome, -1 if none. */
  last: number;
}

/** Per (message, group), from deliver and effect ops. */
interface GroupMsg {
  deliveries: number;
  applied: number;
  absorbed: number;
  /** History index of the first effect, -1 if none: reordering is judged by it. */
  firstEffect: number;
}

/** Computes the producer's view from the outcomes kept for a message. */
export function producerViewOf(acked: OutcomeOp | null, last: OutcomeOp | null): ProducerView {
  if (acked) return { status: 'acknowledged', result: acked.result, at: acked.at, error: null };
  if (!last) return { status: 'unknown', result: null, at: null, error: null };
  let status: ProducerStatus;
  switch (last.result) {
    case 'ack':
    case 'sent':
      // Unreachable through `check` (an ack would have been kept in `acked`), but a caller passing
      // only `last` still gets the right answer.
      status = 'acknowledged';
      break;
    case 'nack':
    case 'error':
      status = last.definite ? 'failed' : 'indeterminate';
      break;
    case 'timeout':
      // A timeout never knows whether the broker stored it, whatever `definite` claims.
      status = 'indeterminate';
      break;
    default: {
      const never: never = last.result;
      throw new Error(`unknown producer result ${String(never)}`);
    }
  }
  return { status, result: last.result, at: last.at, error: last.error ?? null };
}

/** Journal kinds that mean a broker took the message in (so a definite failure was not the end). */
const STORING: ReadonlySet<string> = new Set(['enqueue', 'write']);

/** Everything `check` and `fatesOf` share. */
interface Analysis {
  report: Omit<CheckReport, 'anomalies' | 'setAside'>;
  anomalies: Anomaly[];
  setAside: SetAside[];
}

/** True when `e` can decide the fate of a message in group `g` (a drop, or a policy's act). */
function decides(e: JournalEntry, g: string): boolean {
  if (!appliesTo(e, g)) return false;
  if (e.kind === 'drop') return true;
  if (e.kind === 'net-drop') return !isAckTraffic(e);
  return e.mech !== undefined && e.kind !== 'reject' && MECHANISMS[e.mech].fate !== undefined;
}

/** The fate a deciding entry gives. */
function fateBy(e: JournalEntry): Fate {
  const f = e.mech === undefined ? undefined : MECHANISMS[e.mech].fate;
  return f ?? 'dropped';
}

/** Fates that count as a loss when the producer was told the message was stored. */
const LOSS_FATES: ReadonlySet<Fate> = new Set<Fate>([
  'expired',
  'overflowed',
  'dropped',
  'never-accepted',
  'skipped',
  'unaccounted',
]);

function analyze(run: RunRecord, explainAll: boolean): Analysis {
  const { groups } = run;
  const hc = HistoryColumns.of(run.history);
  const msgs = new Map<MsgId, MsgInfo>();
  const perGroup = new Map<string, Map<MsgId, GroupMsg>>();
  for (const g of groups) perGroup.set(g, new Map());
  // Per interned group id, the group's map (undefined for groups the run does not ask about).
  const byGroupId: (Map<MsgId, GroupMsg> | undefined)[] = [];
  for (const [g, gm] of perGroup) {
    const id = hc.findString(g);
    if (id >= 0) byGroupId[id] = gm;
  }

  // Pass 1 over the history: producer facts per message, consumer facts per (message, group).
  // It reads the columns: no operation is materialized.
  for (let i = 0; i < hc.length; i++) {
    const type = hc.typeCode(i);
    const msg = hc.msg(i);
    switch (type) {
      case OP_SEND: {
        // Retries keep the id; the first send fixes producer, key and seq.
        const info = msgs.get(msg);
        if (!info) {
          msgs.set(msg, {
            sent: true,
            producer: hc.str(hc.actorId(i)),
            key: hc.key(i),
            seq: hc.seq(i),
            acked: -1,
            last: -1,
          });
        } else if (!info.sent) {
          // Its outcome came first (hand-built histories may do that).
          info.sent = true;
          info.producer = hc.str(hc.actorId(i));
          info.key = hc.key(i);
          info.seq = hc.seq(i);
        }
        break;
      }
      case OP_OUTCOME: {
        let info = msgs.get(msg);
        if (!info) {
          info = {
            sent: false,
            producer: hc.str(hc.actorId(i)),
            key: null,
            seq: -1,
            acked: -1,
            last: -1,
          };
          msgs.set(msg, info);
        }
        if (info.acked < 0) {
          const r = hc.result(i);
          if (r === 'ack' || r === 'sent') info.acked = i;
        }
        info.last = i;
        break;
      }
      case OP_DELIVER:
      case OP_EFFECT: {
        // Groups the run does not ask about are ignored, as the RunRecord contract says.
        const gm = byGroupId[hc.groupId(i)];
        if (!gm) break;
        let r = gm.get(msg);
        if (!r) {
          r = { deliveries: 0, applied: 0, absorbed: 0, firstEffect: -1 };
          gm.set(msg, r);
        }
        if (type === OP_DELIVER) r.deliveries++;
        else {
          if (hc.flag(i)) r.applied++;
          else r.absorbed++;
          if (r.firstEffect < 0) r.firstEffect = i;
        }
        break;
      }
      case OP_COMMIT:
        break;
      default:
        throw new Error(`unknown history op code ${type}`);
    }
  }
  return finish(run, hc, msgs, perGroup, explainAll);
}

function finish(
  run: RunRecord,
  hc: HistoryColumns,
  msgs: Map<MsgId, MsgInfo>,
  perGroup: Map<string, Map<MsgId, GroupMsg>>,
  explainAll: boolean,
): Analysis {
  const { groups, held } = run;
  const jc = JournalColumns.of(run.journal);
  // The producer's view from the outcome rows; only a view that is not an ack (rare) reads the
  // operation as an object.
  const viewOf = (acked: number, last: number): ProducerView =>
    acked >= 0
      ? { status: 'acknowledged', result: hc.result(acked), at: hc.at(acked), error: null }
      : producerViewOf(null, last < 0 ? null : (hc.get(last) as OutcomeOp));
  // A message counts as sent only with a send op; an outcome alone is not a message.
  const sent = new Map<MsgId, MsgInfo>();
  for (const [m, info] of msgs) if (info.sent) sent.set(m, info);

  const views = new Map<MsgId, ProducerView>();
  for (const [m, info] of sent) {
    views.set(m, viewOf(info.acked, info.last));
  }

  // Fates the history alone settles (processed, held); messages left out go to the journal.
  const fates = new Map<string, Map<MsgId, Fate>>();
  const needJournal = new Set<MsgId>();
  for (const g of groups) {
    const gm = perGroup.get(g) as Map<MsgId, GroupMsg>;
    const heldG = held.get(g);
    const inScope = run.scope?.get(g);
    const f = new Map<MsgId, Fate>();
    for (const m of sent.keys()) {
      const r = gm.get(m);
      // A message routed elsewhere has no fate here, unless it came out here anyway.
      if (inScope && !inScope.has(m) && !r) continue;
      if (r && r.firstEffect >= 0) f.set(m, 'processed');
      else {
        const h: HeldState | undefined = heldG?.get(m);
        if (h !== undefined) f.set(m, h);
        else needJournal.add(m);
      }
    }
    fates.set(g, f);
  }

  // Anomalies visible from the history alone.
  interface Pending {
    kind: AnomalyKind;
    group: string;
    msg: MsgId;
    after?: MsgId;
  }
  const found: Pending[] = [];
  for (const g of groups) {
    const gm = perGroup.get(g) as Map<MsgId, GroupMsg>;
    for (const [m, r] of gm) {
      if (r.deliveries > 1 || r.applied > 1) found.push({ kind: 'duplicated', group: g, msg: m });
      // "Came out" is a delivery or, if the engine recorded no deliver op, an effect.
      if (r.deliveries === 0 && r.firstEffect < 0) continue;
      const view = views.get(m);
      if (!view) found.push({ kind: 'unexpected', group: g, msg: m });
      else if (view.status === 'failed') found.push({ kind: 'unexpected', group: g, msg: m });
      else if (view.status === 'indeterminate') found.push({ kind: 'recovered', group: g, msg: m });
    }
    for (const [m, after] of reorderings(gm, sent)) {
      found.push({ kind: 'reordered', group: g, msg: m, after });
    }
  }
  if (explainAll) {
    for (const p of found) {
      needJournal.add(p.msg);
      if (p.after !== undefined) needJournal.add(p.after);
    }
  }

  // One pass over the journal, indexing only the messages that need it.
  const index = new Map<MsgId, number[]>();
  if (needJournal.size > 0) {
    for (let i = 0; i < jc.length; i++) {
      const n = jc.msgCount(i);
      for (let k = 0; k < n; k++) {
        const m = jc.msg(i, k);
        if (!needJournal.has(m)) continue;
        const list = index.get(m);
        // An entry listing a message twice must not appear twice in its chain.
        if (!list) index.set(m, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    }
  }

  // Finish the fates; remember which entry decided each dropped / never-accepted one.
  const dropEntry = new Map<string, Map<MsgId, number>>();
  const rejectEntry = new Map<string, Map<MsgId, number>>();
  const lostFound: Pending[] = [];
  const asideFound: { fate: Fate; group: string; msg: MsgId }[] = [];
  let unaccounted = 0;
  for (const g of groups) {
    const f = fates.get(g) as Map<MsgId, Fate>;
    const drops = new Map<MsgId, number>();
    const rejects = new Map<MsgId, number>();
    const inScope = run.scope?.get(g);
    for (const m of sent.keys()) {
      if (f.has(m)) continue;
      if (inScope && !inScope.has(m)) continue;
      const entries = index.get(m) ?? [];
      let lastDrop = -1;
      let reject = -1;
      let stored = false;
      for (const i of entries) {
        const e = jc.get(i);
        if (decides(e, g)) lastDrop = i;
        else if (e.kind === 'reject' && appliesTo(e, g)) reject = i;
        else if (STORING.has(e.kind) && appliesTo(e, g)) stored = true;
      }
      const view = views.get(m) as ProducerView;
      let fate: Fate;
      if (lastDrop >= 0) {
        fate = fateBy(jc.get(lastDrop));
        drops.set(m, jc.id(lastDrop));
      } else if (reject >= 0) {
        fate = 'never-accepted';
        rejects.set(m, jc.id(reject));
      } else if (view.status === 'failed' && !stored) {
        fate = 'never-accepted';
      } else {
        fate = 'unaccounted';
        unaccounted++;
      }
      f.set(m, fate);
      // Only dropped, never-accepted or unaccounted reach here: processed and held ones (pending,
      // not lost) were settled from the history.
      if (view.status === 'acknowledged' && LOSS_FATES.has(fate)) {
        lostFound.push({ kind: 'lost', group: g, msg: m });
      } else if (POLICY_FATES.has(fate)) {
        asideFound.push({ fate, group: g, msg: m });
      }
    }
    dropEntry.set(g, drops);
    rejectEntry.set(g, rejects);
  }
  for (const p of lostFound) found.push(p);

  // A policy's act explains a set-aside message: index those messages too, a few per group.
  const asideShown: typeof asideFound = [];
  if (explainAll) {
    const perG = new Map<string, number>();
    for (const a of asideFound) {
      const n = perG.get(a.group) ?? 0;
      if (n >= SET_ASIDE_SHOWN) continue;
      perG.set(a.group, n + 1);
      asideShown.push(a);
    }
  }

  const { anomalies, setAside } =
    found.length > 0 || asideShown.length > 0
      ? build(
          run,
          hc,
          jc,
          found,
          asideShown,
          sent,
          views,
          perGroup,
          fates,
          index,
          dropEntry,
          rejectEntry,
          explainAll,
        )
      : { anomalies: [], setAside: [] };

  // What protected the messages: protecting acts in the journal, and sinks absorbing repeats.
  const protCount = new Map<MechanismId, number>();
  for (let i = 0; i < jc.length; i++) {
    const mech = jc.mech(i);
    if (mech !== undefined && MECHANISMS[mech].effects.includes('protect')) {
      protCount.set(mech, (protCount.get(mech) ?? 0) + 1);
    }
  }
  let absorbed = 0;
  for (const gm of perGroup.values()) for (const r of gm.values()) absorbed += r.absorbed;
  if (absorbed > 0) protCount.set('consumer.idempotent-sink', absorbed);
  const protections: Protection[] = [...protCount]
    .map(([mech, count]) => ({ mech, count }))
    .sort((a, b) => b.count - a.count || (a.mech < b.mech ? -1 : 1));

  const groupReports: GroupReport[] = [];
  const counts = zeroes(ANOMALY_KINDS);
  const byGroup = new Map<string, GroupReport>();
  for (const g of groups) {
    const fatesCount = zeroes(FATES);
    for (const fate of (fates.get(g) as Map<MsgId, Fate>).values()) fatesCount[fate]++;
    const gr: GroupReport = { group: g, fates: fatesCount, counts: zeroes(ANOMALY_KINDS) };
    const held = heldCounts(fates.get(g) as Map<MsgId, Fate>, run.heldWhere?.get(g));
    if (held && held.length > 0) gr.held = held;
    groupReports.push(gr);
    byGroup.set(g, gr);
  }
  for (const a of anomalies) {
    counts[a.kind]++;
    const gr = byGroup.get(a.group);
    if (gr) gr.counts[a.kind]++;
  }
  return {
    report: {
      groups: groupReports,
      counts,
      messages: sent.size,
      unaccounted,
      fates,
      protections,
    },
    anomalies,
    setAside,
  };
}

/**
 * Per (producer, key), walks the group's messages in order of first effect and finds, for each,
 * the earliest-processed message with a larger seq processed before it.
 *
 * The first earlier message with a larger seq is always a "record setter" (its seq beats every
 * seq processed before it): so keeping the record setters, whose seqs increase, and binary
 * searching them gives the answer in O(log n) per message.
 */
function reorderings(gm: Map<MsgId, GroupMsg>, sent: Map<MsgId, MsgInfo>): [MsgId, MsgId][] {
  const order: { m: MsgId; at: number; info: MsgInfo }[] = [];
  for (const [m, r] of gm) {
    if (r.firstEffect < 0) continue;
    const info = sent.get(m);
    if (!info || info.key === null) continue;
    order.push({ m, at: r.firstEffect, info });
  }
  order.sort((a, b) => a.at - b.at);
  const setters = new Map<string, { seqs: number[]; ids: MsgId[] }>();
  const out: [MsgId, MsgId][] = [];
  for (const { m, info } of order) {
    // The NUL separator cannot occur in a sensible producer name, so pairs never collide.
    const k = `${info.producer}\u0000${info.key ?? ''}`;
    let s = setters.get(k);
    if (!s) {
      s = { seqs: [], ids: [] };
      setters.set(k, s);
    }
    const { seqs, ids } = s;
    const n = seqs.length;
    if (n === 0 || info.seq > (seqs[n - 1] as number)) {
      seqs.push(info.seq);
      ids.push(m);
      continue;
    }
    // First setter with seq > info.seq (equal seqs are not an inversion).
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((seqs[mid] as number) > info.seq) hi = mid;
      else lo = mid + 1;
    }
    if (lo < n) out.push([m, ids[lo] as MsgId]);
  }
  return out;
}

/** Builds chains, contexts and explanations for the anomalies found. */
function build(
  run: RunRecord,
  hc: HistoryColumns,
  jc: JournalColumns,
  found: { kind: AnomalyKind; group: string; msg: MsgId; after?: MsgId }[],
  aside: { fate: Fate; group: string; msg: MsgId }[],
  sent: Map<MsgId, MsgInfo>,
  views: Map<MsgId, ProducerView>,
  perGroup: Map<string, Map<MsgId, GroupMsg>>,
  fates: Map<string, Map<MsgId, Fate>>,
  index: Map<MsgId, number[]>,
  dropEntry: Map<string, Map<MsgId, number>>,
  rejectEntry: Map<string, Map<MsgId, number>>,
  explainAll: boolean,
): { anomalies: Anomaly[]; setAside: SetAside[] } {
  const { groups } = run;
  // Chains of many anomalies share entries: each is materialized once per check.
  const made = new Map<number, JournalEntry>();
  const entry = (id: number): JournalEntry | undefined => {
    const row = jc.rowOf(id);
    if (row < 0) return undefined;
    let e = made.get(row);
    if (!e) {
      e = jc.get(row);
      made.set(row, e);
    }
    return e;
  };

  /** Entry ids of a message's chain: entries touching it, closed under `cause`. */
  const chainIds = (m: MsgId): Set<number> => {
    const ids = new Set<number>();
    const todo: number[] = [];
    for (const i of index.get(m) ?? []) {
      const id = jc.id(i);
      if (!ids.has(id)) {
        ids.add(id);
        todo.push(i);
      }
    }
    // Close under `cause` and the typed links: a mechanism's causes are always in the chain.
    // Read from the columns: only the chain's own entries are materialized, later.
    while (todo.length > 0) {
      const i = todo.pop() as number;
      const cause = jc.cause(i);
      const nl = jc.linkCount(i);
      for (let k = -1; k < nl; k++) {
        const id = k < 0 ? cause : jc.linkId(i, k);
        if (id === undefined || ids.has(id)) continue;
        const row = jc.rowOf(id);
        if (row < 0) continue;
        ids.add(id);
        todo.push(row);
      }
    }
    return ids;
  };

  // Second history pass: the ops explanations quote, for anomaly messages only.
  const wanted = new Set<MsgId>();
  for (const p of aside) wanted.add(p.msg);
  for (const p of found) {
    wanted.add(p.msg);
    if (p.after !== undefined) wanted.add(p.after);
  }
  const ops = new Map<MsgId, MsgOps>();
  const opsOf = (m: MsgId): MsgOps => {
    let o = ops.get(m);
    if (!o) {
      o = { sends: [], outcomes: [], deliveries: [], effects: [] };
      ops.set(m, o);
    }
    return o;
  };
  for (let i = 0; explainAll && i < hc.length; i++) {
    if (!wanted.has(hc.msg(i))) continue;
    const op = hc.get(i);
    switch (op.type) {
      case 'send':
        opsOf(op.msg).sends.push(op);
        break;
      case 'outcome':
        opsOf(op.msg).outcomes.push(op);
        break;
      case 'deliver':
        opsOf(op.msg).deliveries.push(op);
        break;
      case 'effect':
        opsOf(op.msg).effects.push(op);
        break;
      case 'commit':
        break;
      default: {
        const never: never = op;
        throw new Error(`unknown history op ${JSON.stringify(never)}`);
      }
    }
  }
  const NO_OPS: MsgOps = { sends: [], outcomes: [], deliveries: [], effects: [] };
  const inGroup = (o: MsgOps, g: string): MsgOps => ({
    sends: o.sends,
    outcomes: o.outcomes,
    deliveries: o.deliveries.filter((d) => d.group === g),
    effects: o.effects.filter((e) => e.group === g),
  });

  const groupOrder = new Map<string, number>();
  groups.forEach((g, i) => groupOrder.set(g, i));
  const kindOrder = new Map<AnomalyKind, number>();
  ANOMALY_KINDS.forEach((k, i) => kindOrder.set(k, i));

  const out: Anomaly[] = [];
  for (const p of found) {
    const info = sent.get(p.msg);
    const r = perGroup.get(p.group)?.get(p.msg);
    const details: AnomalyDetails = {
      deliveries: r?.deliveries ?? 0,
      effectsApplied: r?.applied ?? 0,
      effectsAbsorbed: r?.absorbed ?? 0,
      fate: fates.get(p.group)?.get(p.msg) ?? null,
      producer: views.get(p.msg) ?? null,
      seq: info ? info.seq : null,
    };
    const drop = dropEntry.get(p.group)?.get(p.msg);
    if (drop !== undefined) details.dropEntry = drop;
    const rej = rejectEntry.get(p.group)?.get(p.msg);
    if (rej !== undefined) details.rejectEntry = rej;

    if (p.after !== undefined) {
      details.after = p.after;
      const ai = sent.get(p.after);
      if (ai) details.afterSeq = ai.seq;
    }
    const core: Omit<Anomaly, 'reason'> = {
      kind: p.kind,
      group: p.group,
      msg: p.msg,
      key: info ? info.key : null,
      producer: info ? info.producer : null,
      chain: [],
      relatedIds: [],
      mechanisms: [],
      acts: [],
      details,
    };
    if (!explainAll) {
      out.push({ ...core, reason: { en: '', zh: '' } });
      continue;
    }
    const own = chainIds(p.msg);
    const relatedIds: number[] = [];
    let afterOps: MsgOps | undefined;
    if (p.after !== undefined) {
      for (const id of chainIds(p.after)) {
        if (!own.has(id)) {
          own.add(id);
          relatedIds.push(id);
        }
      }
      relatedIds.sort((a, b) => a - b);
      afterOps = inGroup(ops.get(p.after) ?? NO_OPS, p.group);
    }
    for (const id of [...own].sort((a, b) => a - b)) {
      const e = entry(id);
      if (e) core.chain.push(e);
    }
    core.relatedIds = relatedIds;
    const ctx: ExplainContext = {
      ops: inGroup(ops.get(p.msg) ?? NO_OPS, p.group),
      groupLabel: groups.length > 1 ? p.group : null,
      family: run.family ?? 'amqp',
    };
    if (afterOps) ctx.after = afterOps;
    const byIdChain = new Map<number, JournalEntry>();
    for (const e of core.chain) byIdChain.set(e.id, e);
    const input = {
      kind: p.kind,
      group: p.group,
      msg: p.msg,
      key: core.key,
      producer: core.producer,
      chain: core.chain,
      relatedIds,
      fate: details.fate,
      view: details.producer,
      ...(p.after !== undefined ? { after: p.after } : {}),
      ...(drop !== undefined
        ? { decidingEntry: drop }
        : rej !== undefined
          ? { decidingEntry: rej }
          : {}),
      deliveries: details.deliveries,
      effectsApplied: details.effectsApplied,
      effectsAbsorbed: details.effectsAbsorbed,
    };
    core.acts = actsFor(input, ctx, byIdChain);
    core.mechanisms = [...new Set(core.acts.map((a) => a.mech))];
    out.push({ ...core, reason: explainActs(input, core.acts, ctx, byIdChain) });
  }

  const setAside: SetAside[] = [];
  for (const p of aside) {
    const info = sent.get(p.msg);
    const chain: JournalEntry[] = [];
    for (const id of [...chainIds(p.msg)].sort((a, b) => a - b)) {
      const e = entry(id);
      if (e) chain.push(e);
    }
    const byIdChain = new Map<number, JournalEntry>();
    for (const e of chain) byIdChain.set(e.id, e);
    const drop = dropEntry.get(p.group)?.get(p.msg);
    const input = {
      kind: 'set-aside' as const,
      group: p.group,
      msg: p.msg,
      key: info ? info.key : null,
      producer: info ? info.producer : null,
      chain,
      relatedIds: [],
      fate: p.fate,
      view: views.get(p.msg) ?? null,
      ...(drop !== undefined ? { decidingEntry: drop } : {}),
      deliveries: 0,
      effectsApplied: 0,
      effectsAbsorbed: 0,
    };
    const ctx: ExplainContext = {
      ops: inGroup(ops.get(p.msg) ?? NO_OPS, p.group),
      groupLabel: groups.length > 1 ? p.group : null,
      family: run.family ?? 'amqp',
    };
    const acts = actsFor(input, ctx, byIdChain);
    setAside.push({
      fate: p.fate,
      group: p.group,
      msg: p.msg,
      key: input.key,
      producer: input.producer,
      chain,
      mechanisms: [...new Set(acts.map((a) => a.mech))],
      acts,
      reason: explainActs(input, acts, ctx, byIdChain),
    });
  }
  out.sort(
    (a, b) =>
      (groupOrder.get(a.group) ?? 0) - (groupOrder.get(b.group) ?? 0) ||
      (kindOrder.get(a.kind) ?? 0) - (kindOrder.get(b.kind) ?? 0) ||
      a.msg - b.msg,
  );
  return { anomalies: out, setAside };
}

/**
 * Checks a finished run: the fate of every sent message in every group, the anomalies with their
 * causal chains, and an explanation of each in English and Chinese.
 */
export function check(run: RunRecord, opts: CheckOptions = {}): CheckReport {
  const { report, anomalies, setAside } = analyze(run, opts.explain ?? true);
  return { ...report, anomalies, setAside };
}

/** The fate of every sent message in every group: `fatesOf(run).get(group)?.get(msg)`. */
export function fatesOf(run: RunRecord): ReadonlyMap<string, ReadonlyMap<MsgId, Fate>> {
  return analyze(run, false).report.fates;
}
