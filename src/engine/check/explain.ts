/**
 * Explanations of anomalies, in English and Chinese, built from the run itself: the message's
 * history ops and its causal chain of journal entries. Each explanation says what happened, when
 * (virtual time, `10.200 s`), why, and which setting would have prevented it (product.md, "How an
 * explanation reads").
 *
 * Every sentence is chosen from the structured data of the chain (entry kinds, `data.reason`,
 * `cause` links, nodes and times), never from the anomaly kind alone: two losses with different
 * mechanisms read differently, and an unknown reason code still gets a truthful generic sentence.
 */
import type { Anomaly } from './checker';
import type { DeliverOp, EffectOp, OutcomeOp, SendOp, ProducerView } from './checker';
import { dataNum, dataStr, isAckTraffic, linkEnds, touches } from './entries';
import type { BrokerFamily, JournalEntry, MsgId } from './history';
import { formatSeconds as t, type Micros } from '../kernel/time';

/** The history ops of one message that an explanation quotes, in history order. */
export interface MsgOps {
  sends: SendOp[];
  outcomes: OutcomeOp[];
  /** Deliveries in the anomaly's group only. */
  deliveries: DeliverOp[];
  /** Effects in the anomaly's group only. */
  effects: EffectOp[];
}

/** What `explain` needs beyond the anomaly itself. */
export interface ExplainContext {
  /** The anomaly message's ops. */
  ops: MsgOps;
  /** Reordered only: the ops of the message it came after. */
  after?: MsgOps;
  /** The group to name in the text; null when the run has a single group, so naming it is noise. */
  groupLabel: string | null;
  /** Which broker family ran: the knob an explanation names must exist in that family. */
  family?: BrokerFamily;
}

/** The knob names each family uses for the same idea. */
const KNOBS: Record<BrokerFamily, { acks: Bilingual; retryOrder: Bilingual; perKey: Bilingual }> = {
  amqp: {
    acks: {
      en: 'With publisher confirms, the producer would have noticed that no confirm came and republished it.',
      zh: '若开启 publisher confirm，生产者会发现没有收到确认并重发。',
    },
    retryOrder: {
      en: 'RabbitMQ keeps no per-producer sequence numbers, so a republished message can always land behind later ones; an order-sensitive consumer must reorder by a sequence number it carries.',
      zh: 'RabbitMQ 不为生产者维护序列号，重发的消息总可能排到后发的消息后面；对顺序敏感的消费者需要按消息自带的序号重新排序。',
    },
    perKey: {
      en: 'With one consumer per key (a queue per key, or x-single-active-consumer) a later message cannot overtake an earlier one.',
      zh: '若每个 key 只由一个消费者处理（每个 key 一个队列，或 x-single-active-consumer），后发的消息就不会超过先发的。',
    },
  },
  kafka: {
    acks: {
      en: 'With acks=1 or acks=all, the producer would have noticed that no acknowledgement came and retried.',
      zh: '若设置 acks=1 或 acks=all，生产者会发现没有收到确认并重试。',
    },
    retryOrder: {
      en: 'enable.idempotence=true (or max.in.flight.requests.per.connection=1) keeps per-partition order across retries.',
      zh: '开启 enable.idempotence=true（或设置 max.in.flight.requests.per.connection=1）可以在重试时保持分区内的顺序。',
    },
    perKey: {
      en: 'Partitioning by key and consuming each partition on a single thread keeps per-key order.',
      zh: '按 key 分区，并且每个分区只用一个线程消费，就能保持每个 key 的顺序。',
    },
  },
  rocketmq: {
    acks: {
      en: 'A synchronous send (not oneway) would have reported the failure and retried.',
      zh: '若使用同步发送（而不是 oneway），发送失败会被报告并重试。',
    },
    retryOrder: {
      en: 'Ordered messages need a MessageQueueSelector that sends a key to one queue, and synchronous sends.',
      zh: '顺序消息需要用 MessageQueueSelector 把同一个 key 发到同一个队列，并且使用同步发送。',
    },
    perKey: {
      en: 'An orderly consumer (MessageListenerOrderly) locks each queue to one thread and keeps per-key order.',
      zh: '顺序消费（MessageListenerOrderly）会把每个队列锁定给一个线程，从而保持每个 key 的顺序。',
    },
  },
};

/** A sentence in both languages. */
export interface Bilingual {
  en: string;
  zh: string;
}

/** Accumulates sentences in both languages; English joins with spaces, Chinese without. */
class Text {
  private readonly en: string[] = [];
  private readonly zh: string[] = [];
  add(en: string, zh: string): void {
    this.en.push(en);
    this.zh.push(zh);
  }
  done(): Bilingual {
    return { en: this.en.join(' '), zh: this.zh.join('') };
  }
}

/** The anomaly as the checker hands it over, before its explanation exists. */
export type AnomalyCore = Omit<Anomaly, 'reason'>;

/** Everything the sentence builders read, resolved once. */
interface Facts {
  a: AnomalyCore;
  ctx: ExplainContext;
  byId: Map<number, JournalEntry>;
  /** Chain entries that belong to the anomaly's own message (not to a related one). */
  own: JournalEntry[];
  label: Bilingual;
  /** ` for g1` / `在 g1 中`, or empty. */
  grp: Bilingual;
}

function msgLabel(m: MsgId, key: string | null): Bilingual {
  return key === null
    ? { en: `Message #${m}`, zh: `消息 #${m}` }
    : { en: `Message #${m} (key ${key})`, zh: `消息 #${m}（key=${key}）` };
}

/** How a node stopped, from a crash / power-loss / restart / pause entry. */
function stopVerb(e: JournalEntry | undefined): Bilingual {
  switch (e?.kind) {
    case 'power-loss':
      return { en: 'lost power', zh: '断电' };
    case 'restart':
      return { en: 'restarted', zh: '重启' };
    case 'pause':
      return { en: 'was paused', zh: '暂停' };
    default:
      return { en: 'crashed', zh: '崩溃' };
  }
}

/** Why the network dropped something, from `data.reason` of a `net-drop`. */
function netReason(e: JournalEntry): Bilingual {
  const [, to] = linkEnds(e.node);
  const r = dataStr(e, 'reason');
  switch (r) {
    case 'partition':
      return { en: 'the link was partitioned', zh: '网络分区' };
    case 'loss':
      return { en: 'random packet loss', zh: '随机丢包' };
    case 'fault':
      return { en: 'an injected fault dropped it', zh: '注入的故障丢弃了它' };
    case 'receiver-down':
      return { en: `${to} was down`, zh: `${to} 已宕机` };
    default:
      return r === undefined ? { en: 'no reason recorded', zh: '未记录原因' } : { en: r, zh: r };
  }
}

function causeOf(f: Facts, e: JournalEntry): JournalEntry | undefined {
  return e.cause === undefined ? undefined : f.byId.get(e.cause);
}

/** The last own-chain entry of `kind` at or before `at` (or anywhere, when `at` is undefined). */
function lastBefore(
  f: Facts,
  kinds: readonly string[],
  at?: Micros,
  pred?: (e: JournalEntry) => boolean,
): JournalEntry | undefined {
  let found: JournalEntry | undefined;
  for (const e of f.own) {
    if (at !== undefined && e.at > at) break;
    if (kinds.includes(e.kind) && (!pred || pred(e))) found = e;
  }
  return found;
}

function firstAfter(f: Facts, kind: string, at: Micros): JournalEntry | undefined {
  return f.own.find((e) => e.kind === kind && e.at > at);
}

/** The producer's view, or a neutral one for messages never sent. */
function viewOf(a: AnomalyCore): ProducerView {
  return a.details.producer ?? { status: 'unknown', result: null, at: null, error: null };
}

/**
 * Explains one anomaly in English and Chinese.
 * @param anomaly the anomaly without its `reason` (the checker builds that from this function).
 * @param ctx the message's history ops and how to name its group.
 */
