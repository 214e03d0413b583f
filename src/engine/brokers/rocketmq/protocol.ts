/**
 * RocketMQ's stored messages and wire messages, as the model needs them (RocketMQ 4.9.x).
 *
 * Every write a broker makes goes into its one CommitLog, in arrival order: business messages,
 * half messages (RMQ_SYS_TRANS_HALF_TOPIC), their op records (RMQ_SYS_TRANS_OP_HALF_TOPIC),
 * delayed and retried messages waiting in SCHEDULE_TOPIC_XXXX, retry and dead-letter copies.
 * ConsumeQueues are indexes over the CommitLog, one per (topic, queue), rebuilt from the CommitLog
 * after a restart, as the broker's recovery does.
 */
import type { MsgId } from '../../check/history';
import type { NetMessage } from '../../kernel/network';

/** RocketMQ's system topics. */
export const HALF_TOPIC = 'RMQ_SYS_TRANS_HALF_TOPIC';
export const OP_TOPIC = 'RMQ_SYS_TRANS_OP_HALF_TOPIC';
export const SCHEDULE_TOPIC = 'SCHEDULE_TOPIC_XXXX';
export const retryTopic = (group: string): string => `%RETRY%${group}`;
export const dlqTopic = (group: string): string => `%DLQ%${group}`;

/** One CommitLog entry. Slaves hold the very same objects (replication copies references). */
export interface Stored {
  id: MsgId;
  /** The topic it is stored under (a system topic for half, scheduled, op and DLQ entries). */
  topic: string;
  queueId: number;
  tags: string | null;
  key: string;
  /** The business topic and queue it belongs to (a retry copy: `%RETRY%group`, queue 0). */
  realTopic: string;
  realQueueId: number;
  /** Retry, schedule-for-retry and DLQ copies: the consumer group they belong to. */
  group: string | null;
  reconsume: number;
  /** SCHEDULE_TOPIC_XXXX: when it becomes visible (virtual µs). */
  dueAt: number;
  /** Producer group, for transaction check-backs. */
  producerGroup: string;
  /** Op records and entries written from another (a scheduled or committed half): its index. */
  src: number;
  /** Op records: the decision. */
  op: 'commit' | 'rollback' | null;
}

/** Send statuses (SendStatus) and the errors a send can meet. */
export type SendStatus =
  | 'SEND_OK'
  | 'FLUSH_DISK_TIMEOUT'
  | 'FLUSH_SLAVE_TIMEOUT'
  | 'SLAVE_NOT_AVAILABLE'
  | 'SERVICE_NOT_AVAILABLE';

/** A route as a NameServer hands it out: per broker group, its live addresses and queue counts. */
export interface BrokerRoute {
  brokerName: string;
  /** brokerId -> node id, for the processes whose registration has not expired. */
  addrs: Record<number, string>;
  readQueueNums: number;
  writeQueueNums: number;
  /** PERM_WRITE cleared by wipeWritePerm: producers skip the group's queues. */
  noWrite?: true;
}

export type Wire = NetMessage &
  (
    | {
        type: 'send';
        req: number;
        msg: Stored;
        /** Transactional half message. */
        half: boolean;
        delayLevel: number;
      }
    | { type: 'send-result'; req: number; status: SendStatus; seq: number; queueId: number }
    | {
        type: 'end-transaction';
        halfSeq: number;
        id: MsgId;
        decision: 'commit' | 'rollback' | 'unknown';
        fromCheck: boolean;
      }
    | { type: 'check-transaction'; halfSeq: number; id: MsgId; broker: string }
    | { type: 'ha-push'; from: number; entries: Stored[] }
    | { type: 'ha-ack'; upTo: number }
    | { type: 'register'; brokerName: string; brokerId: number }
    | { type: 'channel-close' }
    | { type: 'get-route'; req: number }
    | { type: 'route'; req: number; routes: Record<string, BrokerRoute[]> }
    | {
        type: 'pull';
        req: number;
        group: string;
        topic: string;
        queueId: number;
        offset: number;
        tags: readonly string[] | null;
        /** maxMsgNums: the client's pullBatchSize (32 for push consumers when absent). */
        max?: number;
      }
    | {
        type: 'pull-result';
        req: number;
        found: { s: Stored; offset: number }[];
        next: number;
        /** The offset asked for was past the end: the consumer moves to `next`. */
        moved: boolean;
      }
    | { type: 'send-back'; req: number; s: Stored; group: string; maxReconsume: number }
    | { type: 'send-back-result'; req: number; ok: boolean }
    | { type: 'update-offset'; group: string; qkey: string; offset: number; unlock: boolean }
  );

/** `brokerName|topic|queueId`: a message queue as clients name it. */
export function qkeyOf(brokerName: string, topic: string, queueId: number): string {
  return `${brokerName}|${topic}|${queueId}`;
}

/** Splits a `qkey`. */
export function parseQkey(k: string): { brokerName: string; topic: string; queueId: number } {
  const [brokerName = '', topic = '', q = '0'] = k.split('|');
  return { brokerName, topic, queueId: Number(q) };
}
