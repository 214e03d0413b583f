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
import { CountColumn, FateMap, FloatColumn, IntColumn, MsgIndex } from './dense';
import { MECHANISMS, type Bilingual } from './mechanisms';
import {
  actsSteps,
  explainActs,
  type ExplainContext,
  type MechanismAct,
  type MsgOps,
} from './walk';
import type { Micros } from '../kernel/time';
import {
  HistoryColumns,
  HistoryRows,
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

/** Units of work one step of `checkSteps` does before it yields (see `CheckProgress.units`). */
export const CHECK_STEP_UNITS = 2_000;

/**
 * What `checkSteps` yields after each step. A unit is one history row, one journal row or
 * message reference in it, one (message, group) pair, or one entry of an anomaly's chain (an
 * anomaly's explanation counts `ANOMALY_UNITS` more): the work of a step is bounded by counting
 * these, never by a clock, so the engine stays pure and the driver owns the time.
 */
export interface CheckProgress {
  /** Units done so far. */
  done: number;
  /** Units expected in all; it grows as the checker learns the run (anomalies found). */
  total: number;
  /** Units of the step just done: `CHECK_STEP_UNITS` or a little more (the last item's). */
  units: number;
}

/**
 * Units one anomaly or set-aside explanation counts on top of its chain, and units per chain
 * entry. Measured (Node 20, kafka-e4-replication, 1,204 anomalies): a history row costs about
 * 0.1 us, an explanation 1 ms, a materialized chain entry a few us; the weights keep a step of
 * `CHECK_STEP_UNITS` near a millisecond whatever it spends its units on.
 */
export const ANOMALY_UNITS = 5_000;
/** See `ANOMALY_UNITS`. */
export const CHAIN_ENTRY_UNITS = 20;

/** Ids a stepped sort moves between two looks at the meter, minus one (a power of two minus one). */
const SORT_CHUNK = 63;

/** Counts units and says when a step is full. */
class Meter {
  spent = 0;
  done = 0;
  total = 0;
  constructor(readonly step: number) {}

  take(): CheckProgress {
    const units = this.spent;
    this.done += units;
    this.spent = 0;
    this.total = Math.max(this.total, this.done);
    return { done: this.done, total: this.total, units };
  }
}

type Steps<T> = Generator<CheckProgress, T, void>;

/** Fate name -> index in `FATES`. */
const FATE_CODE = new Map<Fate, number>(FATES.map((f, i) => [f, i]));
const PROCESSED = FATE_CODE.get('processed') as number;
const STORED = FATE_CODE.get('stored') as number;
const IN_FLIGHT = FATE_CODE.get('in-flight') as number;

/** Per group: consumer facts per message, by dense index. */
interface GroupCols {
  deliveries: CountColumn;
  applied: CountColumn;
  absorbed: CountColumn;
  /** History row of the first effect, -1 if none: reordering is judged by it. */
  firstEffect: IntColumn;
  /** Dense indices of the messages that came out in the group (a deliver or an effect). */
  touched: IntColumn;
  nTouched: number;
  /**
   * For a group with a scope (`RunRecord.scope`): per dense index, `IN_SCOPE` | `TOUCHED`; null
   * when every message is in scope. Built once, so no phase looks a message up in the scope's
   * Set again.
   */
  marks: Uint8Array | null;
  /**
   * With a scope: the sent messages that are in it or came out here, in `order`; the phases
   * walk these instead of every message (a RabbitMQ queue sees a tenth of a run's messages).
   */
  cands: Int32Array | null;
  fates: FateMap<Fate>;
  /** Journal id of the entry that decided a `dropped` (or policy) fate, by dense index. */
  dropEntry: Map<number, number>;
  /** Journal id of a `reject` entry, for a `never-accepted` fate, by dense index. */
  rejectEntry: Map<number, number>;
}

const IN_SCOPE = 1;
const TOUCHED = 2;
/** Messages of a tight scan per unit of work, and per chunk between two looks at the meter. */
const SCAN_UNIT = 16;
const SCAN_CHUNK = 4096;
/** History rows a sequential pass decodes at a time (a multiple of `HistoryRows.ALIGN`). */
const ROWS_AT_ONCE = 1024;

/** An anomaly found, before its chain and explanation. */
interface Pending {
  kind: AnomalyKind;
  group: string;
  msg: MsgId;
  d: number;
  after?: MsgId;
  afterD?: number;
}

/** A set-aside message found, before its chain and explanation. */
interface PendingAside {
  fate: Fate;
  group: string;
  msg: MsgId;
  d: number;
}

/**
 * The record setters of one (producer, key) stream in one group: seqs increasing, each with the
 * dense index of its message, in typed arrays that grow by doubling.
 */
class Setters {
  n = 0;
  private seqs = new Float64Array(8);
  private ds = new Int32Array(8);

  seq(k: number): number {
    return this.seqs[k] as number;
  }

  msg(k: number): number {
    return this.ds[k] as number;
  }

  push(seq: number, d: number): void {
    if (this.n === this.seqs.length) {
      const seqs = new Float64Array(this.n * 2);
      seqs.set(this.seqs);
      this.seqs = seqs;
      const ds = new Int32Array(this.n * 2);
      ds.set(this.ds);
      this.ds = ds;
    }
    this.seqs[this.n] = seq;
    this.ds[this.n++] = d;
  }

  /** The first k with seq(k) > `seq` (n if none): a binary search. */
  firstAbove(seq: number): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.seqs[mid] as number) > seq) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/**
 * The checker's state over one run: per-message facts in typed arrays indexed by a dense message
 * index, filled by bounded steps (`steps`).
 */
