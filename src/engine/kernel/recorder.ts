/**
 * Records what a run did, for the checker and for explanations: client-visible history
 * operations and engine journal entries. Both feed the run's trace hash, so two runs with the same
 * hash told the same story, not just the same final counts.
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
} from '../check/history';
import { hashString, TraceHash } from './hash';
import type { Micros } from './time';

export class Recorder {
  readonly history: HistoryOp[] = [];
  readonly journal: JournalEntry[] = [];
  private nextId = 0;
  /** Hashes of the few distinct kind and node strings, so the hot path hashes no characters. */
  private readonly strHash = new Map<string, number>();

  constructor(
    private readonly hash: TraceHash,
    private readonly clock: { readonly now: Micros },
    readonly keep = true,
  ) {}

  private hs(s: string): number {
    let h = this.strHash.get(s);
    if (h === undefined) {
      h = hashString(s);
      this.strHash.set(s, h);
    }
    return h;
  }

  op(op: HistoryOp): void {
    if (this.keep) this.history.push(op);
    const h = this.hash;
    h.mixInt(this.hs(op.type));
    h.mixInt(op.at);
    h.mixInt(op.msg);
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
      const e: JournalEntry = { id, at: this.clock.now, kind, node };
      if (msgs && msgs.length > 0) e.msgs = msgs;
      if (data) e.data = data;
      if (cause !== undefined) e.cause = cause;
      if (mech !== undefined) e.mech = mech;
      if (links && links.length > 0) e.links = links.filter((l) => l.id >= 0 && l.id < id);
      this.journal.push(e);
    }
    const h = this.hash;
    h.mixInt(this.hs(kind));
    h.mixInt(this.hs(node));
    if (msgs) for (const m of msgs) h.mixInt(m);
    return id;
  }
}