export function explain(anomaly: AnomalyCore, ctx: ExplainContext): Bilingual {
  const related = new Set(anomaly.relatedIds);
  const byId = new Map<number, JournalEntry>();
  for (const e of anomaly.chain) byId.set(e.id, e);
  const f: Facts = {
    a: anomaly,
    ctx,
    byId,
    own: anomaly.chain.filter((e) => !related.has(e.id) || touches(e, anomaly.msg)),
    label: msgLabel(anomaly.msg, anomaly.key),
    grp:
      ctx.groupLabel === null
        ? { en: '', zh: '' }
        : { en: ` for ${ctx.groupLabel}`, zh: `在 ${ctx.groupLabel} 中` },
  };
  const out = new Text();
  switch (anomaly.kind) {
    case 'lost':
      lost(f, out);
      break;
    case 'duplicated':
      duplicated(f, out);
      break;
    case 'reordered':
      reordered(f, out);
      break;
    case 'unexpected':
      unexpected(f, out);
      break;
    case 'recovered':
      recovered(f, out);
      break;
    default: {
      const never: never = anomaly.kind;
      throw new Error(`unknown anomaly kind ${String(never)}`);
    }
  }
  return out.done();
}

// ---------------------------------------------------------------------------------------------
// lost

function lost(f: Facts, out: Text): void {
  const { a, ctx, label, grp } = f;
  const v = viewOf(a);
  out.add(`${label.en} was lost${grp.en}.`, `${label.zh}${grp.zh}丢失。`);

  // What the producer was told, and when: the promise that was broken.
  if (v.result === 'sent') {
    const at = ctx.ops.sends[0]?.at ?? v.at ?? 0;
    out.add(
      `The producer sent it at ${t(at)} without waiting for any broker acknowledgement (fire-and-forget), so the application counted it as sent.`,
      `生产者在 ${t(at)} 以“发后即忘”（fire-and-forget）方式发送了它，没有等待任何 broker 确认，应用就把它当作已发送。`,
    );
  } else if (v.at !== null) {
    const confirm = lastBefore(f, ['confirm-sent'], v.at);
    if (confirm) {
      out.add(
        `${confirm.node} acknowledged it at ${t(confirm.at)}.`,
        `${confirm.node} 在 ${t(confirm.at)} 确认了写入。`,
      );
    } else {
      out.add(
        `The producer was told it was stored at ${t(v.at)}.`,
        `生产者在 ${t(v.at)} 收到了写入确认。`,
      );
    }
  }

  const fate = a.details.fate;
  const drop = a.details.dropEntry === undefined ? undefined : f.byId.get(a.details.dropEntry);
  const reject =
    a.details.rejectEntry === undefined ? undefined : f.byId.get(a.details.rejectEntry);
  if (fate === 'dropped' && drop) {
    if (drop.kind === 'net-drop') netDropped(drop, v, out, f.ctx.family ?? 'amqp');
    else brokerDropped(f, drop, v, out);
  } else if (fate === 'never-accepted' && reject) {
    const why = dataStr(reject, 'reason');
    out.add(
      `${reject.node} rejected it at ${t(reject.at)}${why ? ` (${why})` : ''}, so it was never stored, although the producer had been told it succeeded.`,
      `${t(reject.at)} ${reject.node} 拒绝了它${why ? `（${why}）` : ''}，它从未被存储，可生产者得到的却是成功的答复。`,
    );
  } else {
    // Unaccounted (or a fate whose deciding entry is missing from the chain): say so plainly.
    const last = f.own[f.own.length - 1];
    const whereEn = last ? ` after the ${last.kind} at ${last.node} at ${t(last.at)}` : '';
    const whereZh = last
      ? `（最后一条相关事件是 ${t(last.at)} ${last.node} 上的 ${last.kind}）`
      : '';
    out.add(
      `No event in the run explains where it went${whereEn}: this is a bug in the simulator's bookkeeping, not broker behaviour.`,
      `运行记录中没有任何事件能解释它的去向${whereZh}：这是模拟器记账的缺陷，而不是 broker 的行为。`,
    );
  }
}