class Analyzer {
  readonly hc: HistoryColumns;
  readonly jc: JournalColumns;
  readonly ix: MsgIndex;
  /**
   * At least the number of distinct messages (`HistoryColumns.msgBound`): every per-message
   * column is sized for it once, so none grows and the hot loops index the arrays directly.
   */
  readonly cap: number;
  /** Ids below this are all in the index's direct table (-1 when not all ids are). */
  readonly idCap: number;
  /** Per dense index: history row of the first send, -1 if never sent. */
  readonly sendRow: IntColumn;
  /** History row of the first `ack`/`sent` outcome, which settles the producer's view; -1. */
  readonly ackedRow: IntColumn;
  /** History row of the last outcome, -1 if none. */
  readonly lastRow: IntColumn;
  /** (Producer, key) stream of the first send, -1 for a null key or no send (reorderings). */
  readonly sendStream: IntColumn;
  /** Seq of the first send, for a message with a stream. */
  readonly sendSeq: FloatColumn;
  /** Per group slot: dense indices in the order of their first effect there. */
  readonly firstEffects: { ds: IntColumn; n: number }[];
  /** Dense indices of sent messages in order of their first send or outcome. */
  order = new Int32Array(0);
  /** The run's groups without repeats, in order; `cols` is parallel. */
  readonly groups: string[];
  readonly cols: GroupCols[] = [];
  /** 1 for messages whose fate or explanation needs the journal. */
  needJournal = new Uint8Array(0);
  needCount = 0;
  /** Journal rows touching a message, by dense index, for messages that need the journal. */
  readonly index = new Map<number, number[]>();
  readonly found: Pending[] = [];
  aside: PendingAside[] = [];
  unaccounted = 0;
  /** Effects a sink absorbed (applied: false), in all groups. */
  absorbedAll = 0;

  constructor(
    readonly run: RunRecord,
    readonly explainAll: boolean,
    readonly m: Meter,
  ) {
    this.hc = HistoryColumns.of(run.history);
    this.jc = JournalColumns.of(run.journal);
    const hc = this.hc;
    const cap = (this.cap = Math.max(16, hc.msgBound));
    // Ids dense enough are all direct: the table is sized for them and never grows.
    const ids = hc.idBound;
    this.idCap = ids >= 0 && ids <= 4 * hc.length + 65_536 ? ids : -1;
    this.ix = new MsgIndex(this.idCap, cap);
    this.sendRow = new IntColumn(-1, cap);
    this.ackedRow = new IntColumn(-1, cap);
    this.lastRow = new IntColumn(-1, cap);
    this.sendStream = new IntColumn(-1, cap);
    this.sendSeq = new FloatColumn(cap);
    this.groups = [...new Set(run.groups)];
    this.firstEffects = this.groups.map(() => ({ ds: new IntColumn(0), n: 0 }));
  }

  /** True when dense index `d` has a send op. */
  sent(d: number): boolean {
    return this.sendRow.get(d) >= 0;
  }

  /** The producer's status, from the outcome rows alone. */
  status(d: number): ProducerStatus {
    if (this.ackedRow.get(d) >= 0) return 'acknowledged';
    const last = this.lastRow.get(d);
    if (last < 0) return 'unknown';
    const r = this.hc.result(last);
    if (r === 'ack' || r === 'sent') return 'acknowledged';
    if (r === 'timeout') return 'indeterminate';
    return this.hc.definite(last) ? 'failed' : 'indeterminate';
  }

  /** The producer's view of a sent message; only a view that is not an ack reads the op. */
  view(d: number): ProducerView {
    const hc = this.hc;
    const acked = this.ackedRow.get(d);
    if (acked >= 0) {
      return { status: 'acknowledged', result: hc.result(acked), at: hc.at(acked), error: null };
    }
    const last = this.lastRow.get(d);
    return producerViewOf(null, last < 0 ? null : (hc.get(last) as OutcomeOp));
  }

  /** Producer, key and seq of a sent message, from its first send. */
  info(d: number): { producer: string; key: string | null; seq: number } | undefined {
    const row = this.sendRow.get(d);
    if (row < 0) return undefined;
    const hc = this.hc;
    return { producer: hc.str(hc.actorId(row)), key: hc.key(row), seq: hc.seq(row) };
  }

