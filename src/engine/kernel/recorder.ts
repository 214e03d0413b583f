/**
 * Records what a run did, for the checker and for explanations: client-visible history
 * operations and engine journal entries. Both feed the run's trace hash, so two runs with the same
 * hash told the same story, not just the same final counts.
 *
 * Both are stored as columns (`journal.ts`): a few bytes a field, no object per entry, so a busy
 * hour fits in memory. `journal` and `history` are read-only array views that materialize what is
 * read; fast readers take `journalColumns` and `historyColumns`.
 *
 * Recording can be switched off (`keep = false`) for long headless runs that only need figures:
 * everything is still hashed, so determinism stays checkable, but nothing is kept and the checker
 * has nothing to report. Every run a user sees keeps everything.
 */
import type {
  CauseLink,
  HistoryOp,
  JournalEntry,
  JournalKind,
  MechanismId,
  MsgId,
  ProducerResult,
} from '../check/history';
import { hashString, TraceHash } from './hash';
import { HistoryColumns, JournalColumns, OP_DELIVER, OP_EFFECT } from './journal';
import type { Micros } from './time';

export class Recorder {
  readonly historyColumns = new HistoryColumns();
  readonly journalColumns = new JournalColumns();
  private nextId = 0;
  /** Hashes of the few distinct kind and node strings, so the hot path hashes no characters. */
  private readonly strHash = new Map<string, number>();

  constructor(
    private readonly hash: TraceHash,
    private readonly clock: { readonly now: Micros },
    readonly keep = true,
  ) {}

  /** Every history operation so far, as a read-only array view (materializes on read). */
  /** Bytes the recorded history and journal columns hold (what a run's recording costs). */
  byteSize(): number {
    return this.journalColumns.bytes + this.historyColumns.bytes;
  }

  get history(): readonly HistoryOp[] {
    return this.historyColumns.asArray();
  }

  /** Every journal entry so far, as a read-only array view (materializes on read). */
  get journal(): readonly JournalEntry[] {
    return this.journalColumns.asArray();
  }

  private hs(s: string): number {
    let h = this.strHash.get(s);
    if (h === undefined) {
      h = hashString(s);
      this.strHash.set(s, h);
    }
    return h;
  }

  op(op: HistoryOp): void {
    if (this.keep) this.historyColumns.append(op);
    this.mixOp(op.type, op.at, op.msg);
  }

  /** Hashes a history op as `op` does (its type, time and message). */
  private mixOp(type: HistoryOp['type'], at: Micros, msg: MsgId): void {
    const h = this.hash;
    h.mixInt(this.hs(type));
    h.mixInt(at);
    h.mixInt(msg);
  }

  /**
   * A `send` op at the current time, from its fields: the same row and hash as `op` gives, with
   * no op object (the hot path records one per message, and most runs only hash).
   */
  send(msg: MsgId, producer: string, key: string | null, seq: number, attempt: number): void {
    const at = this.clock.now;
    if (this.keep) this.historyColumns.appendSend(at, msg, producer, key, seq, attempt);
    this.mixOp('send', at, msg);
  }

  /** An `outcome` op at the current time, from its fields (see `send`). */
  outcome(
    msg: MsgId,
    producer: string,
    result: ProducerResult,
    definite: boolean,
    error?: string,
  ): void {
    const at = this.clock.now;
    if (this.keep) this.historyColumns.appendOutcome(at, msg, producer, result, definite, error);
    this.mixOp('outcome', at, msg);
  }

  /**
   * A `deliver` (`flag`: redelivered) or `effect` (`flag`: applied) op at the current time, from
   * its fields (see `send`).
   */
  consumed(
    type: 'deliver' | 'effect',
    msg: MsgId,
    consumer: string,
    group: string,
    flag: boolean,
  ): void {
    const at = this.clock.now;
    if (this.keep)
      this.historyColumns.appendConsumer(
        type === 'deliver' ? OP_DELIVER : OP_EFFECT,
        at,
        msg,
        consumer,
        group,
        flag,
      );
    this.mixOp(type, at, msg);
  }

  /**
   * Adds a journal entry at the current virtual time and returns its id, for `cause` links.
   * `mech` and `links` say which mechanism acted and why; they are derived facts and do not enter
   * the trace hash (adding a cause must not change what a run did).
   */
  note(
    kind: JournalKind,
    node: string,
    msgs?: readonly MsgId[],
    data?: Readonly<Record<string, string | number | boolean>>,
    cause?: number,
    mech?: MechanismId,
    links?: readonly CauseLink[],
  ): number {
    const id = this.nextId++;
    if (this.keep) {
      let kept = links;
      if (links && links.length > 0) {
        // Only links to earlier entries; filter only when one is out of range (rare).
        for (const l of links) {
          if (l.id < 0 || l.id >= id) {
            kept = links.filter((x) => x.id >= 0 && x.id < id);
            break;
          }
        }
      }
      this.journalColumns.append(this.clock.now, kind, node, msgs, data, cause, mech, kept);
    }
    const h = this.hash;
    h.mixInt(this.hs(kind));
    h.mixInt(this.hs(node));
    if (msgs) for (const m of msgs) h.mixInt(m);
    return id;
  }
}