/** A `drop` entry at a broker or a consumer, by its reason code. */
function brokerDropped(f: Facts, e: JournalEntry, v: ProducerView, out: Text): void {
  const node = e.node;
  const cause = causeOf(f, e);
  const when = cause?.at ?? e.at;
  const stop = stopVerb(cause);
  const reason = dataStr(e, 'reason');
  switch (reason) {
    case 'crash-unwritten':
      out.add(
        `It was still in ${node}'s memory, waiting for the batched disk write, when ${cause?.node ?? node} ${stop.en} at ${t(when)}.`,
        `${t(when)} ${cause?.node ?? node} ${stop.zh}时，它还在 ${node} 的内存里，等待批量写盘。`,
      );
      if (v.result === 'sent') {
        out.add(
          `With publisher confirms, the producer would have been told only once the message was fsynced to disk, and could have republished it when no confirm came.`,
          `若开启 publisher confirms，生产者要等消息 fsync 落盘后才会收到确认，收不到确认时还可以重发。`,
        );
      } else {
        out.add(
          `Acknowledging only after the fsync (as publisher confirms do for persistent messages) would have closed this gap.`,
          `如果只在 fsync 之后才发送确认（publisher confirms 对持久化消息正是如此），这个窗口就不存在。`,
        );
      }
      return;
    case 'crash-transient':
      out.add(
        `It was published as transient (deliveryMode=1), so ${node} kept it only in memory and lost it when it ${stop.en} at ${t(when)}.`,
        `它以非持久化方式（deliveryMode=1）发布，${node} 只把它放在内存里，${t(when)} ${node} ${stop.zh}时它就丢了。`,
      );
      out.add(
        `Publishing it as persistent (deliveryMode=2) to a durable queue would have kept it on disk.`,
        `若以持久化消息（deliveryMode=2）发到持久化（durable）队列，它会保存在磁盘上。`,
      );
      return;
    case 'queue-deleted': {
      const q = dataStr(e, 'queue') ?? f.a.group;
      const at = cause?.kind === 'restart' ? cause.at : e.at;
      out.add(
        `Its queue ${q} was not durable, so ${node} deleted the queue, and the message with it, when it restarted at ${t(at)}.`,
        `它所在的队列 ${q} 不是持久化（durable）队列，${t(at)} ${node} 重启时删除了这个队列和其中的消息。`,
      );
      out.add(
        `Declaring the queue durable (and publishing persistent messages) would have kept it across the restart.`,
        `若把队列声明为 durable（并以持久化方式发布消息），它就能在重启后保留下来。`,
      );
      return;
    }
    case 'power-loss-unsynced':
      if (f.ctx.family === 'kafka') {
        kafkaPowerLoss(e, when, out);
        return;
      }
      out.add(
        `${node} had written it to the OS page cache but not yet fsynced it when the power failed at ${t(when)}.`,
        `${node} 只把它写进了操作系统页缓存，还没有 fsync；${t(when)} 断电后它就没了。`,
      );
      out.add(
        `A synchronous flush (fsync before acknowledging, e.g. RocketMQ flushDiskType=SYNC_FLUSH) would have made the acknowledgement wait until it was on disk.`,
        `若使用同步刷盘（确认前先 fsync，例如 RocketMQ 的 flushDiskType=SYNC_FLUSH），确认会等到消息真正落盘之后。`,
      );
      return;
    case 'truncated': {
      // The crash that started it is linked through `cause`, possibly via the restart.
      let crash: JournalEntry | undefined = cause;
      while (crash && crash.kind !== 'crash' && crash.kind !== 'power-loss')
        crash = causeOf(f, crash);
      if (crash) {
        const s = stopVerb(crash);
        out.add(
          `${crash.node} ${s.en} at ${t(crash.at)} before any follower had copied it.`,
          `${t(crash.at)} ${crash.node} ${s.zh}，此时还没有任何 follower 复制到它。`,
        );
      }
      const leader = dataStr(e, 'leader') ?? dataStr(e, 'newLeader');
      const offset = dataNum(e, 'offset');
      const offEn = offset === undefined ? '' : ` (offset ${offset})`;
      const offZh = offset === undefined ? '' : `（offset ${offset}）`;
      out.add(
        `${leader ?? 'Another broker'} became leader without it, and when ${node} rejoined it truncated its log to match at ${t(e.at)}${offEn}.`,
        `${leader ?? '另一个 broker'} 当选新 leader，它的日志里没有这条消息；${t(e.at)} ${node} 重新加入时截断了日志${offZh}以与之一致。`,
      );
      out.add(
        `With acks=all and min.insync.replicas=2 the acknowledgement would have waited for a follower.`,
        `若设置 acks=all 且 min.insync.replicas=2，确认会等到至少一个 follower 写入。`,
      );
      return;
    }
    case 'not-on-new-leader':
    case 'committed-before-processing':
    case 'auto-commit-ahead':
    case 'auto-offset-reset':
    case 'producer-crash-unsent':
    case 'aborted':
      kafkaDropped(f, e, reason, out);
      return;
    case 'retention': {
      const ms = dataNum(e, 'retentionMs');
      const who = f.ctx.groupLabel ?? f.a.group;
      out.add(
        `Retention deleted it from ${node} at ${t(e.at)}${ms === undefined ? '' : ` (retention.ms=${ms})`} before ${who} had consumed it.`,
        `${t(e.at)} ${node} 按保留策略${ms === undefined ? '' : `（retention.ms=${ms}）`}删除了它，此时 ${who} 还没有消费到它。`,
      );
      out.add(
        `A retention period (retention.ms) longer than the consumer's lag, or a consumer that keeps up, would have kept it.`,
        `若保留时间（retention.ms）长于消费者的滞后，或者消费者跟得上，它就不会被删除。`,
      );
      return;
    }
    // AMQP (RabbitMQ model) queue policies, replication and partitions.
    case 'expired': {
      const q = dataStr(e, 'queue') ?? f.a.group;
      const dl = e.data?.['deadLettered'] === true;
      out.add(
        `It waited in queue ${q} longer than its TTL (x-message-ttl or the message's expiration) and ${node} expired it at ${t(e.at)}${dl ? ', dead-lettering it to the x-dead-letter-exchange' : ''}.`,
        `它在队列 ${q} 中等待的时间超过了 TTL（x-message-ttl 或消息的 expiration），${t(e.at)} ${node} 让它过期${dl ? '，并把它转给了死信交换机（x-dead-letter-exchange）' : ''}。`,
      );
      out.add(
        `RabbitMQ discards expired messages (only at the head of the queue) and never delivers them; a consumer that keeps up, a longer TTL, or a dead-letter exchange for later re-import would have kept it.`,
        `RabbitMQ 会丢弃过期消息（只在队头检查），并保证不会投递它们；消费者跟得上、更长的 TTL，或配置死信交换机以便之后重新导入，都能保住它。`,
      );
      return;
    }
    case 'queue-expired': {
      const q = dataStr(e, 'queue') ?? f.a.group;
      const after = e.data?.['afterDelete'] === true;
      out.add(
        after
          ? `Queue ${q} had been deleted by its x-expires (queue TTL: unused, with no consumer, no basic.get and no redeclare, for that long), so ${node} had no queue to put it in at ${t(e.at)} and it was dropped.`
          : `Queue ${q} went unused (no consumer, no basic.get, not redeclared) for longer than its x-expires, so ${node} deleted the queue at ${t(e.at)}, and this message with it.`,
        after
          ? `队列 ${q} 已因 x-expires（队列 TTL：在这段时间内没有消费者、没有 basic.get、也没有重新声明）被删除，${t(e.at)} ${node} 没有队列可以存放它，它被丢弃了。`
          : `队列 ${q} 闲置（没有消费者、没有 basic.get、没有重新声明）的时间超过了 x-expires，${t(e.at)} ${node} 删除了这个队列，连同这条消息。`,
      );
      out.add(
        `x-expires deletes the queue and every message in it, without dead-lettering; a longer x-expires, a consumer that stays attached, or no queue TTL at all would have kept it.`,
        `x-expires 会删除整个队列及其中所有消息，且不会转入死信；更长的 x-expires、一直在线的消费者，或不设置队列 TTL，都能保住它。`,
      );
      return;
    }
    case 'exclusive-queue-deleted': {
      const q = dataStr(e, 'queue') ?? f.a.group;
      const after = e.data?.['afterDelete'] === true;
      out.add(
        after
          ? `Exclusive queue ${q} had been deleted when the connection that declared it closed, so ${node} had no queue to put it in at ${t(e.at)} and it was dropped.`
          : `Queue ${q} was exclusive: when the connection that declared it closed, ${node} deleted the queue at ${t(e.at)}, and this message with it.`,
        after
          ? `排他队列 ${q} 在声明它的连接关闭时已被删除，${t(e.at)} ${node} 没有队列可以存放它，它被丢弃了。`
          : `队列 ${q} 是排他（exclusive）队列：声明它的连接关闭后，${t(e.at)} ${node} 删除了这个队列，连同这条消息。`,
      );
      out.add(
        `An exclusive queue lives only as long as its connection; a non-exclusive durable queue would have kept the message for the next consumer.`,
        `排他队列只与它的连接同生共死；若使用非排他的 durable 队列，消息会留给下一个消费者。`,
      );
      return;
    }
    case 'auto-delete': {
      const q = dataStr(e, 'queue') ?? f.a.group;
      const after = e.data?.['afterDelete'] === true;
      out.add(
        after
          ? `Auto-delete queue ${q} had been deleted when its last consumer went away, so ${node} had no queue to put it in at ${t(e.at)} and it was dropped.`
          : `Queue ${q} was auto-delete: when its last consumer cancelled (or its channel closed), ${node} deleted the queue at ${t(e.at)}, and this message with it.`,
        after
          ? `自动删除（auto-delete）队列 ${q} 在最后一个消费者离开时已被删除，${t(e.at)} ${node} 没有队列可以存放它，它被丢弃了。`
          : `队列 ${q} 是自动删除（auto-delete）队列：最后一个消费者取消订阅（或其信道关闭）后，${t(e.at)} ${node} 删除了这个队列，连同这条消息。`,
      );
      out.add(
        `An auto-delete queue is deleted with its bindings and messages once its last consumer goes, and publishes after that are unroutable; a queue without auto-delete would have kept the message for the next consumer.`,
        `自动删除队列在最后一个消费者离开后会连同绑定和消息一起被删除，之后的发布将无法路由；不设置 auto-delete 的队列会把消息留给下一个消费者。`,
      );
      return;
    }
    case 'overflow-drop-head': {
      const q = dataStr(e, 'queue') ?? f.a.group;
      out.add(
        `Queue ${q} was full (x-max-length or x-max-length-bytes), and with x-overflow=drop-head (the default) ${node} dropped its oldest message, this one, at ${t(e.at)} to make room for a new one.`,
        `队列 ${q} 已满（x-max-length 或 x-max-length-bytes），在 x-overflow=drop-head（默认值）下，${t(e.at)} ${node} 丢弃了最老的消息（就是它）为新消息腾出位置。`,
      );
      out.add(
        `With x-overflow=reject-publish the queue would have refused the new message instead, and a publisher using confirms would have been told with a nack.`,
        `若设置 x-overflow=reject-publish，队列会改为拒收新消息，使用 confirms 的生产者会收到 nack。`,
      );
      return;
    }
    case 'consumer-rejected': {
      const q = dataStr(e, 'queue') ?? f.a.group;
      const dl = e.data?.['deadLettered'] === true;
      out.add(
        `A consumer rejected it (basic.reject or basic.nack with requeue=false), so ${node} removed it from ${q} at ${t(e.at)}${dl ? ' and dead-lettered it' : ''}.`,
        `消费者拒绝了它（basic.reject 或 basic.nack，requeue=false），${t(e.at)} ${node} 把它从 ${q} 中移除${dl ? '并转入死信' : ''}。`,
      );
      out.add(
        `Rejecting with requeue=true, or an x-dead-letter-exchange on the queue, would have kept it.`,
        `若以 requeue=true 拒绝，或为队列配置 x-dead-letter-exchange，它就不会消失。`,
      );
      return;
    }
    case 'delivery-limit': {
      const q = dataStr(e, 'queue') ?? f.a.group;
      out.add(
        `It was returned to quorum queue ${q} more times than its delivery-limit allows, so ${node} dropped it at ${t(e.at)}${e.data?.['deadLettered'] === true ? ' to the dead-letter exchange' : ''}.`,
        `它被退回仲裁队列 ${q} 的次数超过了 delivery-limit，${t(e.at)} ${node} ${e.data?.['deadLettered'] === true ? '把它转入死信' : '丢弃了它'}。`,
      );
      return;
    }
    case 'unsynchronised-mirror-promoted': {
      const q = dataStr(e, 'queue') ?? f.a.group;
      let crash: JournalEntry | undefined = cause;
      while (crash && crash.kind !== 'crash' && crash.kind !== 'power-loss')
        crash = causeOf(f, crash);
      const old = dataStr(e, 'from') ?? crash?.node ?? 'the leader';
      const s = stopVerb(crash);
      out.add(
        `${old}, the leader of mirrored queue ${q}, ${s.en}${crash ? ` at ${t(crash.at)}` : ''}. ${node} was promoted although its mirror was not synchronised (ha-promote-on-failure=always, the default), so messages that existed only on ${old} were lost.`,
        `镜像队列 ${q} 的 leader ${old}${crash ? `在 ${t(crash.at)} ` : ''}${s.zh}。${node} 的镜像尚未同步，却仍被提升为新 leader（ha-promote-on-failure=always，默认值），只存在于 ${old} 上的消息就此丢失。`,
      );
      out.add(
        `ha-promote-on-failure=when-synced would have kept the queue unavailable until ${old} returned instead; ha-sync-mode=automatic synchronises a new mirror at once. Quorum queues avoid the problem.`,
        `若设置 ha-promote-on-failure=when-synced，队列会一直不可用直到 ${old} 回来，而不会丢消息；ha-sync-mode=automatic 会立即同步新镜像。仲裁队列（quorum queue）没有这个问题。`,
      );
      return;
    }
    case 'partition-leader-replaced': {
      const q = dataStr(e, 'queue') ?? f.a.group;
      out.add(
        `A network partition cut ${node} off from the rest of the cluster while it led ${q}. The other side promoted a new leader; when the partition healed, ${node} learned of it and discarded its own copy at ${t(e.at)}, with every message only it had, including ones it had already confirmed.`,
        `网络分区把 ${node} 与集群其余部分隔开，当时它是 ${q} 的 leader。另一侧提升了新 leader；分区恢复后，${t(e.at)} ${node} 得知此事并丢弃了自己的副本，连同只有它持有的消息（包括已经确认过的）。`,
      );
      out.add(
        `Jepsen found confirmed messages lost this way in RabbitMQ 3.3 with pause_minority. Quorum queues confirm only after a majority of members has the message.`,
        `Jepsen 在 RabbitMQ 3.3（pause_minority）中发现过这样丢失已确认消息。仲裁队列只有在多数成员持有消息后才确认。`,
      );
      return;
    }
    case 'raft-uncommitted': {
      const q = dataStr(e, 'queue') ?? f.a.group;
      const old = dataStr(e, 'from') ?? 'the old leader';
      out.add(
        `It reached ${old}, the leader of quorum queue ${q}, but not a majority of members before ${old} failed; ${node}, the new leader, never had it.`,
        `它到达了仲裁队列 ${q} 的 leader ${old}，但在 ${old} 故障前还没有复制到多数成员；新 leader ${node} 从未拥有它。`,
      );
      out.add(
        `Quorum queues guarantee nothing before the publisher confirm: with confirms, the publisher would have republished it.`,
        `仲裁队列在 publisher confirm 之前不做任何保证：开启 confirms 后，生产者会重发它。`,
      );
      return;
    }
    case 'queue-down': {
      const q = dataStr(e, 'queue') ?? f.a.group;
      out.add(
        `The node hosting queue ${q} was down or unreachable from ${node} at ${t(e.at)}, so the message could not be enqueued: a classic queue lives on one node, and the other nodes only proxy to it.`,
        `${t(e.at)} 托管队列 ${q} 的节点已宕机或从 ${node} 不可达，消息无法入队：普通（classic）队列只存在于一个节点上，其他节点只是代理转发。`,
      );
      return;
    }
    case 'unroutable':
      out.add(
        `Exchange ${dataStr(e, 'exchange') || '(default)'} had no binding that matched it, so ${node} discarded it at ${t(e.at)}${e.data?.['mandatory'] === true ? ' and returned it to the publisher (basic.return, mandatory)' : ''}.`,
        `交换机 ${dataStr(e, 'exchange') || '（默认）'} 没有匹配它的绑定，${t(e.at)} ${node} 丢弃了它${e.data?.['mandatory'] === true ? '，并把它退回给生产者（basic.return，mandatory）' : ''}。`,
      );
      out.add(
        `Publishing with mandatory=true, or an alternate-exchange on the exchange, lets nothing vanish silently.`,
        `以 mandatory=true 发布，或为交换机配置 alternate-exchange，就不会有消息悄无声息地消失。`,
      );
      return;
    case 'node-paused':
      out.add(
        `${node} had paused itself (cluster_partition_handling=pause_minority: it saw only a minority of the cluster) and dropped the publish at ${t(e.at)}.`,
        `${node} 已自行暂停（cluster_partition_handling=pause_minority：它只能看到集群中的少数节点），${t(e.at)} 丢弃了这次发布。`,
      );
      return;
    case 'auto-ack-proxy-gone': {
      const c = dataStr(e, 'consumer') ?? 'the consumer';
      const owner = dataStr(e, 'owner') ?? 'the owner node';
      out.add(
        `${owner} sent it with autoAck to ${c} through ${node}, which proxied that consumer, and forgot it at once; ${node} no longer had ${c}'s connection (it had restarted or the connection had closed), so at ${t(e.at)} the delivery had nowhere to go.`,
        `${owner} 以 autoAck 方式经由代理节点 ${node} 把它投递给 ${c}，发出后就把它忘了；但 ${node} 已经没有 ${c} 的连接（节点重启过或连接已关闭），${t(e.at)} 这次投递无处可去。`,
      );
      out.add(
        `With manual acknowledgements (autoAck=false) ${owner} would have kept it and requeued it when the proxied consumer went away; connecting the consumer to the node that owns the queue avoids the extra hop.`,
        `若使用手动确认（autoAck=false），${owner} 会保留它，并在被代理的消费者消失时把它重新入队；让消费者直接连接队列所在节点也能避免这一跳。`,
      );
      return;
    }
    case 'auto-ack-consumer-crash': {
      const c = node;
      const d = f.ctx.ops.deliveries.find((x) => x.consumer === c) ?? f.ctx.ops.deliveries[0];
      const dispatch = lastBefore(f, ['dispatch'], d?.at ?? e.at);
      const broker = dispatch?.node;
      const dAt = dispatch?.at ?? d?.at;
      const sentEn = dAt === undefined ? '' : ` at ${t(dAt)}`;
      const sentZh = dAt === undefined ? '' : `在 ${t(dAt)} `;
      out.add(
        `${broker ?? 'The broker'} delivered it to ${c}${sentEn} with autoAck, so the broker forgot it as soon as it was sent; ${c} ${stop.en} at ${t(when)} before processing it.`,
        `${broker ?? 'broker'} ${sentZh}以 autoAck 方式把它投递给 ${c}，发出的那一刻就把它忘了；${t(when)} ${c} 在处理它之前${stop.zh}。`,
      );
      out.add(
        `With manual acknowledgements (autoAck=false) the broker would have kept it until ${c} acked it, and requeued it when ${c}'s channel closed.`,
        `若使用手动确认（autoAck=false），broker 会一直保留它直到 ${c} 确认，并在 ${c} 的 channel 关闭时把它重新入队。`,
      );
      return;
    }
    default: {
      const why = reason ?? 'no reason recorded';
      const whyZh = reason ?? '未记录原因';
      const causeEn = cause ? ` after ${cause.node} ${stop.en} at ${t(cause.at)}` : '';
      const causeZh = cause ? `（${t(cause.at)} ${cause.node} ${stop.zh}之后）` : '';
      out.add(
        `It was dropped by ${node} at ${t(e.at)}${causeEn}: ${why}.`,
        `${t(e.at)} ${node} 丢弃了它${causeZh}：${whyZh}。`,
      );
    }
  }
}