  private need(d: number): void {
    if (this.needJournal[d] === 0) {
      this.needJournal[d] = 1;
      this.needCount++;
    }
  }

  *steps(): Steps<Analysis> {
    const { m, hc, jc } = this;
    // Explanations cost is unknown until the fates are settled: until then, as much again as the
    // passes is reserved for it, so the share done neither stalls near the end nor jumps back.
    m.total = 2 * (3 * hc.length + 2 * jc.length);
    yield* this.historyPass();
    const nSent = this.order.length;
    m.total += 2 * 3 * nSent * this.groups.length;
    this.needJournal = new Uint8Array(this.ix.size);
    yield* this.settleFromHistory();
    yield* this.anomaliesFromHistory();
    if (this.needCount > 0) yield* this.indexJournal();
    yield* this.settleFromJournal();
    let built: { anomalies: Anomaly[]; setAside: SetAside[] } = { anomalies: [], setAside: [] };
    const explained = this.found.length + this.aside.length;
    m.total = Math.max(
      m.done + m.spent,
      m.done +
        m.spent +
        explained * ANOMALY_UNITS +
        (this.explainAll && explained > 0 ? hc.length : 0) +
        jc.length +
        nSent * this.groups.length,
    );
    if (explained > 0) built = yield* this.build();
    const protections = yield* this.protections();
    const groupReports = yield* this.groupReports();
    const counts = zeroes(ANOMALY_KINDS);
    const byGroup = new Map<string, GroupReport>();
    for (const gr of groupReports) byGroup.set(gr.group, gr);
    for (const a of built.anomalies) {
      counts[a.kind]++;
      const gr = byGroup.get(a.group);
      if (gr) gr.counts[a.kind]++;
    }
    const fates = new Map<string, ReadonlyMap<MsgId, Fate>>();
    this.groups.forEach((g, s) => fates.set(g, (this.cols[s] as GroupCols).fates));
    return {
      report: {
        groups: groupReports,
        counts,
        messages: nSent,
        unaccounted: this.unaccounted,
        fates,
        protections,
      },
      anomalies: built.anomalies,
      setAside: built.setAside,
    };
  }

  /**
   * Pass 1 over the history: producer facts per message, consumer facts per (message, group).
   * It reads the columns: no operation is materialized.
   */
  private *historyPass(): Steps<void> {
    const { hc, m, ix, cap, sendStream, sendSeq } = this;
    // Per interned group id, the group's slot (undefined for groups the run does not ask about).
    const slotOf: (number | undefined)[] = [];
    this.groups.forEach((g, s) => {
      const id = hc.findString(g);
      if (id >= 0) slotOf[id] = s;
    });
    // Every per-message array is sized for `cap` (at least the distinct messages): none grows
    // during the pass, so it indexes the arrays directly.
    const seen = new Uint8Array(cap);
    const firstSeen = new Int32Array(cap);
    let nSeen = 0;
    const sendRow = this.sendRow.array;
    const ackedRow = this.ackedRow.array;
    const lastRow = this.lastRow.array;
    const cols = this.groups.map(() => ({
      deliveries: new CountColumn(cap),
      applied: new CountColumn(cap),
      absorbed: new CountColumn(cap),
      firstEffect: new IntColumn(-1, cap),
      // A list, not indexed by message: it grows with what came out in the group (a RabbitMQ
      // queue sees a fraction of the messages), so it is not sized for every message.
      touched: new IntColumn(0),
      nTouched: 0,
    }));
    const firstEffectA = cols.map((c) => c.firstEffect.array);
    // The id -> dense index table, when every id has a place in it.
    const direct = this.idCap >= 0 ? ix.table : null;
    // (Producer, key) streams for the reorderings: per producer id, key id -> stream + 1.
    const streamOf: IntColumn[] = [];
    let nStreams = 0;
    // Rows are decoded a buffer at a time, straight from the byte stream: each block once.
    const rows = new HistoryRows(ROWS_AT_ONCE);
    const { type: rType, msg: rMsg, actor: rActor, g: rG, x: rX } = rows;
    for (let i0 = 0; i0 < hc.length; i0 += ROWS_AT_ONCE) {
      const nRows = hc.readRows(i0, rows);
      for (let j = 0; j < nRows; j++) {
        const i = i0 + j;
        const t = rType[j] as number;
        const type = t & 7;
        const id = rMsg[j] as number;
        let d = direct ? (direct[id] as number) : -1;
        if (d < 0) d = ix.add(id);
        switch (type) {
          case OP_SEND:
          case OP_OUTCOME: {
            if (seen[d] === 0) {
              seen[d] = 1;
              firstSeen[nSeen++] = d;
            }
            if (type === OP_SEND) {
              // Retries keep the id; the first send fixes producer, key and seq.
              if ((sendRow[d] as number) < 0) {
                sendRow[d] = i;
                const key = rG[j] as number;
                if (key !== 0) {
                  const actor = rActor[j] as number;
                  const byKey = (streamOf[actor] ??= new IntColumn(0, 64));
                  let st = byKey.get(key);
                  if (st === 0) byKey.set(key, (st = ++nStreams));
                  sendStream.set(d, st - 1);
                  sendSeq.set(d, rX[j] as number);
                }
              }
            } else {
              // The result is bits 3-5: `ack` (0) and `sent` (1) settle the producer's view.
              if ((ackedRow[d] as number) < 0 && ((t >> 3) & 7) <= 1) ackedRow[d] = i;
              lastRow[d] = i;
            }
            break;
          }
          case OP_DELIVER:
          case OP_EFFECT: {
            // Groups the run does not ask about are ignored, as the RunRecord contract says.
            const s = slotOf[rG[j] as number];
            if (s === undefined) break;
            const c = cols[s] as (typeof cols)[number];
            if (c.deliveries.get(d) === 0 && c.applied.get(d) === 0 && c.absorbed.get(d) === 0) {
              c.touched.set(c.nTouched++, d);
            }
            if (type === OP_DELIVER) c.deliveries.inc(d);
            else {
              if (((t >> 3) & 1) !== 0) c.applied.inc(d);
              else {
                c.absorbed.inc(d);
                this.absorbedAll++;
              }
              const fe = firstEffectA[s] as Int32Array;
              if ((fe[d] as number) < 0) {
                fe[d] = i;
                const f = this.firstEffects[s] as { ds: IntColumn; n: number };
                f.ds.set(f.n++, d);
              }
            }
            break;
          }
          case OP_COMMIT:
            break;
          default:
            throw new Error(`unknown history op code ${type}`);
        }
        if (++m.spent >= m.step) yield m.take();
      }
    }
    // A message counts as sent only with a send op; an outcome alone is not a message.
    const all = new Int32Array(nSeen);
    let n = 0;
    for (let k = 0; k < nSeen; k++) {
      const d = firstSeen[k] as number;
      if ((sendRow[d] as number) >= 0) all[n++] = d;
      if (++m.spent >= m.step) yield m.take();
    }
    const order = all.subarray(0, n);
    this.order = order;
    for (const c of cols) {
      this.cols.push({
        ...c,
        marks: null,
        cands: null,
        fates: new FateMap<Fate>(ix, order, FATES),
        dropEntry: new Map(),
        rejectEntry: new Map(),
      });
    }
  }

