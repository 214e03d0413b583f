/**
 * The Kafka wire protocol as the model speaks it: a slice of the real request types (Produce,
 * Fetch for followers and consumers, the controller's LeaderAndIsr / AlterPartition / broker
 * heartbeats, and the group coordinator's JoinGroup+SyncGroup, Heartbeat, OffsetCommit, LeaveGroup).
 */
import type { MsgId } from '../../check/history';
import type { Micros } from '../../kernel/time';

/** One record as it travels and is stored. Immutable once produced. */
export interface Rec {
  readonly id: MsgId;
  readonly key: string | null;
  readonly producer: string;
  /** Per (producer, key) send order, for the checker. */
  readonly seq: number;
}

/** A record batch: the unit Kafka appends, replicates and fetches. Shared by all replicas. */
export interface Batch {
  readonly base: number;
  /** Leader epoch of the leader that appended it. */
  readonly epoch: number;
  readonly recs: readonly Rec[];
  readonly ids: readonly MsgId[];
  /** Producer id and the batch's first sequence number; -1 when not idempotent. */
  readonly pid: number;
  readonly firstSeq: number;
  readonly bytes: number;
  readonly appendedAt: Micros;
  /** The producer's acks, for explanations. */
  readonly acks: string;
  /** Producer epoch (KIP-98); 0 for non-transactional producers. */
  readonly producerEpoch?: number;
  /** Part of a transaction (`isTransactional` in the batch header). */
  readonly txn?: boolean;
  /**
   * A control batch: the COMMIT or ABORT marker the transaction coordinator wrote for `pid`. It
   * takes one offset (its one placeholder record has id -1 and is never handed to applications).
   */
  readonly control?: 'commit' | 'abort';
}

/** Kafka error codes the model returns. */
export type KafkaError =
  | 'NONE'
  | 'NOT_LEADER_OR_FOLLOWER'
  | 'NOT_ENOUGH_REPLICAS'
  | 'NOT_ENOUGH_REPLICAS_AFTER_APPEND'
  | 'OUT_OF_ORDER_SEQUENCE_NUMBER'
  | 'REQUEST_TIMED_OUT'
  | 'FENCED_LEADER_EPOCH'
  | 'OFFSET_OUT_OF_RANGE'
  /** A produce request from a fenced producer epoch (a zombie transactional producer). */
  | 'INVALID_PRODUCER_EPOCH';

/** Consumer `isolation.level`. */
export type Isolation = 'read_uncommitted' | 'read_committed';

export interface PartitionState {
  partition: number;
  leader: string | null;
  epoch: number;
  isr: readonly string[];
  replicas: readonly string[];
}

export type Wire =
  // producer <-> leader
  | {
      type: 'produce';
      msgs: readonly MsgId[];
      carry: true;
      reqId: number;
      partition: number;
      recs: readonly Rec[];
      pid: number;
      firstSeq: number;
      /** Producer epoch; 0 unless transactional. */
      producerEpoch: number;
      txn: boolean;
      acks: '0' | '1' | 'all';
      bytes: number;
      timeoutUs: Micros;
    }
  | {
      type: 'produce-response';
      msgs: readonly MsgId[];
      ack: true;
      reqId: number;
      partition: number;
      error: KafkaError;
      offset: number;
    }
  // follower <-> leader
  | {
      type: 'replica-fetch';
      partition: number;
      offset: number;
      lastEpoch: number;
      epoch: number;
      replica: string;
    }
  | {
      type: 'replica-fetch-response';
      partition: number;
      epoch: number;
      error: KafkaError;
      batches: readonly Batch[];
      hw: number;
      /** Set when the follower's log diverges: truncate to this offset first. */
      divergeAt: number;
    }
  // consumer <-> leader
  | {
      type: 'fetch';
      partition: number;
      offset: number;
      /** Leader epoch of the last record consumed (KIP-320), -1 when unknown. */
      lastEpoch: number;
      maxWaitUs: Micros;
      fetchId: number;
      /** read_committed fetches stop at the last stable offset. */
      isolation: Isolation;
    }
  | {
      type: 'fetch-response';
      partition: number;
      fetchId: number;
      error: KafkaError;
      batches: readonly Batch[];
      logStart: number;
      hw: number;
      /** KIP-320: the consumer's position lies past the end of its epoch here; resume from this. */
      divergeAt: number;
      /** read_committed: aborted transactions in the range, `[producer id, first offset, marker offset]`. */
      aborted: readonly (readonly [number, number, number])[];
    }
  // controller
  /** `metadataVersion`: the newest controller state the broker has seen (KRaft metadata offset). */
  | { type: 'broker-heartbeat'; incarnation: number; metadataVersion: number }
  | { type: 'leader-and-isr'; states: readonly PartitionState[]; version: number }
  | { type: 'alter-partition'; partition: number; epoch: number; isr: readonly string[] }
  // group coordinator (hosted by a broker)
  | { type: 'join'; group: string; member: string; generation: number }
  | {
      type: 'join-response';
      group: string;
      generation: number;
      partitions: readonly number[];
      /** [partition, offset, leader epoch] */
      committed: readonly [number, number, number][];
    }
  | { type: 'heartbeat'; group: string; member: string; generation: number }
  | { type: 'heartbeat-response'; error: 'NONE' | 'REBALANCE_IN_PROGRESS' | 'UNKNOWN_MEMBER_ID' }
  | {
      type: 'offset-commit';
      ack: true;
      group: string;
      member: string;
      generation: number;
      /** [partition, offset, leader epoch of the record before it] */
      offsets: readonly [number, number, number][];
      commitId: number;
    }
  | { type: 'offset-commit-response'; ack: true; commitId: number; error: string }
  | { type: 'leave'; group: string; member: string };
