/**
 * The history: every client-visible operation of a run, plus the engine journal that explains it.
 *
 * The engine records; the checker (`checker.ts`) reads. Nothing in here depends on a broker family,
 * so the Kafka, RabbitMQ and RocketMQ models all record into the same shapes.
 */
import type { Micros } from '../kernel/time';
import type { CauseLink, MechanismId } from './mechanism-ids';

export type { CauseLink, CauseRole, MechanismId } from './mechanism-ids';

/** A message id is unique per run: the producer assigns it once, retries and republishes keep it. */
export type MsgId = number;

/**
 * What the producer finally learned about one publish attempt.
 * - `ack`: the broker took responsibility (Jepsen `:ok`).
 * - `sent`: fire-and-forget (Kafka `acks=0`, RabbitMQ without confirms, RocketMQ oneway): the
 *   application was told it succeeded without any broker acknowledgement; treated like `ack`.
 * - `nack`/`error` with `definite: true`: the broker certainly did not store it (Jepsen `:fail`).
 * - `timeout`, or `error` with `definite: false`: the producer cannot know (Jepsen `:info`).
 */
export type ProducerResult = 'ack' | 'sent' | 'nack' | 'error' | 'timeout';

export type HistoryOp =
  | {
      type: 'send';
      at: Micros;
      msg: MsgId;
      producer: string;
      key: string | null;
      /** Per (producer, key) send order, starting at 0; reordering is judged against it. */
      seq: number;
      /** 0 for the first attempt, then 1, 2, ... for retries and republishes. */
      attempt: number;
    }
  | {
      type: 'outcome';
      at: Micros;
      msg: MsgId;
      producer: string;
      result: ProducerResult;
      definite: boolean;
      /** Broker-side error name when there is one (e.g. `NotEnoughReplicas`). */
      error?: string;
    }
  | {
      type: 'deliver';
      at: Micros;
      msg: MsgId;
      consumer: string;
      /** The consumer group (Kafka, RocketMQ) or the queue (RabbitMQ) the delivery belongs to. */
      group: string;
      redelivered: boolean;
    }
  | {
      type: 'effect';
      at: Micros;
      msg: MsgId;
      consumer: string;
      group: string;
      /** False when the sink absorbed it (unique key, SET, dedup table): processed, no new effect. */
      applied: boolean;
    }
  | {
      type: 'commit';
      at: Micros;
      msg: MsgId;
      consumer: string;
      group: string;
      /** `ack` for a RabbitMQ-style basic.ack, `offset` for a Kafka-style offset commit. */
      how: 'ack' | 'offset';
    };

export type HistoryOpType = HistoryOp['type'];

/**
 * Kinds of engine events that can appear in a causal chain. Each is a thing that happened inside
 * the simulated system, at a node, at a virtual time; the explanation text is built from them.
 */
export type JournalKind =
  // client side
  | 'publish'
  | 'publish-retry'
  | 'confirm-received'
  | 'confirm-timeout'
  // network
  | 'net-drop'
  | 'net-duplicate'
  | 'net-delay'
  // broker storage and queueing
  | 'enqueue'
  | 'reject'
  | 'write'
  | 'fsync'
  | 'confirm-sent'
  | 'dispatch'
  | 'requeue'
  | 'remove'
  | 'drop'
  // consumer
  | 'receive'
  | 'process'
  | 'ack-sent'
  // replicated logs (Kafka, RocketMQ)
  | 'append'
  | 'fetch'
  | 'replicate'
  | 'hw-advance'
  | 'truncate'
  | 'leader-elected'
  | 'isr-shrink'
  | 'isr-expand'
  | 'produce-error'
  | 'dedup'
  | 'offset-commit'
  | 'rebalance'
  | 'assign'
  | 'txn-begin'
  | 'txn-commit'
  | 'txn-abort'
  | 'fence'
  | 'retention-delete'
  // AMQP routing and queue policies (RabbitMQ)
  | 'route'
  | 'unroutable'
  | 'return'
  | 'expire'
  | 'dead-letter'
  | 'overflow'
  | 'mirror-sync'
  | 'promote'
  | 'raft-commit'
  | 'nack-sent'
  // node lifecycle and faults
  | 'crash'
  | 'power-loss'
  | 'restart'
  | 'recover'
  | 'pause'
  | 'resume'
  | 'partition'
  | 'heal'
  | 'fault-armed';