  /** Marks the messages of a group with a scope: in scope, came out there. */
  private *mark(): Steps<void> {
    const { m, run, ix } = this;
    for (let s = 0; s < this.groups.length; s++) {
      const inScope = run.scope?.get(this.groups[s] as string);
      if (!inScope) continue;
      const c = this.cols[s] as GroupCols;
      const marks = new Uint8Array(ix.size);
      for (const id of inScope) {
        const d = ix.find(id);
        if (d >= 0) marks[d] = IN_SCOPE;
        if (++m.spent >= m.step) yield m.take();
      }
      for (let k = 0; k < c.nTouched; k++) {
        const d = c.touched.get(k);
        marks[d] = (marks[d] as number) | TOUCHED;
        if (++m.spent >= m.step) yield m.take();
      }
      c.marks = marks;
      // A tight scan of the send order, counted as a unit per SCAN_UNIT messages.
      const order = this.order;
      const cands = new Int32Array(order.length);
      let n = 0;
      for (let k0 = 0; k0 < order.length; k0 += SCAN_CHUNK) {
        const k1 = Math.min(order.length, k0 + SCAN_CHUNK);
        for (let k = k0; k < k1; k++) {
          const d = order[k] as number;
          if (marks[d] !== 0) cands[n++] = d;
        }
        m.spent += (k1 - k0) / SCAN_UNIT;
        if (m.spent >= m.step) yield m.take();
      }
      c.cands = cands.subarray(0, n);
    }
  }

  /** Fates the history alone settles (processed, held); messages left out go to the journal. */
  private *settleFromHistory(): Steps<void> {
    const { m, run } = this;
    yield* this.mark();
    for (let s = 0; s < this.groups.length; s++) {
      const g = this.groups[s] as string;
      const c = this.cols[s] as GroupCols;
      const heldG = run.held.get(g);
      // A message routed elsewhere has no fate here, unless it came out here anyway: only the
      // candidates (in scope, or came out here) get one.
      for (const d of c.cands ?? this.order) {
        if (c.firstEffect.get(d) >= 0) c.fates.put(d, PROCESSED, false);
        else {
          const h: HeldState | undefined = heldG?.get(this.ix.id(d));
          if (h !== undefined) c.fates.put(d, FATE_CODE.get(h) as number, false);
          else this.need(d);
        }
        if (++m.spent >= m.step) yield m.take();
      }
    }
  }