/** Kafka: a broker lost records from its page cache in a power loss. */
function kafkaPowerLoss(e: JournalEntry, when: Micros, out: Text): void {
  const p = dataNum(e, 'partition');
  const part = p === undefined ? '' : ` (partition ${p})`;
  const partZh = p === undefined ? '' : `（分区 ${p}）`;
  out.add(
    `${e.node} held it only in the OS page cache${part}, not yet fsynced, when it lost power at ${t(when)}.`,
    `${t(when)} ${e.node} 断电时，它只在操作系统页缓存中${partZh}，还没有 fsync 到磁盘。`,
  );
  out.add(
    `Kafka does not fsync per write by default (flush.messages and flush.ms are unset): durability comes from replicas on other machines. Setting flush.messages=1 fsyncs every write, at a large throughput cost.`,
    `Kafka 默认不会每次写入都 fsync（flush.messages 与 flush.ms 未设置），持久性依赖其他机器上的副本。设置 flush.messages=1 会每条消息都 fsync，但吞吐量代价很大。`,
  );
}

/** Kafka-specific drop reasons (see brokers/kafka). */
function kafkaDropped(f: Facts, e: JournalEntry, reason: string, out: Text): void {
  const cause = causeOf(f, e);
  const group = dataStr(e, 'group') ?? f.a.group;
  switch (reason) {
    case 'not-on-new-leader': {
      const leader = dataStr(e, 'leader') ?? 'another broker';
      const p = dataNum(e, 'partition');
      const end = dataNum(e, 'offset');
      const unclean = e.data?.unclean === true;
      const acks = dataStr(e, 'acks');
      // The fault behind the election: follow `cause` links back to a crash, power loss or fence.
      let root: JournalEntry | undefined = cause;
      while (root && root.kind !== 'crash' && root.kind !== 'power-loss') {
        const next = causeOf(f, root);
        if (!next) break;
        root = next;
      }
      const part = p === undefined ? '' : ` of partition ${p}`;
      const partZh = p === undefined ? '' : `分区 ${p} 的`;
      if (
        root &&
        (root.kind === 'crash' || root.kind === 'power-loss') &&
        root.node === e.node &&
        unclean
      ) {
        const s = stopVerb(root);
        out.add(
          `${e.node} ${s.en} at ${t(root.at)}; its followers had fallen out of the ISR (replica.lag.time.max.ms), so it had been acknowledging alone and no other replica had this record.`,
          `${t(root.at)} ${e.node} ${s.zh}；它的 follower 早已掉出 ISR（replica.lag.time.max.ms），它一直在独自确认写入，其他副本都没有这条记录。`,
        );
      } else if (
        root &&
        (root.kind === 'crash' || root.kind === 'power-loss') &&
        root.node === e.node
      ) {
        const s = stopVerb(root);
        out.add(
          `${e.node} ${s.en} at ${t(root.at)} before any in-sync follower had fetched it.`,
          `${t(root.at)} ${e.node} ${s.zh}，此时还没有任何同步副本（ISR 中的 follower）拉取到它。`,
        );
      }
      const lostOnLeader = f.own.find(
        (x) =>
          x.kind === 'drop' &&
          x.node === leader &&
          dataStr(x, 'reason') === 'power-loss-unsynced' &&
          x.id < e.id,
      );
      if (lostOnLeader) {
        out.add(
          `${leader} had lost its own copy from the page cache in a power loss at ${t(lostOnLeader.at)}.`,
          `${leader} 自己的副本已在 ${t(lostOnLeader.at)} 的断电中随页缓存丢失。`,
        );
      }
      const at = cause?.at ?? e.at;
      out.add(
        `At ${t(at)} ${leader} became leader${part}${unclean ? ' through an unclean election (it was not in the ISR)' : ''}; its log ended at offset ${end ?? '?'}, before this record, so ${e.node}'s copy is superseded and is truncated when ${e.node} fetches from the new leader.`,
        `${t(at)} ${leader} 成为${partZh} leader${unclean ? '（不干净选举：它并不在 ISR 中）' : ''}；它的日志在 offset ${end ?? '?'} 处结束，早于这条记录，所以 ${e.node} 上的副本被取代，会在它向新 leader 拉取时被截断。`,
      );
      if (unclean) {
        out.add(
          `unclean.leader.election.enable=false keeps out-of-sync replicas from becoming leader: the partition stays unavailable until an ISR member returns, and acknowledged writes survive.`,
          `设置 unclean.leader.election.enable=false 可以禁止不同步的副本成为 leader：分区会暂时不可用，直到 ISR 中的副本恢复，但已确认的写入不会丢失。`,
        );
      } else if (lostOnLeader) {
        out.add(
          `The ISR had shrunk to that one broker, so its unflushed log became the truth (fixed by KIP-966's eligible leader replicas). Flushing (flush.messages) or keeping min.insync.replicas followers in sync narrows that gap.`,
          `ISR 已缩小到只剩这一个 broker，于是它未刷盘的日志成了“真相”（KIP-966 的 eligible leader replicas 修复了这一点）。刷盘（flush.messages）或让至少 min.insync.replicas 个 follower 保持同步可以缩小这个窗口。`,
        );
      } else if (acks === '1' || acks === '0') {
        out.add(
          `With acks=${acks} the leader acknowledged before any follower had it. acks=all with min.insync.replicas=2 makes the acknowledgement wait until an in-sync follower holds the record, and only an in-sync replica can be elected.`,
          `在 acks=${acks} 下，leader 在任何 follower 拿到之前就确认了。若设置 acks=all 且 min.insync.replicas=2，确认会等到至少一个同步 follower 持有这条记录，而且只有同步副本才能当选 leader。`,
        );
      } else {
        out.add(
          `Only records below the high watermark are guaranteed to survive a leader change; acks=all waits for that.`,
          `只有高水位（high watermark）以下的记录才能保证在 leader 切换后保留；acks=all 正是等待这一点。`,
        );
      }
      return;
    }
    case 'committed-before-processing':
    case 'auto-commit-ahead': {
      const stop = stopVerb(cause);
      const when = cause?.at ?? e.at;
      if (reason === 'committed-before-processing') {
        out.add(
          `${e.node} committed the offset past it for ${group} before processing it, then ${stop.en} at ${t(when)}; the next owner of the partition starts at the committed offset and never reads it.`,
          `${e.node} 在处理它之前就为 ${group} 提交了越过它的 offset，随后在 ${t(when)} ${stop.zh}；分区的下一个消费者从已提交的 offset 开始读取，再也读不到它。`,
        );
        out.add(
          `Committing after processing (enable.auto.commit=false, commitSync after the work) gives at-least-once instead of at-most-once.`,
          `改为处理完成之后再提交（enable.auto.commit=false，处理后调用 commitSync），语义就从“至多一次”变为“至少一次”。`,
        );
      } else {
        out.add(
          `${e.node} had handed it to a worker thread; enable.auto.commit committed the offsets that poll() had returned, although the work was not done, and ${e.node} ${stop.en} at ${t(when)}.`,
          `${e.node} 已把它交给工作线程处理；enable.auto.commit 提交了 poll() 返回的 offset，可工作并没有完成，随后 ${e.node} 在 ${t(when)} ${stop.zh}。`,
        );
        out.add(
          `Auto-commit is at-least-once only when records are processed before the next poll(); with other threads, commit manually what the workers finished.`,
          `只有在下一次 poll() 之前处理完记录时，自动提交才是“至少一次”；若交给其他线程处理，应手动提交工作线程已完成的 offset。`,
        );
      }
      return;
    }
    case 'auto-offset-reset': {
      const how = dataStr(e, 'reset') ?? 'latest';
      out.add(
        `${group} had no valid committed offset, and auto.offset.reset=${how} moved ${e.node} past it at ${t(e.at)}.`,
        `${group} 没有有效的已提交 offset，auto.offset.reset=${how} 让 ${e.node} 在 ${t(e.at)} 跳过了它。`,
      );
      out.add(
        `auto.offset.reset=earliest starts from the oldest record still in the log.`,
        `设置 auto.offset.reset=earliest 会从日志中最早的记录开始读取。`,
      );
      return;
    }
    case 'aborted': {
      const how = cause?.kind === 'txn-abort' ? dataStr(cause, 'reason') : undefined;
      out.add(
        how === 'fenced-by-init'
          ? `Its transaction was aborted at ${t(cause?.at ?? e.at)}: a new producer instance with the same transactional.id called initTransactions(), which bumped the epoch, fenced the old instance and aborted its open transaction.`
          : `Its transaction was aborted at ${t(cause?.at ?? e.at)}: the coordinator wrote ABORT markers to the partitions it touched, so read_committed consumers skip it.`,
        how === 'fenced-by-init'
          ? `${t(cause?.at ?? e.at)} 它所在的事务被中止：一个使用相同 transactional.id 的新生产者实例调用了 initTransactions()，提升了 epoch，隔离（fence）了旧实例并中止了它未完成的事务。`
          : `${t(cause?.at ?? e.at)} 它所在的事务被中止：事务协调者向该事务涉及的分区写入了 ABORT 标记，read_committed 消费者会跳过它。`,
      );
      return;
    }
    case 'producer-crash-unsent': {
      const stop = stopVerb(cause);
      out.add(
        `It was still in ${e.node}'s memory (its record accumulator or an unanswered request) when ${e.node} ${stop.en} at ${t(cause?.at ?? e.at)}.`,
        `${t(cause?.at ?? e.at)} ${e.node} ${stop.zh}时，它还在生产者内存中（record accumulator 或尚未得到应答的请求）。`,
      );
      return;
    }
    default:
      return;
  }
}

