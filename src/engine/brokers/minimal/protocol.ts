/**
 * The wire protocol of the single-node broker: a small slice of AMQP 0-9-1 (publish, confirm,
 * consume with qos, deliver, ack, heartbeats), enough to show confirms, acks and persistence.
 */
import type { MsgId } from '../../check/history';

/** The application message as it travels; `persistent` is AMQP `deliveryMode` 2. */
export interface AppMessage {
  readonly id: MsgId;
  readonly key: string;
  readonly producer: string;
  readonly seq: number;
  readonly persistent: boolean;
}

export type Wire =
  | {
      type: 'publish';
      msgs: readonly [MsgId];
      carry: true;
      m: AppMessage;
      /** The publisher's delivery tag for this attempt; echoed in the confirm. */
      tag: number;
      /** The channel is in confirm mode (`confirm.select`). */
      confirm: boolean;
      /** The broker life this connection was opened with; a restarted broker resets it. */
      session: number;
    }
  | { type: 'connect' }
  | { type: 'connect-ok'; session: number }
  | { type: 'confirm'; msgs: readonly [MsgId]; ack: true; tag: number; ok: boolean }
  | {
      type: 'consume';
      prefetch: number;
      autoAck: boolean;
      /** A pulling consumer (basic.get): the channel opens, and nothing is pushed to it. */
      pull?: true;
    }
  /**
   * basic.get: one message, or `get-empty`. With `waitUs` (long polling) the broker holds the
   * request until a message arrives or the wait is over, then answers.
   */
  | { type: 'get'; session: number; waitUs: number }
  | { type: 'get-empty'; session: number }
  /** basic.cancel: the consumer takes no more deliveries; it still acks what it holds. */
  | { type: 'cancel'; session: number }
  | { type: 'consume-ok'; session: number }
  | {
      type: 'deliver';
      msgs: readonly [MsgId];
      carry: true;
      m: AppMessage;
      deliveryTag: number;
      /** Which channel delivered it: tags count per channel, so an ack names its channel too. */
      channel: number;
      redelivered: boolean;
      session: number;
    }
  | {
      type: 'ack';
      msgs: readonly [MsgId];
      ack: true;
      deliveryTag: number;
      channel: number;
      session: number;
    }
  | { type: 'heartbeat'; session: number }
  | { type: 'heartbeat-ok'; session: number }
  | { type: 'heartbeat-fail' }
  /** A request-path call to a downstream service (`requestPath`); `req` is echoed in the answer. */
  | { type: 'call'; req: number }
  | { type: 'call-ok'; req: number }
  /** Sent by the operating system of a crashed process: its sockets close (TCP FIN/RST). */
  /** `cause`: the journal id of the client's crash that closed it (for cause links). */
  | { type: 'close'; incarnation: number; cause?: number };