  /** Anomalies visible from the history alone: duplicated, unexpected, recovered, reordered. */
  private *anomaliesFromHistory(): Steps<void> {
    const { m, ix, found } = this;
    for (let s = 0; s < this.groups.length; s++) {
      const g = this.groups[s] as string;
      const c = this.cols[s] as GroupCols;
      for (let k = 0; k < c.nTouched; k++) {
        if (++m.spent >= m.step) yield m.take();
        const d = c.touched.get(k);
        const msg = ix.id(d);
        if (c.deliveries.get(d) > 1 || c.applied.get(d) > 1) {
          found.push({ kind: 'duplicated', group: g, msg, d });
        }
        // "Came out" is a delivery or, if the engine recorded no deliver op, an effect.
        if (c.deliveries.get(d) === 0 && c.firstEffect.get(d) < 0) continue;
        if (!this.sent(d)) {
          found.push({ kind: 'unexpected', group: g, msg, d });
          continue;
        }
        const st = this.status(d);
        if (st === 'failed') found.push({ kind: 'unexpected', group: g, msg, d });
        else if (st === 'indeterminate') found.push({ kind: 'recovered', group: g, msg, d });
      }
    }
    yield* this.reorderings();
    if (this.explainAll) {
      for (const p of found) {
        this.need(p.d);
        if (p.afterD !== undefined) this.need(p.afterD);
      }
    }
  }

  /**
   * Per group and (producer, key), walks the messages in order of first effect (one pass over
   * the history: a message's first effect is the row `firstEffect` names) and finds, for each,
   * the earliest-processed message with a larger seq processed before it.
   *
   * The first earlier message with a larger seq is always a "record setter" (its seq beats every
   * seq processed before it): so keeping the record setters, whose seqs increase, and binary
   * searching them gives the answer in O(log n) per message.
   */
  private *reorderings(): Steps<void> {
    const { hc, m, ix, sendStream, sendSeq } = this;
    if (this.groups.length === 0) return;
    let units = 0;
    for (let s = 0; s < this.groups.length; s++) {
      const g = this.groups[s] as string;
      const fe = this.firstEffects[s] as { ds: IntColumn; n: number };
      // Per (producer, key) stream: the record setters, seqs increasing, and their messages.
      const setters: Setters[] = [];
      for (let k = 0; k < fe.n; k++) {
        units++;
        if (++m.spent >= m.step) yield m.take();
        const d = fe.ds.get(k);
        const stream = sendStream.get(d);
        if (stream < 0) continue;
        const seq = sendSeq.get(d);
        const st = (setters[stream] ??= new Setters());
        const n = st.n;
        if (n === 0 || seq > st.seq(n - 1)) {
          st.push(seq, d);
          continue;
        }
        // First setter with seq > this seq (equal seqs are not an inversion).
        const lo = st.firstAbove(seq);
        if (lo < n) {
          const a = st.msg(lo);
          this.found.push({
            kind: 'reordered',
            group: g,
            msg: ix.id(d),
            d,
            after: ix.id(a),
            afterD: a,
          });
        }
      }
    }
    // Progress still counts a unit per history row, as the row scan this replaced did.
    for (let left = hc.length - units; left > 0;) {
      const u = Math.min(left, Math.max(1, m.step - m.spent));
      m.spent += u;
      left -= u;
      if (m.spent >= m.step) yield m.take();
    }
  }