/** A `net-drop` of a message-carrying protocol message. */
function netDropped(e: JournalEntry, v: ProducerView, out: Text, family: BrokerFamily): void {
  const [from, to] = linkEnds(e.node);
  const type = dataStr(e, 'type') ?? 'message';
  const r = netReason(e);
  out.add(
    `The network dropped the ${type} carrying it from ${from} to ${to} at ${t(e.at)} (${r.en}).`,
    `${t(e.at)} 网络丢弃了从 ${from} 发往 ${to} 的 ${type}（${r.zh}）。`,
  );
  if (type === 'publish' || type === 'produce' || type === 'send') {
    if (v.result === 'sent') {
      out.add(KNOBS[family].acks.en, KNOBS[family].acks.zh);
    }
  } else if (type === 'deliver') {
    out.add(
      `With manual acknowledgements (autoAck=false) the broker would have kept it and redelivered it.`,
      `若使用手动确认（autoAck=false），broker 会保留它并重新投递。`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// duplicated

function listDeliveries(ds: readonly DeliverOp[]): Bilingual {
  const shown = ds.slice(0, 4);
  const more = ds.length - shown.length;
  const en = shown.map((d) => `at ${t(d.at)} to ${d.consumer}`).join(', ');
  const zh = shown.map((d) => `${t(d.at)} 投递给 ${d.consumer}`).join('，');
  return {
    en: more > 0 ? `${en}, and ${more} more` : en,
    zh: more > 0 ? `${zh}，另有 ${more} 次` : zh,
  };
}

function duplicated(f: Facts, out: Text): void {
  const { a, ctx, label, grp } = f;
  const { deliveries, effectsApplied: applied, effectsAbsorbed: absorbed } = a.details;
  const ds = ctx.ops.deliveries;
  if (deliveries > 1) {
    const l = listDeliveries(ds);
    out.add(
      `${label.en} was delivered ${deliveries} times${grp.en} (${l.en}).`,
      `${label.zh}${grp.zh}被投递了 ${deliveries} 次（${l.zh}）。`,
    );
  } else {
    out.add(
      `${label.en} was processed ${applied} times${grp.en}.`,
      `${label.zh}${grp.zh}被处理了 ${applied} 次。`,
    );
  }

  // Why there was another copy: each mechanism the chain shows, in the order it happened.
  const firstDelivery = ds[0]?.at ?? -1;
  let said = false;

  const retry = f.own.find((e) => e.kind === 'publish-retry');
  const retrySend = ctx.ops.sends.find((s) => s.attempt > 0);
  const retryAt = retry?.at ?? retrySend?.at;
  if (retryAt !== undefined) {
    said = true;
    const lostConfirm = lastBefore(f, ['net-drop'], retryAt, isAckTraffic);
    const timeout = lastBefore(f, ['confirm-timeout'], retryAt);
    if (lostConfirm) {
      const [from] = linkEnds(lostConfirm.node);
      const type = dataStr(lostConfirm, 'type') ?? 'confirm';
      const r = netReason(lostConfirm);
      out.add(
        `The producer republished it at ${t(retryAt)} because its confirm never arrived: the network dropped the ${type} from ${from} at ${t(lostConfirm.at)} (${r.en}).`,
        `生产者在 ${t(retryAt)} 重发了它，因为确认一直没有到达：${t(lostConfirm.at)} 网络丢弃了 ${from} 发回的 ${type}（${r.zh}）。`,
      );
    } else if (timeout) {
      out.add(
        `The producer republished it at ${t(retryAt)} because its confirm never arrived (it stopped waiting at ${t(timeout.at)}).`,
        `生产者在 ${t(retryAt)} 重发了它，因为确认一直没有到达（${t(timeout.at)} 等待超时）。`,
      );
    } else {
      out.add(`The producer republished it at ${t(retryAt)}.`, `生产者在 ${t(retryAt)} 重发了它。`);
    }
  }

  const dup = f.own.find((e) => e.kind === 'net-duplicate');
  if (dup) {
    said = true;
    const [from, to] = linkEnds(dup.node);
    const type = dataStr(dup, 'type') ?? 'message';
    out.add(
      `The network duplicated the ${type} from ${from} to ${to} at ${t(dup.at)}.`,
      `${t(dup.at)} 网络把从 ${from} 发往 ${to} 的 ${type} 复制了一份。`,
    );
  }

  // Broker-side redelivery only explains a repeat when it came after the first delivery.
  const requeue = firstAfter(f, 'requeue', firstDelivery);
  if (requeue && dataStr(requeue, 'reason') === 'resume-from-committed-offset') {
    said = true;
    const cause = causeOf(f, requeue);
    const prev = dataStr(requeue, 'previous') ?? 'the previous consumer';
    const off = dataNum(requeue, 'offset');
    const part = dataNum(requeue, 'partition');
    const g = dataStr(requeue, 'group') ?? f.a.group;
    const why = cause
      ? {
          en: ` after ${cause.node} ${stopVerb(cause).en} at ${t(cause.at)} before committing it`,
          zh: `（${t(cause.at)} ${cause.node} 在提交之前${stopVerb(cause).zh}）`,
        }
      : { en: ' before its offset was committed', zh: '（它的 offset 尚未提交）' };
    out.add(
      `${requeue.node} resumed partition ${part ?? '?'} for ${g} from the last committed offset ${off ?? '?'} at ${t(requeue.at)}, behind what ${prev} had already been given${why.en}, so it read the record again.`,
      `${t(requeue.at)} ${requeue.node} 从最后提交的 offset ${off ?? '?'} 恢复 ${g} 的分区 ${part ?? '?'}，落后于 ${prev} 已经拿到的位置${why.zh}，于是再次读到了这条记录。`,
    );
    if (requeue.data?.autoCommit === true) {
      out.add(
        `With enable.auto.commit the offsets are committed only every auto.commit.interval.ms, at a later poll(): whatever was processed since the last auto-commit is read again after a crash.`,
        `开启 enable.auto.commit 时，offset 只会每隔 auto.commit.interval.ms 在之后的某次 poll() 中提交：崩溃后，自上次自动提交以来处理过的记录会被再次读取。`,
      );
    } else {
      out.add(
        `Committing after processing is at-least-once: a crash between processing and the commit repeats the work.`,
        `处理之后再提交是“至少一次”语义：在处理与提交之间崩溃会导致重复处理。`,
      );
    }
  } else if (requeue) {
    said = true;
    const cause = causeOf(f, requeue);
    const reason = dataStr(requeue, 'reason');
    const c =
      dataStr(requeue, 'consumer') ??
      (cause && cause.kind !== 'restart' ? cause.node : undefined) ??
      ds[0]?.consumer ??
      'the consumer';
    if (reason === 'channel-closed' || cause?.kind === 'crash' || cause?.kind === 'power-loss') {
      const ackLost = lastBefore(
        f,
        ['net-drop'],
        requeue.at,
        (e) => isAckTraffic(e) && linkEnds(e.node)[0] === c,
      );
      let whyEn = '';
      let whyZh = '';
      if (cause && (cause.kind === 'crash' || cause.kind === 'power-loss')) {
        const s = stopVerb(cause);
        whyEn = ` (${cause.node} ${s.en} at ${t(cause.at)})`;
        whyZh = `（${t(cause.at)} ${cause.node} ${s.zh}）`;
      } else if (ackLost) {
        const r = netReason(ackLost);
        whyEn = ` (the network dropped ${c}'s ack at ${t(ackLost.at)}: ${r.en})`;
        whyZh = `（${t(ackLost.at)} 网络丢弃了 ${c} 的确认：${r.zh}）`;
      }
      out.add(
        `${requeue.node} requeued it at ${t(requeue.at)} when consumer ${c}'s channel closed before its ack arrived${whyEn}.`,
        `${t(requeue.at)} ${requeue.node} 把它重新入队：消费者 ${c} 的 channel 在确认到达之前就关闭了${whyZh}。`,
      );
    } else {
      out.add(
        `${requeue.node} requeued it at ${t(requeue.at)}${reason ? ` (${reason})` : ''}.`,
        `${t(requeue.at)} ${requeue.node} 把它重新入队${reason ? `（${reason}）` : ''}。`,
      );
    }
  }

  const recover = firstAfter(f, 'recover', firstDelivery);
  if (recover) {
    said = true;
    const cause = causeOf(f, recover);
    const at = cause?.kind === 'restart' ? cause.at : recover.at;
    out.add(
      `${recover.node} recovered it from disk when it restarted at ${t(at)} because the ack had not been persisted.`,
      `${t(at)} ${recover.node} 重启时从磁盘恢复了它，因为之前的确认（ack）还没有持久化。`,
    );
  }

  if (!said) {
    const again = ds.find((d, i) => i > 0 && d.redelivered);
    if (again) {
      out.add(
        `The broker redelivered it at ${t(again.at)}; the journal does not record why.`,
        `${t(again.at)} broker 重新投递了它，但日志中没有记录原因。`,
      );
    } else {
      out.add(
        `The journal does not record why it was delivered again.`,
        `日志中没有记录它为何被再次投递。`,
      );
    }
  }

  // Whether the repeat did harm.
  if (applied > 1) {
    out.add(
      `It was processed ${applied} times, so the effect happened ${applied} times. An idempotent consumer (deduplicating by message id in the sink) would have absorbed the repeat.`,
      `它被处理了 ${applied} 次，效果也发生了 ${applied} 次。若消费者是幂等的（在 sink 中按消息 id 去重），重复的那次会被吸收。`,
    );
  } else if (absorbed > 0) {
    out.add(
      `The sink ignored the repeat, so there was no duplicate effect.`,
      `sink 忽略了重复的那一次，所以没有产生重复的效果。`,
    );
  } else if (applied === 1) {
    out.add(
      `Only one delivery was processed, so there was no duplicate effect.`,
      `只有一次投递被处理，所以没有产生重复的效果。`,
    );
  } else {
    out.add(`None of the deliveries was processed.`, `这几次投递都没有被处理。`);
  }
}

// ---------------------------------------------------------------------------------------------
// reordered

function reordered(f: Facts, out: Text): void {
  const { a, ctx, label, grp } = f;
  const after = a.details.after;
  const afterOps = ctx.after;
  const m = a.msg;
  const mEffect = ctx.ops.effects[0];
  const aEffect = afterOps?.effects[0];
  const times =
    mEffect && aEffect
      ? {
          en: `: #${after} at ${t(aEffect.at)}, #${m} at ${t(mEffect.at)}`,
          zh: `：#${after} 于 ${t(aEffect.at)} 处理，#${m} 于 ${t(mEffect.at)} 处理`,
        }
      : { en: '', zh: '' };
  const p = a.producer ?? 'the producer';
  out.add(
    `${label.en} was processed after message #${after}, which ${p} sent later${grp.en}${times.en}.`,
    `${label.zh}${grp.zh}在消息 #${after} 之后才被处理，而 ${p} 是先发送 #${m} 的${times.zh}。`,
  );

  // 1. A retry of this message that left after the later one: retry reordering (K10/K11).
  const afterFirstSend = afterOps?.sends[0]?.at;
  const retry = f.own.find((e) => e.kind === 'publish-retry' && touches(e, m));
  const retryAt = retry?.at ?? ctx.ops.sends.find((s) => s.attempt > 0)?.at;
  if (retryAt !== undefined && (afterFirstSend === undefined || afterFirstSend <= retryAt)) {
    const dropped = lastBefore(f, ['net-drop'], retryAt, (e) => touches(e, m) && !isAckTraffic(e));
    const timeout = lastBefore(f, ['confirm-timeout'], retryAt, (e) => touches(e, m));
    const failEn = dropped
      ? `was dropped by the network (${netReason(dropped).en})`
      : timeout
        ? 'timed out'
        : 'failed';
    const failZh = dropped ? `被网络丢弃（${netReason(dropped).zh}）` : timeout ? '超时' : '失败';
    const sentEn = afterFirstSend === undefined ? '' : ` at ${t(afterFirstSend)}`;
    const sentZh = afterFirstSend === undefined ? '' : `在 ${t(afterFirstSend)} `;
    out.add(
      `Its first publish ${failEn} and the producer retried it at ${t(retryAt)}, after #${after} had been sent${sentEn}, so the retry landed behind it.`,
      `它的第一次发送${failZh}，生产者在 ${t(retryAt)} 重试，而 #${after} 已${sentZh}发出，于是重试的消息排到了后面。`,
    );
    const ro = KNOBS[f.ctx.family ?? 'amqp'].retryOrder;
    out.add(ro.en, ro.zh);
    return;
  }

  const knob = KNOBS[f.ctx.family ?? 'amqp'].perKey;

  // 2. A redelivery of this message after the later one had gone ahead.
  const requeue = f.own.find((e) => e.kind === 'requeue' && touches(e, m));
  if (requeue) {
    const reason = dataStr(requeue, 'reason');
    out.add(
      `${requeue.node} requeued it at ${t(requeue.at)}${reason ? ` (${reason})` : ''}, and #${after} was processed in the meantime.`,
      `${t(requeue.at)} ${requeue.node} 把它重新入队${reason ? `（${reason}）` : ''}，与此同时 #${after} 已被处理。`,
    );
    out.add(knob.en, knob.zh);
    return;
  }

  // 3. Competing consumers.
  if (mEffect && aEffect && mEffect.consumer !== aEffect.consumer) {
    out.add(
      `They were processed by different consumers (${aEffect.consumer} and ${mEffect.consumer}) working in parallel.`,
      `它们由两个并行工作的消费者（${aEffect.consumer} 和 ${mEffect.consumer}）分别处理。`,
    );
    out.add(knob.en, knob.zh);
    return;
  }

  out.add(
    `#${after} reached the consumer first; the journal does not show what delayed #${m}.`,
    `#${after} 先到达了消费者；日志中没有显示 #${m} 为何被延后。`,
  );
}

// ---------------------------------------------------------------------------------------------
// unexpected, recovered

function unexpected(f: Facts, out: Text): void {
  const { a, ctx, label, grp } = f;
  const d = ctx.ops.deliveries[0];
  const where = d
    ? { en: ` to ${d.consumer} at ${t(d.at)}`, zh: `在 ${t(d.at)} 被投递给 ${d.consumer}` }
    : { en: '', zh: '被处理' };
  if (a.producer === null) {
    out.add(
      `${label.en} was delivered${where.en}${grp.en}, but no producer ever sent it.`,
      `${label.zh}${grp.zh}${where.zh}，但从来没有生产者发送过它。`,
    );
    out.add(
      `Every delivery must come from a send: this is a bug in the broker model, not a configuration choice (Jepsen calls it "unexpected").`,
      `每一次投递都必须来自某次发送：这是 broker 模型的缺陷，而不是配置问题（Jepsen 称之为 unexpected）。`,
    );
    return;
  }
  const v = viewOf(a);
  const err = v.error ?? v.result ?? 'error';
  const toldEn = v.at === null ? '' : ` at ${t(v.at)}`;
  const toldZh = v.at === null ? '' : `在 ${t(v.at)} `;
  out.add(
    `${label.en} was delivered${where.en}${grp.en} although the producer was told${toldEn} that the publish definitely failed (${err}).`,
    `${label.zh}${grp.zh}${where.zh}，但生产者${toldZh}得到的答复是发送确定失败（${err}）。`,
  );
  const abort = f.own.find((e) => e.kind === 'txn-abort');
  if (abort) {
    const fenced = dataStr(abort, 'reason') === 'fenced-by-init';
    out.add(
      fenced
        ? `Its transaction was aborted at ${t(abort.at)} by ${abort.node}, the transaction coordinator, when a newer producer instance with the same transactional.id initialised and fenced the old one; the ABORT marker went to partition(s) ${dataStr(abort, 'partitions') ?? '?'}.`
        : `Its transaction was aborted at ${t(abort.at)}: ${abort.node}, the transaction coordinator, wrote ABORT markers to partition(s) ${dataStr(abort, 'partitions') ?? '?'}.`,
      fenced
        ? `${t(abort.at)} 事务协调者 ${abort.node} 中止了它所在的事务：一个使用相同 transactional.id 的新生产者实例完成初始化并隔离了旧实例；ABORT 标记写入了分区 ${dataStr(abort, 'partitions') ?? '?'}。`
        : `${t(abort.at)} 事务协调者 ${abort.node} 中止了它所在的事务，并向分区 ${dataStr(abort, 'partitions') ?? '?'} 写入了 ABORT 标记。`,
    );
    out.add(
      `The consumer reads with isolation.level=read_uncommitted (Kafka's default), which returns every record up to the high watermark, those of aborted and still-open transactions included (Jepsen: aborted read, G1a). isolation.level=read_committed stops at the last stable offset and skips aborted records.`,
      `该消费者使用 isolation.level=read_uncommitted（Kafka 的默认值），它会返回高水位以下的所有记录，包括已中止和尚未完成的事务中的记录（Jepsen 称为 aborted read，G1a）。isolation.level=read_committed 只读到最后稳定位点（LSO），并跳过已中止的记录。`,
    );
    return;
  }
  const reject = lastBefore(f, ['reject']);
  if (reject) {
    out.add(
      `${reject.node} had rejected it at ${t(reject.at)}, yet a copy was still delivered.`,
      `${t(reject.at)} ${reject.node} 曾拒绝它，可仍有一份副本被投递了出去。`,
    );
  }
  out.add(
    `A definite failure must mean the broker did not keep it; here a consumer read a write its producer believes aborted (Jepsen: aborted read, G1a). If the broker can still store a message after this error, the client must report it as indeterminate (retriable), not as a definite failure.`,
    `确定失败意味着 broker 没有保留它；这里消费者却读到了生产者认为已中止的写入（Jepsen 称为 aborted read，G1a）。如果 broker 在这种错误之后仍可能存下消息，客户端就应把它报告为不确定（可重试），而不是确定失败。`,
  );
}

function recovered(f: Facts, out: Text): void {
  const { a, ctx, label, grp } = f;
  const v = viewOf(a);
  const d = ctx.ops.deliveries[0];
  const where = d
    ? { en: ` to ${d.consumer} at ${t(d.at)}`, zh: `在 ${t(d.at)} 被投递给 ${d.consumer}` }
    : { en: '', zh: '被投递' };
  const at = v.at ?? 0;
  const fail =
    v.result === 'timeout'
      ? { en: `the producer's publish timed out at ${t(at)}`, zh: `生产者的发送在 ${t(at)} 超时` }
      : {
          en: `the producer's publish failed at ${t(at)} with ${v.error ?? v.result ?? 'an error'}, an error that does not say whether the broker stored it`,
          zh: `生产者的发送在 ${t(at)} 以 ${v.error ?? v.result ?? '错误'} 失败，而这个错误并不能说明 broker 是否已存下它`,
        };
  out.add(
    `${label.en} was delivered${where.en}${grp.en} although ${fail.en}.`,
    `${label.zh}${grp.zh}${where.zh}，尽管${fail.zh}。`,
  );
  const lostAck = lastBefore(f, ['net-drop'], undefined, isAckTraffic);
  const stored = lastBefore(f, ['enqueue', 'write']);
  if (lostAck) {
    const [from] = linkEnds(lostAck.node);
    const type = dataStr(lostAck, 'type') ?? 'confirm';
    const r = netReason(lostAck);
    out.add(
      `The broker had stored it, but the network dropped the ${type} from ${from} at ${t(lostAck.at)} (${r.en}).`,
      `broker 其实已经存下了它，但 ${t(lostAck.at)} 网络丢弃了 ${from} 发回的 ${type}（${r.zh}）。`,
    );
  } else if (stored) {
    out.add(
      `${stored.node} had stored it at ${t(stored.at)}, but the answer did not reach the producer in time.`,
      `${stored.node} 已在 ${t(stored.at)} 存下了它，只是答复没有及时到达生产者。`,
    );
  }
  const what =
    v.result === 'timeout'
      ? { en: 'a timeout', zh: '超时' }
      : { en: 'an indeterminate error', zh: '不确定的错误' };
  out.add(
    `This is allowed: ${what.en} means "maybe stored", and the producer must treat it that way. If it retries, an idempotent producer or consumer keeps the retry from becoming a duplicate.`,
    `这是允许的：${what.zh}的含义是“可能已存储”，生产者必须按此处理。如果它重试，就需要幂等的生产者或消费者，避免重试变成重复消息。`,
  );
}
