/**
 * The wire protocol of the RabbitMQ model: a slice of AMQP 0-9-1 between clients and nodes
 * (publish with confirms or transactions, consume with qos, get, ack/nack/reject, heartbeats) and
 * the inter-node traffic of a cluster (proxied publishes, mirror and quorum replication, ticks).
 */
import type { MsgId } from '../../check/history';
import type { QMessage, QueueInput } from './queue';
import type { Headers } from './routing';

/** A publish as the client builds it. */
export interface Publish {
  id: MsgId;
  key: string;
  producer: string;
  seq: number;
  exchange: string;
  headers: Headers;
  bodyBytes: number;
  persistent: boolean;
  expiration?: string;
  mandatory: boolean;
}

export type Wire =
  // client -> node
  /** `firstTag`: the delivery tag of the connection's first publish (confirm channels count from it). */
  | { type: 'connect'; vhost: string; firstTag?: number }
  | {
      type: 'publish';
      msgs: readonly [MsgId];
      carry: true;
      p: Publish;
      tag: number;
      confirm: boolean;
      /** Part of an open transaction: held until `tx-commit`. */
      tx: boolean;
      session: number;
    }
  | { type: 'tx-commit'; msgs: readonly MsgId[]; session: number; txId: number }
  /** `tx.rollback`: the broker discards the transaction's publishes. */
  | { type: 'tx-rollback'; msgs: readonly MsgId[]; session: number; txId: number }
  | {
      type: 'consume';
      vhost: string;
      queue: string;
      prefetch: number;
      autoAck: boolean;
      /** The channel of the connection (absent: channel 0, the connection's only one). */
      channel?: number;
    }
  | { type: 'get'; queue: string; autoAck: boolean; session: number }
  | {
      type: 'ack';
      msgs: readonly [MsgId];
      ack: true;
      queue: string;
      seq: number;
      session: number;
      /** ack, or nack/reject with or without requeue. */
      how: 'ack' | 'requeue' | 'drop';
      channel?: number;
    }
  | { type: 'heartbeat'; session: number }
  /**
   * `channel.close` from the client (a consumer's scripted action): the broker cancels the
   * channel's consumer and requeues its unacknowledged deliveries; the connection stays open.
   */
  | { type: 'close-channel'; channel: number; session: number }
  /** `cause`: the journal id of the crash that closed it (bookkeeping for causal chains). */
  | { type: 'close'; incarnation: number; cause?: number }
  // node -> client
  | { type: 'connect-ok'; session: number }
  | { type: 'consume-ok'; session: number }
  /**
   * `basic.ack` / `basic.nack` on a confirm channel; `multiple`: every outstanding tag up to
   * `tag` (`msgs` lists all the messages it settles).
   */
  | {
      type: 'confirm';
      msgs: readonly MsgId[];
      ack: true;
      tag: number;
      ok: boolean;
      multiple: boolean;
    }
  | { type: 'tx-commit-ok'; msgs: readonly MsgId[]; ack: true; txId: number }
  /**
   * The commit failed for part of the transaction (a queue could not take its copy): RabbitMQ
   * closes the channel with PRECONDITION_FAILED "partial tx completion" instead of tx.commit-ok
   * (rabbit_channel.erl `complete_tx`). The copies that were enqueued stay enqueued.
   */
  | { type: 'tx-commit-fail'; msgs: readonly MsgId[]; ack: true; txId: number }
  | { type: 'return'; msgs: readonly [MsgId]; ack: true; tag: number }
  | {
      type: 'deliver';
      msgs: readonly [MsgId];
      carry: true;
      p: Publish;
      queue: string;
      seq: number;
      redelivered: boolean;
      session: number;
      /** Set on deliveries the owner node sends through a proxying node (which relays them). */
      consumer?: string;
      /**
       * A dead-lettered copy whose message already had a copy from another source queue
       * delivered from this queue: the source queues, and the one this copy came from.
       */
      dlCopy?: { from: string; copy: string };
      /** Proxied deliveries: whether the owner already forgot it (autoAck), and its group. */
      proxy?: { autoAck: boolean; group: string };
      /** The channel it was delivered on (absent: channel 0). */
      channel?: number;
    }
  | { type: 'get-empty'; session: number }
  | { type: 'heartbeat-ok'; session: number }
  | { type: 'heartbeat-fail' }
  /** A channel-level error (RESOURCE_LOCKED, consumer_timeout) closed one channel only. */
  | { type: 'channel-close'; channel: number }
  // node -> node
  | {
      type: 'fwd';
      msgs: readonly [MsgId];
      carry: true;
      queue: string;
      input: QueueInput;
      p: Publish;
      pub: number;
    }
  | {
      type: 'fwd-ok';
      msgs: readonly [MsgId];
      ack: true;
      pub: number;
      ok: boolean;
      /** The owner's fsync or quorum commit that made the copy safe (journal entry). */
      safe?: number;
    }
  | { type: 'repl'; msgs: readonly [MsgId]; carry: true; queue: string; m: QMessage; p: Publish }
  | { type: 'repl-ok'; msgs: readonly [MsgId]; ack: true; queue: string; ref: number }
  | { type: 'repl-del'; msgs: readonly [MsgId]; ack: true; queue: string; ref: number }
  | { type: 'sync'; queue: string; ms: readonly QMessage[]; ps: readonly Publish[] }
  | { type: 'leader'; queue: string; leader: string; epoch: number }
  // consumer-side proxying: a consumer attached to a node that does not own its queue
  | {
      type: 'pconsume';
      consumer: string;
      inc: number;
      vhost: string;
      queue: string;
      prefetch: number;
      autoAck: boolean;
    }
  | { type: 'pconsume-ok'; consumer: string; session: number }
  | { type: 'pconsume-fail'; consumer: string }
  | {
      type: 'pack';
      msgs: readonly [MsgId];
      ack: true;
      consumer: string;
      queue: string;
      seq: number;
      session: number;
      how: 'ack' | 'requeue' | 'drop';
    }
  /** The proxied consumer's connection closed (proxy -> owner), or the owner closed it. */
  | { type: 'pclose'; consumer: string }
  | { type: 'tick' };
