/**
 * Flush (fsync) policies, as broker models configure them:
 * - `every-write`: fsync after each write, with group commit (writes that arrive during an fsync
 *   share the next one). RabbitMQ quorum queues, RocketMQ `SYNC_FLUSH`.
 * - `interval`: fsync every `intervalUs`. RabbitMQ's message store batches, Kafka `flush.ms`,
 *   RocketMQ `ASYNC_FLUSH` (`flushIntervalCommitLog`).
 * - `count`: fsync once `messages` entries are unsynced. Kafka `flush.messages`.
 * - `none`: never fsync from the broker (Kafka's default: rely on replication; the OS writes
 *   back eventually, which this model leaves out, so power loss takes the whole page cache).
 */
import type { SimEvent, SimNode } from './sim';
import type { LogFile } from './storage';
import type { Micros } from './time';

export type FlushPolicy =
  | { kind: 'every-write' }
  | { kind: 'interval'; intervalUs: Micros }
  | { kind: 'count'; messages: number }
  | { kind: 'none' };

export class Flusher<T> {
  private inFlight = false;
  private again = false;
  private tick: SimEvent | null = null;
  private readonly tickLabel: number;
  private readonly doneLabel: number;

  /**
   * @param onSynced called after an fsync completes, with the durable length it reached.
   */
  constructor(
    private readonly node: SimNode,
    private readonly file: LogFile<T>,
    private readonly policy: FlushPolicy,
    private readonly fsyncUs: Micros,
    private readonly onSynced: (syncedUpTo: number, fsyncStartedAt: Micros) => void,
  ) {
    this.tickLabel = node.sim.label(`flush.tick`);
    this.doneLabel = node.sim.label(`flush.done`);
  }

  /** Arms the periodic timer; call at start and after every restart. */
  start(): void {
    this.inFlight = false;
    this.again = false;
    if (this.policy.kind === 'interval') this.armTick(this.policy.intervalUs);
  }

  private armTick(intervalUs: Micros): void {
    this.tick = this.node.timer(intervalUs, this.tickLabel, () => {
      if (this.file.unsynced > 0) this.fsync();
      this.armTick(intervalUs);
    });
  }

  /** Tell the flusher that entries were appended. */
  appended(): void {
    const p = this.policy;
    if (p.kind === 'every-write') this.fsync();
    else if (p.kind === 'count' && this.file.unsynced >= p.messages) this.fsync();
  }

  /** Starts an fsync now (or right after the one in progress). */
  fsync(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    const target = this.file.length;
    const startedAt = this.node.sim.now;
    this.node.timer(this.fsyncUs, this.doneLabel, () => {
      this.inFlight = false;
      this.file.markSynced(target);
      this.onSynced(this.file.synced, startedAt);
      if (this.again) {
        this.again = false;
        // A request made during the fsync may already be covered by it: ask the policy again.
        const p = this.policy;
        const due = p.kind === 'count' ? this.file.unsynced >= p.messages : this.file.unsynced > 0;
        if (due) this.fsync();
      }
    });
  }

  stop(): void {
    this.node.sim.cancel(this.tick);
    this.tick = null;
    this.inFlight = false;
    this.again = false;
  }
}
