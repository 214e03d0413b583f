/**
 * Records what a run did, for the checker and for explanations: client-visible history
 * operations and engine journal entries. Both feed the run's trace hash, so two runs with the same
 * hash told the same story, not just the same final counts.
 */
import type { HistoryOp, JournalEntry, JournalKind, MsgId } from '../check/history';
import { TraceHash } from './hash';
import type { Micros } from './time';

export class Recorder {
  readonly history: HistoryOp[] = [];
  readonly journal: JournalEntry[] = [];

  constructor(
    private readonly hash: TraceHash,
    private readonly clock: { readonly now: Micros },
  ) {}

  op(op: HistoryOp): void {
    this.history.push(op);
    const h = this.hash;
    h.mixStr(op.type);
    h.mixInt(op.at);
    h.mixInt(op.msg);
  }

  /** Adds a journal entry at the current virtual time and returns its id, for `cause` links. */
  note(
    kind: JournalKind,
    node: string,
    msgs?: readonly MsgId[],
    data?: Readonly<Record<string, string | number | boolean>>,
    cause?: number,
  ): number {
    const id = this.journal.length;
    const e: JournalEntry = { id, at: this.clock.now, kind, node };
    if (msgs && msgs.length > 0) e.msgs = msgs;
    if (data) e.data = data;
    if (cause !== undefined) e.cause = cause;
    this.journal.push(e);
    const h = this.hash;
    h.mixStr(kind);
    h.mixStr(node);
    if (msgs) for (const m of msgs) h.mixInt(m);
    return id;
  }
}