/** One engine event. `msgs` lists the messages it touched; `cause` points at an earlier event. */
export interface JournalEntry {
  id: number;
  at: Micros;
  kind: JournalKind;
  /** Where it happened: a broker, a client, or a link written `from->to`. */
  node: string;
  msgs?: readonly MsgId[];
  cause?: number;
  /**
   * Small structured details the explanation uses (e.g. `{ reason: 'crash-unwritten' }`).
   * Fields the checker reads:
   * - `reason`: the mechanism code of a `drop`, `net-drop`, `requeue` or `reject`;
   * - `type`: the protocol message type of a `net-drop` / `net-duplicate` (`publish`, `confirm`...);
   *   a dropped acknowledgement (`confirm`, `ack`, ..., or `ack: true`) never decides a fate;
   * - `queue` / `group`: limits a `drop`, `reject`, `enqueue` or `write` to one group (one copy of a
   *   fanned-out message); without them the entry applies to every group;
   * - optional extras the explanations quote: `leader`, `offset` (truncation), `retentionMs`,
   *   `consumer` (requeue).
   */
  data?: Readonly<Record<string, string | number | boolean>>;
  /**
   * The mechanism this entry is an act of, recorded by the code that acts (a truncation that
   * discards an acknowledged record, a requeue on channel close, a republish after a missing
   * confirm...). Explanations are looked up by this id in the catalogue.
   */
  mech?: MechanismId;
  /** Typed links to the earlier entries that made the mechanism act (see `CauseRole`). */
  links?: readonly CauseLink[];
}

/**
 * Where a message is at the end of a run, as the engine sees it, for one group.
 * The checker derives the rest (processed, dropped, never accepted) from the history and journal.
 */
export type HeldState = 'stored' | 'in-flight';

/**
 * Where a held message is at the end of a run: still in a producer's buffer (batched, or sent
 * and awaiting its answer), on the network (a packet on a link), stored by a broker, in a
 * broker's open transaction (AMQP: published in a tx, its `tx.commit` not yet processed, so in
 * no queue yet), or at a consumer (prefetched into its buffer, or delivered and not yet
 * acknowledged).
 */
export type HeldPlace = 'producer' | 'network' | 'broker' | 'transaction' | 'consumer';

/** A held message's place, with the node (or link `a->b`) and the queue or partition it is in. */
export interface HeldWhere {
  place: HeldPlace;
  node?: string;
  queue?: string;
  partition?: number;
}

/** Which broker family produced a run: explanations name that family's knobs. */
export type BrokerFamily = 'amqp' | 'kafka' | 'rocketmq';

export interface RunRecord {
  /** Defaults to `amqp` when absent (hand-built histories in tests). */
  family?: BrokerFamily;
  history: readonly HistoryOp[];
  journal: readonly JournalEntry[];
  /** Groups (consumer groups or subscribing queues) that the checker must account for. */
  groups: readonly string[];
  /** Messages still held at the end: `held.get(group)?.get(msg)`. */
  held: ReadonlyMap<string, ReadonlyMap<MsgId, HeldState>>;
  /** Where each held message is (`heldWhere.get(group)?.get(msg)`), when the model says. */
  heldWhere?: ReadonlyMap<string, ReadonlyMap<MsgId, HeldWhere>>;
  /**
   * Which messages each group is answerable for, when not every message goes to every group
   * (AMQP routing: a topic exchange sends a message to some queues only). A group absent from the
   * map (or no map at all) is answerable for every sent message.
   */
  scope?: ReadonlyMap<string, ReadonlySet<MsgId>>;
  endAt: Micros;
}