  /** One pass over the journal, indexing only the messages that need it. */
  private *indexJournal(): Steps<void> {
    const { jc, m, ix, index, needJournal } = this;
    for (let i = 0; i < jc.length; i++) {
      const n = jc.msgCount(i);
      for (let k = 0; k < n; k++) {
        const d = ix.find(jc.msg(i, k));
        if (d < 0 || needJournal[d] !== 1) continue;
        const list = index.get(d);
        // An entry listing a message twice must not appear twice in its chain.
        if (!list) index.set(d, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
      m.spent += 1 + n;
      if (m.spent >= m.step) yield m.take();
    }
  }

  /** Finishes the fates; remembers which entry decided each dropped / never-accepted one. */
  private *settleFromJournal(): Steps<void> {
    const { jc, m, ix } = this;
    const lostFound: Pending[] = [];
    const asideFound: PendingAside[] = [];
    for (let s = 0; s < this.groups.length; s++) {
      const g = this.groups[s] as string;
      const c = this.cols[s] as GroupCols;
      const marks = c.marks;
      for (const d of c.cands ?? this.order) {
        if (++m.spent >= m.step) yield m.take();
        if (c.fates.code(d) >= 0) continue;
        if (marks && ((marks[d] as number) & IN_SCOPE) === 0) continue;
        const msg = ix.id(d);
        const entries = this.index.get(d) ?? [];
        m.spent += CHAIN_ENTRY_UNITS * entries.length;
        let lastDrop = -1;
        let reject = -1;
        let stored = false;
        for (const i of entries) {
          const e = jc.get(i);
          if (decides(e, g)) lastDrop = i;
          else if (e.kind === 'reject' && appliesTo(e, g)) reject = i;
          else if (STORING.has(e.kind) && appliesTo(e, g)) stored = true;
        }
        const status = this.status(d);
        let fate: Fate;
        if (lastDrop >= 0) {
          fate = fateBy(jc.get(lastDrop));
          c.dropEntry.set(d, jc.id(lastDrop));
        } else if (reject >= 0) {
          fate = 'never-accepted';
          c.rejectEntry.set(d, jc.id(reject));
        } else if (status === 'failed' && !stored) {
          fate = 'never-accepted';
        } else {
          fate = 'unaccounted';
          this.unaccounted++;
        }
        c.fates.put(d, FATE_CODE.get(fate) as number, true);
        // Only dropped, never-accepted or unaccounted reach here: processed and held ones
        // (pending, not lost) were settled from the history.
        if (status === 'acknowledged' && LOSS_FATES.has(fate)) {
          lostFound.push({ kind: 'lost', group: g, msg, d });
        } else if (POLICY_FATES.has(fate)) {
          asideFound.push({ fate, group: g, msg, d });
        }
      }
    }
    for (const p of lostFound) this.found.push(p);
    // A policy's act explains a set-aside message: a few per group.
    if (this.explainAll) {
      const perG = new Map<string, number>();
      for (const a of asideFound) {
        const n = perG.get(a.group) ?? 0;
        if (n >= SET_ASIDE_SHOWN) continue;
        perG.set(a.group, n + 1);
        this.aside.push(a);
      }
    }
  }

  /** What protected the messages: protecting acts in the journal, and sinks absorbing repeats. */
  private *protections(): Steps<Protection[]> {
    const { jc, m } = this;
    const protCount = new Map<MechanismId, number>();
    // The journal counts its rows per mechanism as they are recorded: no row is decoded here.
    for (const [mech, n] of jc.mechCounts())
      if (MECHANISMS[mech].effects.includes('protect')) protCount.set(mech, n);
    // Progress still counts a unit per journal row, as the scan this replaced did.
    for (let left = jc.length; left > 0;) {
      const units = Math.min(left, Math.max(1, m.step - m.spent));
      m.spent += units;
      left -= units;
      if (m.spent >= m.step) yield m.take();
    }
    const absorbed = this.absorbedAll;
    if (absorbed > 0) protCount.set('consumer.idempotent-sink', absorbed);
    return [...protCount]
      .map(([mech, count]) => ({ mech, count }))
      .sort((a, b) => b.count - a.count || (a.mech < b.mech ? -1 : 1));
  }

  /** Per-group fate counts and where held messages are. */
  private *groupReports(): Steps<GroupReport[]> {
    const { m, run, ix } = this;
    const out: GroupReport[] = [];
    for (const g of run.groups) {
      const s = this.groups.indexOf(g);
      const c = this.cols[s] as GroupCols;
      const perCode = new Array<number>(FATES.length).fill(0);
      const where = run.heldWhere?.get(g);
      const by = where ? new Map<string, HeldCount>() : undefined;
      // Held fates are all settled from the history, so they come first in the map's order:
      // counting in `order` (candidates keep it) counts them in the map's order too.
      for (const d of c.cands ?? this.order) {
        if (++m.spent >= m.step) yield m.take();
        const code = c.fates.code(d);
        if (code < 0) continue;
        perCode[code] = (perCode[code] as number) + 1;
        if (!by || !where || (code !== STORED && code !== IN_FLIGHT)) continue;
        const f = FATES[code] as Fate;
        const w = where.get(ix.id(d)) ?? { place: f === 'stored' ? 'broker' : 'network' };
        const k = `${w.place}|${w.node ?? ''}|${w.queue ?? ''}|${w.partition ?? ''}`;
        const hc = by.get(k);
        if (hc) hc.n++;
        else by.set(k, { where: w, n: 1 });
      }
      const fatesCount = zeroes(FATES);
      FATES.forEach((f, k) => (fatesCount[f] = perCode[k] as number));
      const gr: GroupReport = { group: g, fates: fatesCount, counts: zeroes(ANOMALY_KINDS) };
      const held = by ? [...by.values()].sort((a, b) => b.n - a.n) : undefined;
      if (held && held.length > 0) gr.held = held;
      out.push(gr);
    }
    return out;
  }

  /**
   * Entry ids of a message's chain: entries touching it, closed under `cause`, added to `ids`
   * (which, when given, is already closed); the ids added are returned in the order found. In
   * steps: a chain can hold thousands of entries (a truncation touches every message it drops).
   */
  private *chainIds(d: number, ids: Set<number> = new Set<number>()): Steps<number[]> {
    const { jc, m } = this;
    const added: number[] = [];
    const todo: number[] = [];
    for (const i of this.index.get(d) ?? []) {
      const id = jc.id(i);
      if (!ids.has(id)) {
        ids.add(id);
        added.push(id);
        todo.push(i);
      }
    }
    // Close under `cause` and the typed links: a mechanism's causes are always in the chain.
    // Read from the columns: only the chain's own entries are materialized, later.
    while (todo.length > 0) {
      m.spent += CHAIN_ENTRY_UNITS;
      if (m.spent >= m.step) yield m.take();
      const i = todo.pop() as number;
      const cause = jc.cause(i);
      const nl = jc.linkCount(i);
      for (let k = -1; k < nl; k++) {
        const id = k < 0 ? cause : jc.linkId(i, k);
        if (id === undefined || ids.has(id)) continue;
        const row = jc.rowOf(id);
        if (row < 0) continue;
        ids.add(id);
        added.push(id);
        todo.push(row);
      }
    }
    return added;
  }

  /** Sorts ids ascending in steps (a bottom-up merge sort): one unit per id moved. */
  private *sorted(ids: Iterable<number>): Steps<number[]> {
    const m = this.m;
    let src = Float64Array.from(ids);
    const n = src.length;
    let dst = new Float64Array(n);
    for (let w = 1; w < n; w *= 2) {
      for (let lo = 0; lo < n; lo += 2 * w) {
        const mid = Math.min(lo + w, n);
        const hi = Math.min(lo + 2 * w, n);
        let i = lo;
        let j = mid;
        for (let k = lo; k < hi; k++) {
          dst[k] =
            i < mid && (j >= hi || (src[i] as number) <= (src[j] as number))
              ? (src[i++] as number)
              : (src[j++] as number);
          if ((k & SORT_CHUNK) === SORT_CHUNK) {
            m.spent += SORT_CHUNK + 1;
            if (m.spent >= m.step) yield m.take();
          }
        }
      }
      [src, dst] = [dst, src];
    }
    return Array.from(src);
  }

  /** Drives a sub-walk that reports its units (`actsSteps`) inside this check's steps. */
  private *counted<T>(g: Generator<number, T, void>): Steps<T> {
    const m = this.m;
    for (let r = g.next(); ; r = g.next()) {
      if (r.done) return r.value;
      m.spent += r.value;
      if (m.spent >= m.step) yield m.take();
    }
  }

  /** The chain's entries for sorted ids, each materialized once per check, and a map by id. */
  private *materialize(
    ids: readonly number[],
    entry: (id: number) => JournalEntry | undefined,
  ): Steps<{ chain: JournalEntry[]; byId: Map<number, JournalEntry> }> {
    const m = this.m;
    const chain: JournalEntry[] = [];
    const byId = new Map<number, JournalEntry>();
    for (const id of ids) {
      m.spent += CHAIN_ENTRY_UNITS;
      if (m.spent >= m.step) yield m.take();
      const e = entry(id);
      if (e) {
        chain.push(e);
        byId.set(e.id, e);
      }
    }
    return { chain, byId };
  }

  /** Builds chains, contexts and explanations for the anomalies found. */
  private *build(): Steps<{ anomalies: Anomaly[]; setAside: SetAside[] }> {
    const { run, hc, jc, m, ix, explainAll } = this;
    const groups = run.groups;
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

    // Second history pass: the ops explanations quote, for anomaly messages only.
    const wanted = new Uint8Array(ix.size);
    for (const p of this.aside) wanted[p.d] = 1;
    for (const p of this.found) {
      wanted[p.d] = 1;
      if (p.afterD !== undefined) wanted[p.afterD] = 1;
    }
    const ops = new Map<number, MsgOps>();
    const opsOf = (d: number): MsgOps => {
      let o = ops.get(d);
      if (!o) {
        o = { sends: [], outcomes: [], deliveries: [], effects: [] };
        ops.set(d, o);
      }
      return o;
    };
    const rows = new HistoryRows(ROWS_AT_ONCE);
    for (let i = 0; explainAll && i < hc.length; i++) {
      if (++m.spent >= m.step) yield m.take();
      const j = i & (ROWS_AT_ONCE - 1);
      if (j === 0) hc.readRows(i, rows);
      const d = ix.find(rows.msg[j] as number);
      if (wanted[d] !== 1) continue;
      const op = hc.get(i);
      switch (op.type) {
        case 'send':
          opsOf(d).sends.push(op);
          break;
        case 'outcome':
          opsOf(d).outcomes.push(op);
          break;
        case 'deliver':
          opsOf(d).deliveries.push(op);
          break;
        case 'effect':
          opsOf(d).effects.push(op);
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
      deliveries: o.deliveries.filter((x) => x.group === g),
      effects: o.effects.filter((x) => x.group === g),
    });

    const groupOrder = new Map<string, number>();
    groups.forEach((g, i) => groupOrder.set(g, i));
    const kindOrder = new Map<AnomalyKind, number>();
    ANOMALY_KINDS.forEach((k, i) => kindOrder.set(k, i));
    const colsOf = (g: string): GroupCols | undefined => this.cols[this.groups.indexOf(g)];

    const out: Anomaly[] = [];
    for (const p of this.found) {
      if (m.spent >= m.step) yield m.take();
      m.spent += ANOMALY_UNITS;
      const info = this.info(p.d);
      const c = colsOf(p.group);
      const view = info ? this.view(p.d) : null;
      const fateCode = c ? c.fates.code(p.d) : -1;
      const details: AnomalyDetails = {
        deliveries: c ? c.deliveries.get(p.d) : 0,
        effectsApplied: c ? c.applied.get(p.d) : 0,
        effectsAbsorbed: c ? c.absorbed.get(p.d) : 0,
        fate: fateCode < 0 ? null : (FATES[fateCode] as Fate),
        producer: view,
        seq: info ? info.seq : null,
      };
      const drop = c?.dropEntry.get(p.d);
      if (drop !== undefined) details.dropEntry = drop;
      const rej = c?.rejectEntry.get(p.d);
      if (rej !== undefined) details.rejectEntry = rej;

      if (p.after !== undefined) {
        details.after = p.after;
        const ai = p.afterD === undefined ? undefined : this.info(p.afterD);
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
      const own = new Set<number>();
      yield* this.chainIds(p.d, own);
      let relatedIds: number[] = [];
      let afterOps: MsgOps | undefined;
      if (p.afterD !== undefined) {
        // `own` is closed, so what the after message's walk adds is exactly its own part.
        relatedIds = yield* this.sorted(yield* this.chainIds(p.afterD, own));
        afterOps = inGroup(ops.get(p.afterD) ?? NO_OPS, p.group);
      }
      const mat = yield* this.materialize(yield* this.sorted(own), entry);
      core.chain = mat.chain;
      core.relatedIds = relatedIds;
      const ctx: ExplainContext = {
        ops: inGroup(ops.get(p.d) ?? NO_OPS, p.group),
        groupLabel: groups.length > 1 ? p.group : null,
        family: run.family ?? 'amqp',
      };
      if (afterOps) ctx.after = afterOps;
      const byIdChain = mat.byId;
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
      core.acts = yield* this.counted(actsSteps(input, ctx, byIdChain));
      m.spent += core.acts.length;
      core.mechanisms = [...new Set(core.acts.map((a) => a.mech))];
      out.push({ ...core, reason: explainActs(input, core.acts, ctx, byIdChain) });
    }

    const setAside: SetAside[] = [];
    for (const p of this.aside) {
      if (m.spent >= m.step) yield m.take();
      m.spent += ANOMALY_UNITS;
      const info = this.info(p.d);
      const ids = new Set<number>();
      yield* this.chainIds(p.d, ids);
      const { chain, byId: byIdChain } = yield* this.materialize(yield* this.sorted(ids), entry);
      const drop = colsOf(p.group)?.dropEntry.get(p.d);
      const input = {
        kind: 'set-aside' as const,
        group: p.group,
        msg: p.msg,
        key: info ? info.key : null,
        producer: info ? info.producer : null,
        chain,
        relatedIds: [],
        fate: p.fate,
        view: info ? this.view(p.d) : null,
        ...(drop !== undefined ? { decidingEntry: drop } : {}),
        deliveries: 0,
        effectsApplied: 0,
        effectsAbsorbed: 0,
      };
      const ctx: ExplainContext = {
        ops: inGroup(ops.get(p.d) ?? NO_OPS, p.group),
        groupLabel: groups.length > 1 ? p.group : null,
        family: run.family ?? 'amqp',
      };
      const acts = yield* this.counted(actsSteps(input, ctx, byIdChain));
      m.spent += acts.length;
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
}

/**
 * The checker as bounded steps: each `next()` does about `stepUnits` units of work (history rows,
 * journal rows, messages, chain entries; see `CheckProgress`) and yields how far it is; the
 * generator returns the report, the same as `check` gives. A driver that owns a clock (the web
 * worker) runs steps until its time slice is used, then answers requests (Cancel) before it
 * goes on; the engine itself never reads a clock.
 */
export function* checkSteps(
  run: RunRecord,
  opts: CheckOptions = {},
  stepUnits = CHECK_STEP_UNITS,
): Generator<CheckProgress, CheckReport, void> {
  const meter = new Meter(stepUnits);
  const { report, anomalies, setAside } = yield* new Analyzer(
    run,
    opts.explain ?? true,
    meter,
  ).steps();
  return { ...report, anomalies, setAside };
}

/** Runs steps to the end: no step ever fills, so nothing yields. */
function complete<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Checks a finished run: the fate of every sent message in every group, the anomalies with their
 * causal chains, and an explanation of each in English and Chinese.
 */
export function check(run: RunRecord, opts: CheckOptions = {}): CheckReport {
  return complete(checkSteps(run, opts, Number.POSITIVE_INFINITY));
}

/** The fate of every sent message in every group: `fatesOf(run).get(group)?.get(msg)`. */
export function fatesOf(run: RunRecord): ReadonlyMap<string, ReadonlyMap<MsgId, Fate>> {
  return complete(checkSteps(run, { explain: false }, Number.POSITIVE_INFINITY)).fates;
}
