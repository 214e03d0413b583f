/**
 * One sentence per journal entry, in Chinese and English: how the anomaly explorer tells the
 * chain of events behind a message as a story instead of raw records.
 *
 * Every `data.reason` code the models write gets words here; a code this module does not know yet
 * still gets a plain sentence (marked `generic`, so a test can catch it), never the code itself.
 * Real knob and protocol names (`acks`, `basic.ack`, `x-overflow`, `NOT_LEADER_OR_FOLLOWER`,
 * `session.timeout.ms`) are quoted as they are, because that is what a learner will meet at work.
 * Terms come from the glossary (`glossary.ts`).
 */
import { describeRocketMq } from './events-rocketmq';
import type { JournalEntry, JournalKind, MsgId } from '../check/history';
import { term, type TermKey } from './glossary';
import { wirePhrase } from './words';

/** A language of the UI. */
export type TextLang = 'zh' | 'en';

/** One text in both languages. */
export interface Bilingual {
  en: string;
  zh: string;
}

/** What a sentence needs from a journal entry (the worker's chain entries have this shape too). */
export type EventLike = Pick<JournalEntry, 'at' | 'kind' | 'node' | 'msgs' | 'data'>;

/** A sentence of both languages; `generic` when a reason code had no words of its own. */
export interface EventSentence extends Bilingual {
  generic: boolean;
}

type Data = Readonly<Record<string, string | number | boolean>>;

const P = (en: string, zh: string): Bilingual => ({ en, zh });
const g = (k: TermKey): Bilingual => P(term(k, 'en'), term(k, 'zh'));

/** A data field as text; undefined when absent or empty. */
function str(d: Data, k: string): string | undefined {
  const v = d[k];
  if (v === undefined || v === '') return undefined;
  return String(v);
}

function num(d: Data, k: string): number | undefined {
  const v = d[k];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** Virtual time as a learner reads it: `10.205 s` in English, `10.205s` in Chinese. */
export function timeText(atUs: number, lang: TextLang): string {
  const s = (atUs / 1e6).toFixed(3);
  return lang === 'en' ? `${s} s` : `${s}s`;
}

/** `a, b and c` / `a、b、c` from a comma-separated list; empty items are skipped. */
function listOf(csv: string | undefined): Bilingual {
  const items = (csv ?? '').split(',').filter((x) => x !== '');
  if (items.length === 0) return P('none', '无');
  const en =
    items.length === 1
      ? (items[0] as string)
      : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] as string}`;
  return P(en, items.join('、'));
}

/**
 * The messages an entry touched. With `focus` (the message whose story is told) a batch reads
 * "message #41 and 4 others", so the reader's message stays visible.
 */
function msgsOf(e: EventLike, focus?: MsgId): Bilingual {
  const ms = e.msgs ?? [];
  if (ms.length === 0) return P('', '');
  if (ms.length === 1) return P(`message #${ms[0] as number}`, `消息 #${ms[0] as number}`);
  if (focus !== undefined && ms.includes(focus)) {
    const others = ms.length - 1;
    return P(
      `message #${focus} and ${others} other${others === 1 ? '' : 's'}`,
      `消息 #${focus} 及另外 ${others} 条`,
    );
  }
  if (ms.length <= 3) {
    const ids = ms.map((m) => `#${m}`);
    return P(`messages ${listOf(ids.join(',')).en}`, `消息 ${ids.join('、')}`);
  }
  const first = ms[0] as number;
  const last = ms[ms.length - 1] as number;
  return P(
    `${ms.length} messages (#${first} … #${last})`,
    `${ms.length} 条消息（#${first} … #${last}）`,
  );
}

/** `(partition 0)`-style qualifiers; empty when the field is absent. */
function partitionOf(d: Data): Bilingual {
  const p = str(d, 'partition');
  return p === undefined ? P('', '') : P(`partition ${p}`, `分区 ${p}`);
}

/** A link node id `a->b` / `a<->b` as its two ends. */
function ends(node: string): { from: string; to: string } | null {
  const m = /^(.+?)(?:->|<->)(.+)$/.exec(node);
  return m ? { from: m[1] as string, to: m[2] as string } : null;
}

/** Words for a protocol message type on the wire (one table: `WIRE_WORDS`). */
function wireType(type: string | undefined): Bilingual {
  return wirePhrase(type);
}

/** Why a client connection or channel closed (`connectionLost` / `onClosed` reasons). */
function connectionReason(reason: string | undefined): Bilingual | null {
  switch (reason) {
    case 'heartbeat-timeout':
      return P('two heartbeats went unanswered', '连续两次心跳无响应');
    case 'channel-gone':
    case 'channel-closed':
      return P('the channel was closed', '信道（channel）被关闭');
    case 'broker-closed-connection':
      return P('the broker closed the connection', 'broker 关闭了连接');
    case 'connection-closed':
      return P('the connection closed', '连接已关闭');
    default:
      return null;
  }
}

/** Kafka error names with a few words of what they mean (names from the Kafka protocol). */
function kafkaError(code: string | undefined): Bilingual | null {
  switch (code) {
    case 'NOT_LEADER_OR_FOLLOWER':
      return P('the broker is no longer the partition leader', '该 broker 已不是分区 leader');
    case 'NOT_ENOUGH_REPLICAS':
      return P(
        'the ISR is smaller than min.insync.replicas',
        'ISR 中的副本数少于 min.insync.replicas',
      );
    case 'NOT_ENOUGH_REPLICAS_AFTER_APPEND':
      return P(
        'written on the leader, but too few replicas followed',
        '已写入 leader，但跟上的副本不足',
      );
    case 'OUT_OF_ORDER_SEQUENCE_NUMBER':
      return P('the sequence number does not follow the last one stored', '序列号与已写入的不连续');
    case 'INVALID_PRODUCER_EPOCH':
    case 'PRODUCER_FENCED':
      return P(
        'a newer producer with the same transactional.id took over',
        '同一 transactional.id 的新生产者已接管',
      );
    case 'COORDINATOR_NOT_AVAILABLE':
      return P('the transaction coordinator is unavailable', '事务协调器不可用');
    case 'REQUEST_TIMED_OUT':
      return P('no answer in time', '请求超时');
    case 'TRANSACTION_ABORTED':
      return P('the transaction was aborted', '事务已中止');
    case 'FENCED_LEADER_EPOCH':
      return P('the leader epoch is stale', 'leader epoch 已过期');
    case 'OFFSET_OUT_OF_RANGE':
      return P('the offset is no longer in the log', '该 offset 已不在日志中');
    case 'REBALANCE_IN_PROGRESS':
      return P('the group is rebalancing', '消费者组正在重平衡');
    case 'ILLEGAL_GENERATION':
    case 'UNKNOWN_MEMBER_ID':
      return P('the member is no longer in the group', '该成员已不在消费者组中');
    default:
      return null;
  }
}

/** `ERR (words)`, or the error name alone when it is a real protocol name without words here. */
function errorText(code: string | undefined): { text: Bilingual; known: boolean } {
  if (code === undefined) return { text: P('an error', '错误'), known: false };
  const w = kafkaError(code);
  if (w) return { text: P(`${code} (${w.en})`, `${code}（${w.zh}）`), known: true };
  // Upper-case codes are the real protocol's error names: quoting them is teaching, not leaking.
  return { text: P(code, code), known: /^[A-Z][A-Z_]+$/.test(code) };
}

/** `0:61,1:32` as "partition 0 → 61, partition 1 → 32". */
function offsetsOf(csv: string | undefined): Bilingual {
  const parts = (csv ?? '')
    .split(',')
    .map((x) => x.split(':'))
    .filter((x) => x.length === 2);
  if (parts.length === 0) return P('', '');
  return P(
    parts.map(([p, o]) => `partition ${p} → ${o}`).join(', '),
    parts.map(([p, o]) => `分区 ${p} → ${o}`).join('，'),
  );
}

/** `c1-0:[0,1] c2-0:[2]` as "c1-0 gets partitions 0, 1; c2-0 gets partition 2". */
function assignmentOf(desc: string | undefined): Bilingual {
  const rows = [...(desc ?? '').matchAll(/(\S+?):\[([^\]]*)\]/g)];
  if (rows.length === 0) return P('', '');
  const en = rows.map(([, m, ps]) => {
    const list = (ps ?? '').split(',').filter((x) => x !== '');
    if (list.length === 0) return `${m as string} gets no partition`;
    return `${m as string} gets partition${list.length > 1 ? 's' : ''} ${list.join(', ')}`;
  });
  const zh = rows.map(([, m, ps]) => {
    const list = (ps ?? '').split(',').filter((x) => x !== '');
    return list.length === 0
      ? `${m as string} 没有分到分区`
      : `${m as string} 分到分区 ${list.join('、')}`;
  });
  return P(en.join('; '), zh.join('；'));
}

/** Joins sentence parts, dropping empty ones, and closes the sentence. */
function sentence(en: string, zh: string): Bilingual {
  const close = (s: string, stop: string) => {
    const t = s
      .replace(/\s+/g, ' ')
      .replace(/ ([,.;:])/g, '$1')
      .trim();
    return /[.!?。！？]$/.test(t) ? t : t + stop;
  };
  const enText = close(en, '.');
  // Node ids keep their case ("broker-1 crashed."); a sentence opening with a word gets a capital.
  const cap = /^(message|messages|a|an|the|queue|group|exchange|transaction|partition|some)\b/.test(
    enText,
  )
    ? enText.charAt(0).toUpperCase() + enText.slice(1)
    : enText;
  // Chinese typesetting: a space between Chinese and Latin letters or digits ("消息 #41 丢失").
  const zhText = close(zh, '。')
    .replace(/([\u4e00-\u9fff])([A-Za-z0-9#"])/g, '$1 $2')
    .replace(/([A-Za-z0-9"])([\u4e00-\u9fff])/g, '$1 $2')
    .replace(/ {2,}/g, ' ');
  return P(cap, zhText);
}

/** A qualifier in brackets, or nothing. */
function paren(b: Bilingual): Bilingual {
  return P(b.en ? ` (${b.en})` : '', b.zh ? `（${b.zh}）` : '');
}

/** A quoted routing key; the empty key is shown as "". */
function keyText(k: string | undefined): string {
  return `"${k ?? ''}"`;
}

/** An exchange by name; the nameless one is the default exchange. */
function exchangeOf(x: string | undefined): Bilingual {
  return x === undefined
    ? P('the default exchange', '默认交换机')
    : P(`exchange ${x}`, `交换机 ${x}`);
}

type Out = Bilingual | null;

function drop(e: EventLike, d: Data, m: Bilingual): Out {
  const N = e.node;
  const q = str(d, 'queue') ?? '';
  const dl = d['deadLettered'] === true;
  const dlText = dl ? P(' and {{was}} dead-lettered', '，已成为死信') : P('', '');
  const afterDelete = d['afterDelete'] === true;
  switch (str(d, 'reason')) {
    case 'crash-unwritten':
      return sentence(
        `${m.en} on ${N} {{was}} lost: the crash came before {{it}} {{was}} written to disk`,
        `${N} 上的${m.zh}丢失：崩溃发生在写入磁盘之前`,
      );
    case 'crash-transient':
      return sentence(
        `${m.en} on ${N} {{was}} lost in the crash: transient messages (deliveryMode=1) live in memory only`,
        `${N} 上的${m.zh}在崩溃中丢失：非持久化消息（deliveryMode=1）只保存在内存中`,
      );
    case 'power-loss-unsynced':
      return sentence(
        `${m.en} on ${N} {{was}} lost with the ${term('pageCache', 'en')}: written but not yet fsynced when the power went`,
        `${N} 断电，${m.zh}随${term('pageCache', 'zh')}一起丢失：已写入但尚未${term('fsync', 'zh')}`,
      );
    case 'queue-deleted':
      return sentence(
        `${m.en} {{was}} lost: queue ${q} is not durable and did not survive ${N}'s restart`,
        `${m.zh}丢失：队列 ${q} 不是持久化队列（durable），${N} 重启后队列不复存在`,
      );
    case 'stale-connection':
      return sentence(
        `${N} ignored ${m.en}: it came on a connection opened before the broker restarted`,
        `${N} 忽略了${m.zh}：它来自 broker 重启之前建立的旧连接`,
      );
    case 'auto-ack-consumer-crash':
      return sentence(
        `${m.en} {{was}} lost: ${N} crashed with {{it.o}} in its buffer, and with auto-ack (autoAck) the broker had already deleted {{it.o}}`,
        `${m.zh}丢失：${N} 崩溃时消息还在缓冲区中，而自动确认（autoAck）下 broker 早已将其删除`,
      );
    case 'auto-ack-proxy-gone': {
      const c = str(d, 'consumer') ?? N;
      return sentence(
        `${m.en} {{was}} lost: ${c}'s channel was gone when {{it}} arrived, and with auto-ack (autoAck) no copy was kept`,
        `${m.zh}丢失：到达时 ${c} 的信道已断开，而自动确认（autoAck）下没有保留副本`,
      );
    }
    case 'auto-ack-processing-failed':
      return sentence(
        `${m.en} {{was}} lost: ${N} failed to process {{it.o}}, and with auto-ack (autoAck) nothing is delivered again`,
        `${m.zh}丢失：${N} 处理失败，而自动确认（autoAck）下不会重新投递`,
      );
    case 'not-on-new-leader': {
      const p = partitionOf(d);
      const leader = str(d, 'leader') ?? '';
      const epoch = str(d, 'epoch');
      const end = str(d, 'offset');
      const acks = str(d, 'acks');
      const unclean = d['unclean'] === true;
      return sentence(
        `${m.en} {{is}} not in the log of ${p.en}'s new leader ${leader}${epoch ? ` (epoch ${epoch})` : ''}${end ? `, which ends at offset ${end}` : ''}: {{it}} will be truncated away${unclean ? ' (an unclean leader election)' : ''}${acks ? `; {{it}} {{was}} written with acks=${acks}` : ''}`,
        `${p.zh}的新 leader ${leader}${epoch ? `（epoch ${epoch}）` : ''}${end ? `的日志止于 offset ${end}，` : ''}不包含${m.zh}，将被截断${unclean ? `（${term('uncleanElection', 'zh')}）` : ''}${acks ? `；写入时 acks=${acks}` : ''}`,
      );
    }
    case 'truncated': {
      const p = partitionOf(d);
      return sentence(
        `${N} truncated ${p.en} from offset ${str(d, 'offset') ?? '?'} to match leader ${str(d, 'leader') ?? ''}: ${m.en} {{is}} gone`,
        `${N} 从 offset ${str(d, 'offset') ?? '?'} 起截断${p.zh}，与 leader ${str(d, 'leader') ?? ''} 保持一致：${m.zh}被删除`,
      );
    }
    case 'aborted':
      return sentence(
        `${m.en} {{was}} discarded: the transaction was aborted`,
        `${m.zh}被丢弃：所属事务已中止`,
      );
    case 'queue-down':
      return sentence(
        `${m.en} could not be stored: the node of queue ${q} is down`,
        `${m.zh}无法写入：队列 ${q} 所在节点已宕机`,
      );
    case 'partition-leader-replaced':
      return sentence(
        `${m.en} {{was}} discarded: when the network partition healed, ${N}'s copy of queue ${q} gave way to the other side's`,
        `网络分区恢复后，${N} 上队列 ${q} 的副本让位于另一侧，${m.zh}被丢弃`,
      );
    case 'expired':
      return sentence(
        `${m.en} {{was}} removed from queue ${q} once expired${dlText.en}`,
        `${m.zh}过期后从队列 ${q} 中移除${dlText.zh}`,
      );
    case 'overflow-drop-head':
      return sentence(
        `${m.en} {{was}} removed from the head of full queue ${q} to make room (x-max-length)${dlText.en}`,
        `队列 ${q} 已满（x-max-length），为腾出空间从队首移除了${m.zh}${dlText.zh}`,
      );
    case 'consumer-rejected':
      return sentence(
        `${m.en} left queue ${q}: a consumer rejected {{it.o}} without requeue (basic.reject or basic.nack with requeue=false)${dlText.en}`,
        `${m.zh}离开队列 ${q}：被消费者拒绝且不重新入队（basic.reject 或 basic.nack，requeue=false）${dlText.zh}`,
      );
    case 'delivery-limit':
      return sentence(
        `${m.en} left queue ${q}: the delivery limit (x-delivery-limit) was reached${dlText.en}`,
        `${m.zh}达到投递次数上限（x-delivery-limit），离开队列 ${q}${dlText.zh}`,
      );
    case 'unroutable': {
      const x = exchangeOf(str(d, 'exchange'));
      const k = d['key'] === undefined ? undefined : String(d['key']);
      return sentence(
        `${N} dropped ${m.en}: ${x.en} had no matching binding${k !== undefined ? ` for routing key ${keyText(k)}` : ''}, and without mandatory nothing goes back to the producer`,
        `${N} 丢弃了${m.zh}：${x.zh}没有${k !== undefined ? `与路由键 ${keyText(k)} ` : ''}匹配的绑定，未设置 mandatory，消息不会退回${term('producer', 'zh')}`,
      );
    }
    case 'node-paused':
      return sentence(
        `${N} dropped ${m.en}: the node is paused (pause_minority) and serves no clients`,
        `${N} 丢弃了${m.zh}：节点处于暂停状态（pause_minority），不为客户端服务`,
      );
    case 'auto-delete':
      return afterDelete
        ? sentence(
            `${m.en} {{was}} dropped: routed to queue ${q}, which had been deleted when its last consumer left (auto-delete)`,
            `${m.zh}被丢弃：它被路由到的队列 ${q} 已在最后一个消费者离开时自动删除（auto-delete）`,
          )
        : sentence(
            `${m.en} {{was}} dropped: queue ${q} was deleted when its last consumer left (auto-delete)`,
            `${m.zh}被丢弃：最后一个消费者离开后，队列 ${q} 被自动删除（auto-delete）`,
          );
    case 'queue-expired':
      return sentence(
        `${m.en} {{was}} dropped: queue ${q} went unused for its x-expires time and was deleted`,
        `${m.zh}被丢弃：队列 ${q} 超过 x-expires 时间未被使用，已被删除`,
      );
    case 'exclusive-queue-deleted':
      return sentence(
        `${m.en} {{was}} dropped: exclusive queue ${q} was deleted when its owner's connection closed`,
        `${m.zh}被丢弃：独占队列 ${q} 在其所属连接关闭时被删除`,
      );
    case 'raft-uncommitted': {
      const from = str(d, 'from') ?? '';
      return sentence(
        `${m.en} {{was}} lost: a majority of ${term('quorumQueue', 'en')} ${q} had not committed {{it.o}} when its leader ${from} failed`,
        `${m.zh}丢失：leader ${from} 故障时，${term('quorumQueue', 'zh')} ${q} 的多数成员尚未提交它`,
      );
    }
    case 'unsynchronised-mirror-promoted':
      return sentence(
        `${m.en} {{was}} lost: ${N} took over queue ${q} as an unsynchronised mirror that did not have {{it.o}}`,
        `${m.zh}丢失：${N} 作为未同步的镜像接管了队列 ${q}，而该镜像上没有这条消息`,
      );
    case 'retention': {
      const p = partitionOf(d);
      const ms = num(d, 'retentionMs');
      const bytes = num(d, 'retentionBytes');
      const knobs = [
        ms !== undefined && ms >= 0 ? `retention.ms=${ms}` : '',
        bytes !== undefined && bytes >= 0 ? `retention.bytes=${bytes}` : '',
      ]
        .filter((x) => x !== '')
        .join(', ');
      return sentence(
        `${N} deleted ${m.en} from ${p.en} under its retention policy${knobs ? ` (${knobs})` : ''}`,
        `${N} 按保留策略从${p.zh}中删除了${m.zh}${knobs ? `（${knobs}）` : ''}`,
      );
    }
    case 'producer-crash-unsent':
      return sentence(
        `${m.en} {{was}} lost: ${N} crashed with {{it.o}} still in its send buffer, never sent`,
        `${m.zh}丢失：${N} 崩溃时消息还在发送缓冲区中，从未发出`,
      );
    case 'auto-offset-reset': {
      const p = partitionOf(d);
      const reset = str(d, 'reset') ?? 'latest';
      return sentence(
        `${N} skipped ${m.en} in ${p.en}: with no committed offset it started where auto.offset.reset=${reset} says`,
        `${N} 跳过了${p.zh}中的${m.zh}：没有已提交的 offset，按 auto.offset.reset=${reset} 决定起点`,
      );
    }
    case 'auto-commit-ahead': {
      const grp = str(d, 'group') ?? '';
      return sentence(
        `${m.en} {{was}} lost for group ${grp}: ${N} crashed before processing {{it.o}}, but auto-commit (enable.auto.commit) had already committed the offset`,
        `${term('consumerGroup', 'zh')} ${grp} 丢失了${m.zh}：${N} 在处理前崩溃，而自动提交（enable.auto.commit）已提交了对应的 offset`,
      );
    }
    case 'committed-before-processing': {
      const grp = str(d, 'group') ?? '';
      return sentence(
        `${m.en} {{was}} lost for group ${grp}: ${N} committed the offset before processing {{it.o}}, then crashed`,
        `${term('consumerGroup', 'zh')} ${grp} 丢失了${m.zh}：${N} 在处理之前就提交了 offset，随后崩溃`,
      );
    }
    default:
      return null;
  }
}

function requeue(e: EventLike, d: Data, m: Bilingual): Out {
  const N = e.node;
  const q = str(d, 'queue');
  const c = str(d, 'consumer') ?? '';
  const back = P(
    `${N} put ${m.en} back in ${q ? `queue ${q}` : 'the queue'}`,
    `${N} 把${m.zh}放回${q ? `队列 ${q}` : '队列'}`,
  );
  const why = (en: string, zh: string) => sentence(`${back.en}: ${en}`, `${back.zh}：${zh}`);
  switch (str(d, 'reason')) {
    case 'connection-closed':
      return why(`${c}'s connection closed before it acked`, `${c} 的连接在确认（ack）之前关闭了`);
    case 'consumer_timeout':
      return why(
        `${c} kept it unacked longer than consumer_timeout`,
        `${c} 持有未确认的消息超过了 consumer_timeout`,
      );
    case 'proxy-node-down':
      return why(`the node carrying ${c}'s channel went down`, `承载 ${c} 信道的节点宕机了`);
    case 'pause_minority':
      return why(
        `the node paused itself (pause_minority) and closed ${c}'s channel`,
        `节点自行暂停（pause_minority），关闭了 ${c} 的信道`,
      );
    case 'replaced-by-new-connection':
      return why(
        `${c} reconnected, so its old channel was closed`,
        `${c} 重新建立了连接，旧信道被关闭`,
      );
    case 'mirror-promotion':
      return why(
        `a mirror was promoted to leader and requeued every delivery not yet acknowledged`,
        `镜像被提升为主节点，所有尚未确认的投递都被重新入队`,
      );
    case 'nack':
      return why(
        `${c} rejected it with requeue=true (basic.nack)`,
        `${c} 以 requeue=true 拒绝了它（basic.nack）`,
      );
    case 'resume-from-committed-offset': {
      const p = partitionOf(d);
      const prev = str(d, 'previous');
      const off = str(d, 'offset') ?? '?';
      return sentence(
        `${c || N} resumes ${p.en} from the committed offset ${off}: ${m.en}${prev ? `, already handed to ${prev},` : ''} will be read again`,
        `${c || N} 从已提交的 offset ${off} 继续消费${p.zh}：${prev ? `之前已交给 ${prev} 的` : ''}${m.zh}会被再次读取`,
      );
    }
    default:
      return null;
  }
}

function remove(e: EventLike, d: Data, m: Bilingual): Out {
  const N = e.node;
  const q = str(d, 'queue');
  const inQ = P(q ? `queue ${q}` : 'its queue', q ? `队列 ${q}` : '队列');
  const reason = str(d, 'reason');
  if (reason === 'ack')
    return sentence(
      `${N} removed ${m.en} from ${inQ.en}: the consumer acked it (basic.ack)`,
      `${N} 收到消费确认（basic.ack），从${inQ.zh}中删除了${m.zh}`,
    );
  if (reason === 'auto-ack')
    return sentence(
      `${N} removed ${m.en} from ${inQ.en} as it delivered it: with auto-ack (autoAck) no ack is awaited`,
      `${N} 投递时即从${inQ.zh}中删除了${m.zh}：自动确认（autoAck）下不等待消费者确认`,
    );
  const why = connectionReason(reason);
  if (reason !== undefined && !why) return null;
  if (d['unprocessed'] === true || why)
    return sentence(
      `${N} let go of ${m.en}, received but not yet processed${why ? `: ${why.en}` : ''}; the broker still holds {{it.o}} unacked and will deliver {{it.o}} again`,
      `${N} 放弃了已收到但尚未处理的${m.zh}${why ? `：${why.zh}` : ''}；broker 仍持有这条未确认的消息，会重新投递`,
    );
  return sentence(`${N} removed ${m.en} from ${inQ.en}`, `${N} 从${inQ.zh}中删除了${m.zh}`);
}

function netDrop(e: EventLike, d: Data, m: Bilingual): Out {
  const l = ends(e.node);
  const from = l?.from ?? e.node;
  const to = l?.to ?? '';
  const what = wireType(str(d, 'type'));
  const carrying = m.en ? P(` carrying ${m.en}`, `，涉及${m.zh}`) : P('', '');
  const head = P(
    `The network dropped a ${what.en}${carrying.en} from ${from} to ${to}`,
    `网络丢弃了 ${from} 发往 ${to} 的${what.zh}${carrying.zh}`,
  );
  let why: Bilingual;
  switch (str(d, 'reason')) {
    case 'fault':
      why = P('the injected network fault took it', '被注入的网络故障丢弃');
      break;
    case 'partition':
      why = P('a network partition cuts that link', '网络分区切断了这条链路');
      break;
    case 'loss':
      why = P('random packet loss on the link', '链路随机丢包');
      break;
    case 'receiver-down':
      why = P(`${to} is down`, `${to} 已宕机`);
      break;
    default:
      return null;
  }
  return sentence(`${head.en}: ${why.en}`, `${head.zh}：${why.zh}`);
}

function reject(e: EventLike, d: Data, m: Bilingual): Out {
  const N = e.node;
  const q = str(d, 'queue') ?? '';
  const reason = str(d, 'reason');
  switch (reason) {
    case 'connection-closed':
      return sentence(
        `${N} could not publish ${m.en}: its connection was closed`,
        `${N} 无法发布${m.zh}：连接已关闭`,
      );
    case 'overflow-reject-publish':
      return sentence(
        `${N} refused ${m.en}: queue ${q} is full (x-overflow=reject-publish)`,
        `${N} 拒收了${m.zh}：队列 ${q} 已满（x-overflow=reject-publish）`,
      );
    case 'resource-locked':
      return sentence(
        `${N} refused the request: queue ${q} is exclusive to another connection (RESOURCE_LOCKED)`,
        `${N} 拒绝了请求：队列 ${q} 是另一个连接的独占队列（RESOURCE_LOCKED）`,
      );
    default: {
      const err = errorText(reason);
      if (!err.known) return null;
      const p = partitionOf(d);
      return sentence(
        `${m.en || 'A request'} was refused at ${N}${p.en ? ` for ${p.en}` : ''}: ${err.text.en}`,
        `${m.zh || '请求'}在 ${N}${p.zh ? `（${p.zh}）` : ''}被拒绝：${err.text.zh}`,
      );
    }
  }
}

function faultArmed(e: EventLike, d: Data): Out {
  const N = e.node;
  const kind = str(d, 'kind');
  switch (kind) {
    case 'crash': {
      const when = str(d, 'when');
      const w =
        when === 'before-process'
          ? P('before it processes its next message', '在处理下一条消息之前')
          : when === 'after-process'
            ? P(
                'after it processes its next message, before it acknowledges it',
                '在处理完下一条消息之后、确认之前',
              )
            : P('at its next message', '在收到下一条消息时');
      return sentence(
        `A crash of ${N} is armed: it will crash ${w.en}`,
        `已设定 ${N} 的崩溃：它将${w.zh}崩溃`,
      );
    }
    case 'drop':
    case 'duplicate':
    case 'delay': {
      const l = ends(N);
      const match = str(d, 'match');
      const what =
        match === 'any' || match === undefined
          ? P('messages', '消息')
          : match === 'ack'
            ? P('acknowledgements', '确认消息')
            : P(`${wireType(match).en} messages`, wireType(match).zh);
      const count = num(d, 'count') ?? 1;
      const act =
        kind === 'drop'
          ? P('dropped', '丢弃')
          : kind === 'duplicate'
            ? P('duplicated', '重复投递')
            : P('delayed', '延迟');
      return sentence(
        `A network fault is armed on ${l?.from ?? N} → ${l?.to ?? ''}: the next ${count} ${what.en} will be ${act.en}`,
        `已在 ${l?.from ?? N} → ${l?.to ?? ''} 上设定网络故障：接下来 ${count} 条${what.zh}将被${act.zh}`,
      );
    }
    case 'slow-consumer':
      return sentence(
        `${N} becomes slow: from now on each message takes longer to process`,
        `${N} 变慢：此后每条消息的处理耗时增加`,
      );
    case 'consumer_timeout': {
      const c = str(d, 'consumer') ?? '';
      return sentence(
        `${N} closed ${c}'s channel: it held a delivery unacked longer than consumer_timeout`,
        `${N} 关闭了 ${c} 的信道：它持有未确认的投递超过了 consumer_timeout`,
      );
    }
    default:
      return null;
  }
}

function rebalance(e: EventLike, d: Data): Out {
  const grp = str(d, 'group') ?? e.node;
  const G = P(`group ${grp}`, `${term('consumerGroup', 'zh')} ${grp}`);
  if (str(d, 'phase') === 'complete') {
    const a = assignmentOf(str(d, 'assignment'));
    const gen = str(d, 'generation');
    return sentence(
      `${G.en} finished its rebalance${gen ? ` (generation ${gen})` : ''}${a.en ? `: ${a.en}` : ''}`,
      `${G.zh}完成${term('rebalance', 'zh')}${gen ? `，进入 generation ${gen}` : ''}${a.zh ? `：${a.zh}` : ''}`,
    );
  }
  const who = str(d, 'members') ?? e.node;
  let why: Bilingual;
  switch (str(d, 'reason')) {
    case 'member-joined':
      why = P(`${who} joined`, `${who} 加入`);
      break;
    case 'member-rejoined':
      why = P(`${who} joined again`, `${who} 重新加入`);
      break;
    case 'member-left':
      why = P(`a member left`, `有成员离开`);
      break;
    case 'session.timeout.ms':
      why = P(
        'a member sent no heartbeat within session.timeout.ms',
        '有成员在 session.timeout.ms 内没有发送心跳',
      );
      break;
    case 'max.poll.interval.ms':
      return sentence(
        `${e.node} left ${G.en}: it did not poll within max.poll.interval.ms`,
        `${e.node} 未在 max.poll.interval.ms 内调用 poll，离开了${G.zh}`,
      );
    default:
      return null;
  }
  return sentence(
    `${G.en} started a rebalance: ${why.en}`,
    `${G.zh}开始${term('rebalance', 'zh')}：${why.zh}`,
  );
}

function assign(e: EventLike, d: Data): Out {
  const N = e.node;
  const p = partitionOf(d);
  const off = str(d, 'offset');
  if (str(d, 'reason') === 'log-truncation-detected')
    return sentence(
      `${N} found ${p.en}'s log truncated at offset ${off ?? '?'} and fetches again from there`,
      `${N} 发现${p.zh}的日志在 offset ${off ?? '?'} 处被截断，从那里重新拉取`,
    );
  const reset = str(d, 'reset');
  if (reset !== undefined && p.en)
    return sentence(
      `${N} starts ${p.en} at offset ${off ?? '?'} (no committed offset; auto.offset.reset=${reset})`,
      `${N} 从 offset ${off ?? '?'} 开始消费${p.zh}（没有已提交的 offset；auto.offset.reset=${reset}）`,
    );
  const parts = listOf(str(d, 'partitions'));
  const gen = str(d, 'generation');
  const grp = str(d, 'group') ?? '';
  return sentence(
    `${N} was assigned ${parts.en === 'none' ? 'no partition' : `partition${(str(d, 'partitions') ?? '').includes(',') ? 's' : ''} ${parts.en}`} of group ${grp}${gen ? ` (generation ${gen})` : ''}`,
    `${N} 在${term('consumerGroup', 'zh')} ${grp} 中${parts.en === 'none' ? '没有分到分区' : `分到分区 ${parts.zh}`}${gen ? `（generation ${gen}）` : ''}`,
  );
}

function txnEnd(e: EventLike, d: Data, m: Bilingual, commit: boolean): Out {
  const N = e.node;
  const txId = str(d, 'txId');
  const reason = str(d, 'reason');
  if (txId !== undefined || reason === 'tx.rollback') {
    // AMQP transactions: tx.commit / tx.rollback on a channel.
    return commit
      ? sentence(
          `${N} committed transaction ${txId ?? ''} (tx.commit)${m.en ? ` with ${m.en}` : ''}`,
          `${N} 提交了事务 ${txId ?? ''}（tx.commit）${m.zh ? `，包含${m.zh}` : ''}`,
        )
      : sentence(
          `Transaction ${txId ?? ''} was rolled back (tx.rollback)${m.en ? `: ${m.en} {{is}} discarded` : ''}`,
          `事务 ${txId ?? ''} 被回滚（tx.rollback）${m.zh ? `：${m.zh}被丢弃` : ''}`,
        );
  }
  const owner = str(d, 'owner') ?? '';
  const grp = str(d, 'group');
  if (commit)
    return sentence(
      `${owner}'s transaction was committed on ${N}${m.en ? `: ${m.en} become{{s}} visible to read_committed consumers` : ''}${grp ? `, with group ${grp}'s offsets` : ''}`,
      `${owner} 的事务在 ${N} 上提交${m.zh ? `：${m.zh}对 read_committed 消费者可见` : ''}${grp ? `，并一起提交了${term('consumerGroup', 'zh')} ${grp} 的 offset` : ''}`,
    );
  const why =
    reason === 'fenced-by-init'
      ? P(
          'a newer instance with the same transactional.id called initTransactions',
          '同一 transactional.id 的新实例调用了 initTransactions',
        )
      : reason === 'end-txn' || reason === undefined
        ? P(`${owner} aborted it`, `${owner} 主动中止`)
        : null;
  if (!why) return null;
  return sentence(
    `${owner}'s transaction was aborted on ${N} (${why.en})${m.en ? `: ${m.en} will never be visible to read_committed consumers` : ''}`,
    `${owner} 的事务在 ${N} 上中止（${why.zh}）${m.zh ? `：${m.zh}永远不会被 read_committed 消费者看到` : ''}`,
  );
}

function fence(e: EventLike, d: Data, m: Bilingual): Out {
  const N = e.node;
  const reason = str(d, 'reason');
  const tid = str(d, 'transactionalId') ?? '';
  switch (reason) {
    case 'broker.session.timeout.ms': {
      const b = str(d, 'broker') ?? '';
      return sentence(
        `The controller fenced ${b}: no heartbeat from it within broker.session.timeout.ms`,
        `控制器隔离了 ${b}：它在 broker.session.timeout.ms 内没有心跳`,
      );
    }
    case 'init-transactions':
      return sentence(
        `${N} raised the epoch of transactional.id ${tid} to ${str(d, 'epoch') ?? '?'}: the previous instance${str(d, 'previous') ? ` (${str(d, 'previous') as string})` : ''} is fenced off`,
        `${N} 把 transactional.id ${tid} 的 epoch 提升到 ${str(d, 'epoch') ?? '?'}：之前的实例${str(d, 'previous') ? `（${str(d, 'previous') as string}）` : ''}被隔离`,
      );
    case 'sequence-reset': {
      const p = partitionOf(d);
      return sentence(
        `${N} reset its sequence numbers for ${p.en} after OUT_OF_ORDER_SEQUENCE_NUMBER`,
        `${N} 在收到 OUT_OF_ORDER_SEQUENCE_NUMBER 后重置了${p.zh}的序列号`,
      );
    }
    default: {
      const err = errorText(reason);
      if (!err.known) return null;
      return sentence(
        `${N} was fenced (${err.text.en})${m.en ? `: ${m.en} fail{{s}}` : ''}`,
        `${N} 被隔离（${err.text.zh}）${m.zh ? `：${m.zh}发送失败` : ''}`,
      );
    }
  }
}

function partition(e: EventLike, d: Data): Out {
  const N = e.node;
  const down = str(d, 'peerDown');
  if (down !== undefined)
    return sentence(`${N} lost contact with ${down}`, `${N} 与 ${down} 失去联系`);
  if (str(d, 'autoheal') !== undefined) {
    const w = listOf(str(d, 'winner'));
    return sentence(
      `${N} lost the autoheal vote and restarts; the winning side is ${w.en}`,
      `${N} 在 autoheal 中落败，将重启；胜出的一侧是 ${w.zh}`,
    );
  }
  const split = /^\[(.*)\]\|\[(.*)\]$/.exec(N);
  if (split) {
    const a = listOf(split[1]);
    const b = listOf(split[2]);
    return sentence(
      `The network split ${a.en} from ${b.en}`,
      `网络分区：${a.zh} 与 ${b.zh} 之间断开`,
    );
  }
  const l = ends(N);
  if (!l) return null;
  return d['oneWay'] === true
    ? sentence(
        `The network cut the link ${l.from} → ${l.to} (one way)`,
        `网络切断了 ${l.from} → ${l.to} 的链路（单向）`,
      )
    : sentence(
        `The network cut the link between ${l.from} and ${l.to}`,
        `网络切断了 ${l.from} 与 ${l.to} 之间的链路`,
      );
}

function heal(e: EventLike, d: Data): Out {
  const up = str(d, 'peerUp');
  if (up !== undefined)
    return sentence(`${e.node} sees ${up} again`, `${e.node} 重新与 ${up} 取得联系`);
  if (e.node === '*')
    return sentence(
      'The network healed: every cut link works again',
      '网络恢复：所有断开的链路重新连通',
    );
  const l = ends(e.node);
  if (!l) return null;
  return sentence(
    `The link between ${l.from} and ${l.to} works again`,
    `${l.from} 与 ${l.to} 之间的链路恢复`,
  );
}

function expire(d: Data, m: Bilingual): Out {
  const q = str(d, 'queue') ?? '';
  const deleted = str(d, 'deleted');
  const c = str(d, 'consumer') ?? '';
  switch (deleted) {
    case undefined:
      return sentence(
        `${m.en || 'A message'} expired in queue ${q} (its TTL ran out)`,
        `${m.zh || '消息'}在队列 ${q} 中过期（TTL 到期）`,
      );
    case 'queue-expired': {
      const ms = num(d, 'xExpiresMs');
      return sentence(
        `Queue ${q} went unused for ${ms !== undefined ? `x-expires=${ms} ms` : 'its x-expires time'} and was deleted`,
        `队列 ${q} 超过 ${ms !== undefined ? `x-expires=${ms} ms` : 'x-expires 时间'}未被使用，已被删除`,
      );
    }
    case 'auto-delete':
      return sentence(
        `Queue ${q} was deleted: its last consumer${c ? ` ${c}` : ''} left (auto-delete)`,
        `队列 ${q} 被删除：最后一个消费者${c ? ` ${c} ` : ''}已离开（auto-delete）`,
      );
    case 'exclusive-queue-deleted':
      return sentence(
        `Exclusive queue ${q} was deleted: its owner${c ? ` ${c}` : ''}'s connection closed`,
        `独占队列 ${q} 被删除：其所属连接${c ? `（${c}）` : ''}已关闭`,
      );
    default:
      return null;
  }
}

function deadLetter(e: EventLike, d: Data, m: Bilingual): Out {
  const from = str(d, 'from') ?? '';
  const to = listOf(str(d, 'to'));
  const x = exchangeOf(str(d, 'exchange'));
  let why: Bilingual;
  switch (str(d, 'reason')) {
    case 'expired':
      why = P('it expired', '消息过期');
      break;
    case 'maxlen':
      why = P('the queue was full', '队列已满');
      break;
    case 'rejected':
      why = P('a consumer rejected it without requeue', '被消费者拒绝且不重新入队');
      break;
    case 'delivery_limit':
      why = P('it reached the delivery limit', '达到投递次数上限');
      break;
    default:
      return null;
  }
  return sentence(
    `${e.node} dead-lettered ${m.en} from queue ${from} through ${x.en} to ${to.en} (${why.en})`,
    `队列 ${from} 中的${m.zh}${term('deadLettered', 'zh')}，由 ${e.node} 经${x.zh}投递到${term('deadLetterQueue', 'zh')} ${to.zh}（原因：${why.zh}）`,
  );
}

function confirmReceived(e: EventLike, d: Data, m: Bilingual): Bilingual {
  const N = e.node;
  if (d['ok'] === false)
    return sentence(
      `${N} got a negative confirm (basic.nack) for ${m.en}: the broker did not take it`,
      `${N} 收到${m.zh}的否定确认（basic.nack）：broker 没有接收它`,
    );
  if (d['tx'] === true)
    return sentence(
      `${N} got tx.commit-ok: the broker took ${m.en}`,
      `${N} 收到 tx.commit-ok：broker 已接收${m.zh}`,
    );
  const off = str(d, 'offset');
  if (off !== undefined) {
    const p = partitionOf(d);
    return sentence(
      `${N} got the acknowledgement for ${m.en}: stored in ${p.en} at offset ${off}`,
      `${N} 收到${m.zh}的确认：已写入${p.zh}的 offset ${off}`,
    );
  }
  return sentence(
    `${N} got the ${term('publisherConfirm', 'en')} for ${m.en}`,
    `${N} 收到${m.zh}的${term('publisherConfirm', 'zh')}`,
  );
}

function confirmSent(e: EventLike, d: Data, m: Bilingual): Bilingual {
  const N = e.node;
  const to = str(d, 'to') ?? '';
  if (d['ok'] === false)
    return sentence(
      `${N} answered ${to} with a negative confirm (basic.nack) for ${m.en}`,
      `${N} 向 ${to} 发送了${m.zh}的否定确认（basic.nack）`,
    );
  if (d['tx'] === true)
    return sentence(
      `${N} committed ${to}'s transaction with ${m.en} (tx.commit-ok)`,
      `${N} 提交了 ${to} 的事务，包含${m.zh}（tx.commit-ok）`,
    );
  const off = str(d, 'offset');
  if (off !== undefined) {
    const p = partitionOf(d);
    return sentence(
      `${N} acknowledged ${m.en} to ${to} (${p.en}, offset ${off})`,
      `${N} 向 ${to} 确认了${m.zh}（${p.zh}，offset ${off}）`,
    );
  }
  return sentence(
    `${N} sent ${to} the ${term('publisherConfirm', 'en')} for ${m.en}`,
    `${N} 向 ${to} 发送了${m.zh}的${term('publisherConfirm', 'zh')}`,
  );
}

function sinkOf(kind: string | undefined): Bilingual {
  switch (kind) {
    case 'unique-key':
      return P('a unique key', '唯一键');
    case 'set':
      return P('a set', '集合写入');
    case 'dedup-table':
      return P('a dedup table', '去重表');
    case 'insert':
      return P('a plain insert', '普通插入');
    default:
      return P('the sink', '写入目标');
  }
}

function promote(e: EventLike, d: Data): Bilingual {
  const N = e.node;
  const q = str(d, 'queue') ?? '';
  if (d['demoted'] === true)
    return sentence(
      `${N} stepped down as leader of queue ${q}: ${str(d, 'leader') ?? ''} leads it now`,
      `${N} 不再是队列 ${q} 的 leader，改由 ${str(d, 'leader') ?? ''} 担任`,
    );
  const from = str(d, 'from');
  const type = str(d, 'type');
  const kind =
    type === 'quorum'
      ? g('quorumQueue')
      : type === 'mirrored'
        ? g('mirroredQueue')
        : type === 'classic'
          ? g('classicQueue')
          : P('queue', '队列');
  const synced =
    d['synced'] === false
      ? P(
          '; it was not synchronised, so what it lacked is gone',
          '；它未完成同步，缺少的消息随之丢失',
        )
      : d['synced'] === true
        ? P('; it was synchronised', '；它已完成同步')
        : P('', '');
  return sentence(
    `${N} became leader of ${kind.en} ${q}${from ? ` in place of ${from}` : ''}${synced.en}`,
    `${N}${from ? ` 接替 ${from}` : ''} 成为${kind.zh} ${q} 的 leader${synced.zh}`,
  );
}

function leaderElected(d: Data): Bilingual {
  const p = partitionOf(d);
  const leader = str(d, 'leader');
  if (leader === undefined || leader === 'none')
    return sentence(
      `${p.en || 'The partition'} has no leader: no eligible replica is alive`,
      `${p.zh || '分区'}没有 leader：没有可当选的存活副本`,
    );
  const epoch = str(d, 'epoch');
  const unclean = d['unclean'] === true;
  // The log end is optional: the lead engineer's chain records may add it (`leo` or `logEnd`).
  const end = str(d, 'leo') ?? str(d, 'logEnd');
  return sentence(
    `${leader} was elected leader of ${p.en}${epoch ? ` (epoch ${epoch})` : ''}${unclean ? ` in an ${term('uncleanElection', 'en')}: it was not in the ISR` : ''}${end ? `; its log ends at offset ${end}` : ''}`,
    `${leader} 当选${p.zh}的 leader${epoch ? `（epoch ${epoch}）` : ''}${unclean ? `，这是一次${term('uncleanElection', 'zh')}` : ''}${end ? `，它的日志止于 offset ${end}` : ''}`,
  );
}

/** English agreement with the entry's messages: `{{was}}`, `{{is}}`, `{{it}}`, `{{it.o}}`, `{{s}}`. */
function agree(en: string, plural: boolean): string {
  return en.replace(/\{\{(was|is|it|it\.o|s)\}\}/g, (_, w: string) => {
    switch (w) {
      case 'was':
        return plural ? 'were' : 'was';
      case 'is':
        return plural ? 'are' : 'is';
      case 'it':
        return plural ? 'they' : 'it';
      case 'it.o':
        return plural ? 'them' : 'it';
      default:
        return plural ? '' : 's';
    }
  });
}

/**
 * The sentence for one journal entry in both languages, without its time. `focus` is the message
 * whose story is being told: batches then name it first.
 */
export function describeEvent(e: EventLike, focus?: MsgId): EventSentence {
  const d: Data = e.data ?? {};
  const m = msgsOf(e, focus);
  const N = e.node;
  const p = partitionOf(d);
  const out = ((): Out => {
    const rocket = describeRocketMq(e, { en: m.en, zh: m.zh });
    if (rocket) return rocket;
    const kind: JournalKind = e.kind;
    switch (kind) {
      case 'publish':
        if (d['forwarded'] === true)
          return sentence(
            `${N} forwarded ${m.en} to queue ${str(d, 'to') ?? ''}${d['again'] === true ? ' again' : ''}`,
            `${N} ${d['again'] === true ? '再次' : ''}把${m.zh}转发到队列 ${str(d, 'to') ?? ''}`,
          );
        return sentence(
          `${N} sent ${m.en}${str(d, 'to') ? ` to ${str(d, 'to') as string}` : ''}${p.en ? ` (${p.en})` : ''}`,
          `${N} 把${m.zh}发给 ${str(d, 'to') ?? 'broker'}${paren(p).zh}`,
        );
      case 'publish-retry':
        if (d['proxy'] === true) {
          const q = str(d, 'queue') ?? '';
          return sentence(
            `${N} forwarded ${m.en} to ${str(d, 'to') ?? ''}, the node of queue ${q} (a hop inside the cluster, not a new publish)`,
            `${N} 把${m.zh}转发给队列 ${q} 所在的节点 ${str(d, 'to') ?? ''}（集群内部转发，不是重新发布）`,
          );
        }
        return sentence(
          `${N} sent ${m.en} again (retry ${str(d, 'attempt') ?? '?'})${str(d, 'to') ? ` to ${str(d, 'to') as string}` : ''}${p.en ? ` (${p.en})` : ''}`,
          `${N} 重新发送${m.zh}（第 ${str(d, 'attempt') ?? '?'} 次重试）到 ${str(d, 'to') ?? 'broker'}${paren(p).zh}`,
        );
      case 'confirm-received':
        return confirmReceived(e, d, m);
      case 'confirm-timeout': {
        const err = str(d, 'error');
        if (err !== undefined)
          return sentence(
            `${N}'s request for ${m.en} got no answer in time (${err}): it cannot know whether {{it}} {{was}} stored`,
            `${N} 发送${m.zh}的请求没有及时得到响应（${err}），无法确定是否已写入`,
          );
        const reason = str(d, 'reason');
        if (reason !== undefined) {
          const why = connectionReason(reason);
          if (!why) return null;
          return sentence(
            `${N} lost its connection (${why.en}) before the confirm for ${m.en} came: it cannot know whether the broker stored {{it.o}}`,
            `${N} 在收到${m.zh}的确认之前断开了连接（${why.zh}），无法确定 broker 是否已存储`,
          );
        }
        return sentence(
          `${N} waited too long for the confirm of ${m.en}: it cannot know whether the broker stored {{it.o}}`,
          `${N} 等待${m.zh}的确认超时，无法确定 broker 是否已存储`,
        );
      }
      case 'net-drop':
        return netDrop(e, d, m);
      case 'net-duplicate': {
        const l = ends(N);
        const w = wireType(str(d, 'type'));
        return sentence(
          `The network delivered a ${w.en}${m.en ? ` carrying ${m.en}` : ''} from ${l?.from ?? N} to ${l?.to ?? ''} twice`,
          `网络把 ${l?.from ?? N} 发往 ${l?.to ?? ''} 的${w.zh}${m.zh ? `（${m.zh}）` : ''}重复投递了一次`,
        );
      }
      case 'net-delay': {
        const l = ends(N);
        const w = wireType(str(d, 'type'));
        const us = num(d, 'delayUs');
        const ms = us !== undefined ? `${Math.round(us / 100) / 10} ms` : '';
        return sentence(
          `The network held back a ${w.en}${m.en ? ` carrying ${m.en}` : ''} from ${l?.from ?? N} to ${l?.to ?? ''}${ms ? ` by ${ms}` : ''}`,
          `网络把 ${l?.from ?? N} 发往 ${l?.to ?? ''} 的${w.zh}${m.zh ? `（${m.zh}）` : ''}延迟${ms ? ` ${ms}` : ''}送达`,
        );
      }
      case 'enqueue': {
        const q = str(d, 'queue') ?? '';
        const per =
          d['persistent'] === true
            ? P(' (persistent)', '（持久化消息）')
            : d['persistent'] === false
              ? P(' (transient: memory only)', '（非持久化消息，只在内存中）')
              : P('', '');
        return sentence(
          `${N} put ${m.en} in queue ${q}${per.en}`,
          `${N} 把${m.zh}放入队列 ${q}${per.zh}`,
        );
      }
      case 'reject':
        return reject(e, d, m);
      case 'write': {
        const r = num(d, 'records');
        return sentence(
          `${N} wrote ${m.en || `${r ?? 'some'} record${r === 1 ? '' : 's'}`} to its store, still in the ${term('pageCache', 'en')}: not yet fsynced`,
          `${N} 把${m.zh || `${r ?? ''} 条记录`}写入存储，仍在${term('pageCache', 'zh')}中，尚未刷盘`,
        );
      }
      case 'fsync':
        return sentence(
          `${N} fsynced its store${m.en ? `: ${m.en} {{is}} now on disk` : `: records up to ${str(d, 'syncedRecords') ?? '?'} are on disk`}`,
          `${N} 完成${term('fsync', 'zh')}${m.zh ? `：${m.zh}已落盘` : `：前 ${str(d, 'syncedRecords') ?? '?'} 条记录已落盘`}`,
        );
      case 'confirm-sent':
        return confirmSent(e, d, m);
      case 'dispatch': {
        const q = str(d, 'queue');
        const c = str(d, 'consumer') ?? '';
        const re =
          d['redelivered'] === true ? P(', again (redelivered)', '（重新投递）') : P('', '');
        const aa =
          d['autoAck'] === true
            ? P(' with auto-ack (autoAck)', '，自动确认（autoAck）')
            : P('', '');
        return sentence(
          `${N} delivered ${m.en}${q ? ` from queue ${q}` : ''} to ${c}${re.en}${aa.en}`,
          `${N} 把${q ? `队列 ${q} 中的` : ''}${m.zh}投递给 ${c}${re.zh}${aa.zh}`,
        );
      }
      case 'requeue':
        return requeue(e, d, m);
      case 'remove':
        return remove(e, d, m);
      case 'drop':
        return drop(e, d, m);
      case 'receive':
        return sentence(
          `${N} received ${m.en}${d['redelivered'] === true ? ' (redelivered)' : ''}`,
          `${N} 收到${m.zh}${d['redelivered'] === true ? '（重新投递）' : ''}`,
        );
      case 'process':
        if (str(d, 'from') !== undefined)
          return sentence(
            `${N} processed ${m.en} from queue ${str(d, 'from') ?? ''}, after a later message of its key had been processed from queue ${str(d, 'ahead') ?? ''}`,
            `${N} 从队列 ${str(d, 'from') ?? ''} 处理了${m.zh}，而同一个 key 后面的消息已经从队列 ${str(d, 'ahead') ?? ''} 处理完了`,
          );
        if (d['repeat'] === true)
          return sentence(
            `${N} processed ${m.en} again: it was forwarded twice`,
            `${N} 又处理了一次${m.zh}：它被转发了两次`,
          );
        if (str(d, 'ahead') !== undefined)
          return sentence(
            `${N} processed ${m.en} in worker ${str(d, 'worker') ?? ''}, after worker ${str(d, 'ahead') ?? ''} had processed a later message of its key`,
            `${N} 在工作线程 ${str(d, 'worker') ?? ''} 里处理了${m.zh}，而工作线程 ${str(d, 'ahead') ?? ''} 已经先处理了同一个 key 后面的消息`,
          );
        return d['applied'] === false
          ? sentence(
              `${N} processed ${m.en}; ${sinkOf(str(d, 'sink')).en} absorbed it as a repeat, with no new effect`,
              `${N} 处理了${m.zh}；${sinkOf(str(d, 'sink')).zh}识别出重复，没有产生新的效果`,
            )
          : sentence(`${N} processed ${m.en}`, `${N} 处理了${m.zh}`);
      case 'ack-sent': {
        const offs = offsetsOf(str(d, 'offsets'));
        if (offs.en) {
          const grp = str(d, 'group') ?? '';
          const auto = d['auto'] === true ? P(' (auto-commit)', '（自动提交）') : P('', '');
          return sentence(
            `${N} committed offsets for group ${grp}${auto.en}: ${offs.en}`,
            `${N} 为${term('consumerGroup', 'zh')} ${grp} 提交 offset${auto.zh}：${offs.zh}`,
          );
        }
        return sentence(`${N} acked ${m.en} (basic.ack)`, `${N} 确认了${m.zh}（basic.ack）`);
      }
      case 'append': {
        const epoch = str(d, 'epoch');
        const acks = str(d, 'acks');
        const q = [epoch ? `leader epoch ${epoch}` : '', acks ? `acks=${acks}` : '']
          .filter((x) => x)
          .join(', ');
        return sentence(
          `${N} appended ${m.en} to ${p.en} at offset ${str(d, 'offset') ?? '?'}${q ? ` (${q})` : ''}`,
          `${N} 把${m.zh}追加到${p.zh}的 offset ${str(d, 'offset') ?? '?'}${q ? `（${q.replace(', ', '，')}）` : ''}`,
        );
      }
      case 'fetch':
        return sentence(
          `${N} fetched ${m.en}${p.en ? ` from ${p.en}` : ''}`,
          `${N} 拉取了${p.zh ? `${p.zh}的` : ''}${m.zh}`,
        );
      case 'replicate': {
        const from = str(d, 'from') ?? '';
        return sentence(
          `${N} copied ${m.en} of ${p.en} from leader ${from}`,
          `${N} 从 leader ${from} 复制了${p.zh}的${m.zh}`,
        );
      }
      case 'hw-advance':
        return sentence(
          `${N}: the ${term('highWatermark', 'en')} of ${p.en} moved to ${str(d, 'hw') ?? '?'}; records below it are committed`,
          `${N}：${p.zh}的${term('highWatermark', 'zh')}推进到 ${str(d, 'hw') ?? '?'}，其下的记录已提交`,
        );
      case 'truncate':
        return sentence(
          `${N} truncated ${p.en} from offset ${str(d, 'offset') ?? '?'} to match leader ${str(d, 'leader') ?? ''}${m.en ? `: ${m.en} removed` : ''}`,
          `${N} 从 offset ${str(d, 'offset') ?? '?'} 起截断${p.zh}，与 leader ${str(d, 'leader') ?? ''} 保持一致${m.zh ? `：删除了${m.zh}` : ''}`,
        );
      case 'leader-elected':
        return leaderElected(d);
      case 'isr-shrink': {
        const removed = listOf(str(d, 'removed'));
        const isr = listOf(str(d, 'isr'));
        return sentence(
          `${removed.en} left the ISR of ${p.en}; the ISR is now ${isr.en}`,
          `${removed.zh} 被移出${p.zh}的 ISR，ISR 现为 ${isr.zh}`,
        );
      }
      case 'isr-expand': {
        const added = listOf(str(d, 'added'));
        const isr = listOf(str(d, 'isr'));
        return sentence(
          `${added.en} joined the ISR of ${p.en}; the ISR is now ${isr.en}`,
          `${added.zh} 加入${p.zh}的 ISR，ISR 现为 ${isr.zh}`,
        );
      }
      case 'produce-error': {
        const err = errorText(str(d, 'error'));
        if (!err.known) return null;
        return sentence(
          `${N} got ${err.text.en} for ${m.en}${p.en ? ` (${p.en})` : ''}`,
          `${N} 发送${m.zh}时收到错误 ${err.text.zh}`,
        );
      }
      case 'dedup':
        return sentence(
          `${N} recognised ${m.en} as a repeat (producerId=${str(d, 'producerId') ?? '?'}, sequence ${str(d, 'sequence') ?? '?'}) and did not store it again: the idempotent producer at work`,
          `${N} 识别出${m.zh}是重复发送（producerId=${str(d, 'producerId') ?? '?'}，序列号 ${str(d, 'sequence') ?? '?'}），没有再次写入：幂等生产者生效`,
        );
      case 'offset-commit': {
        const grp = str(d, 'group') ?? '';
        const offs = offsetsOf(str(d, 'offsets'));
        const tx =
          d['transactional'] === true
            ? P(' (inside a transaction)', '（在事务中提交）')
            : P('', '');
        return sentence(
          `The group coordinator on ${N} stored group ${grp}'s offsets${tx.en}${offs.en ? `: ${offs.en}` : ''}`,
          `${N} 上的组协调器保存了${term('consumerGroup', 'zh')} ${grp} 的 offset${tx.zh}${offs.zh ? `：${offs.zh}` : ''}`,
        );
      }
      case 'rebalance':
        return rebalance(e, d);
      case 'assign':
        return assign(e, d);
      case 'txn-begin':
        return sentence(
          `${N} began transaction ${str(d, 'txn') ?? ''} (transactional.id ${str(d, 'transactionalId') ?? ''})`,
          `${N} 开始第 ${str(d, 'txn') ?? '?'} 个事务（transactional.id ${str(d, 'transactionalId') ?? ''}）`,
        );
      case 'txn-commit':
        return txnEnd(e, d, m, true);
      case 'txn-abort':
        return txnEnd(e, d, m, false);
      case 'fence':
        return fence(e, d, m);
      case 'retention-delete':
        return sentence(
          `${N} deleted ${str(d, 'records') ?? 'some'} old records from ${p.en} under its retention policy`,
          `${N} 按保留策略删除了${p.zh}中 ${str(d, 'records') ?? ''} 条旧记录`,
        );
      case 'route': {
        const x = exchangeOf(str(d, 'exchange'));
        const qs = listOf(str(d, 'queues'));
        return sentence(
          `${x.en} on ${N} routed ${m.en} with routing key ${keyText(str(d, 'key'))} to ${qs.en === 'none' ? 'no queue' : `queue${(str(d, 'queues') ?? '').includes(',') ? 's' : ''} ${qs.en}`}`,
          `${N} 上的${x.zh}按路由键 ${keyText(str(d, 'key'))} 把${m.zh}路由到${qs.en === 'none' ? '0 个队列' : `队列 ${qs.zh}`}`,
        );
      }
      case 'unroutable': {
        const x = exchangeOf(str(d, 'exchange'));
        const mand = d['mandatory'] === true;
        return sentence(
          `${x.en} on ${N} found no queue for ${m.en} (routing key ${keyText(str(d, 'key'))})${mand ? '; with mandatory=true it goes back to the producer' : ''}`,
          `${N} 上的${x.zh}找不到与路由键 ${keyText(str(d, 'key'))} 匹配的队列，${m.zh}无法路由${mand ? `；设置了 mandatory=true，消息将退回${term('producer', 'zh')}` : ''}`,
        );
      }
      case 'return':
        return sentence(
          `${N} got ${m.en} back (basic.return, NO_ROUTE): no queue matched`,
          `${N} 收到被退回的${m.zh}（basic.return，NO_ROUTE）：没有匹配的队列`,
        );
      case 'expire':
        return expire(d, m);
      case 'dead-letter':
        return deadLetter(e, d, m);
      case 'overflow': {
        const q = str(d, 'queue') ?? '';
        const how = str(d, 'reason');
        if (how === 'drop-head')
          return sentence(
            `Queue ${q} on ${N} was full (x-overflow=drop-head): the oldest, ${m.en}, {{is}} pushed out`,
            `${N} 上的队列 ${q} 已满（x-overflow=drop-head）：队首最旧的${m.zh}被挤出`,
          );
        if (how === 'reject-publish')
          return sentence(
            `Queue ${q} on ${N} was full (x-overflow=reject-publish): ${m.en} {{is}} refused`,
            `${N} 上的队列 ${q} 已满（x-overflow=reject-publish）：${m.zh}被拒收`,
          );
        return null;
      }
      case 'mirror-sync': {
        const q = str(d, 'queue') ?? '';
        const to = str(d, 'to') ?? '';
        const manual = d['manual'] === true ? P(' (manual sync)', '（手动同步）') : P('', '');
        return sentence(
          `${N} synchronised the mirror of queue ${q} on ${to}${manual.en}${m.en ? `: ${m.en} copied` : ''}`,
          `${N} 把队列 ${q} 同步到 ${to} 上的镜像${manual.zh}${m.zh ? `：复制了${m.zh}` : ''}`,
        );
      }
      case 'promote':
        return promote(e, d);
      case 'raft-commit':
        return sentence(
          `${N}: a majority (${str(d, 'acks') ?? '?'} members) of ${term('quorumQueue', 'en')} ${str(d, 'queue') ?? ''} has ${m.en}; it is committed`,
          `${N}：${term('quorumQueue', 'zh')} ${str(d, 'queue') ?? ''} 的多数成员（${str(d, 'acks') ?? '?'} 个）已写入${m.zh}，提交完成`,
        );
      case 'nack-sent': {
        const to = str(d, 'to');
        if (to !== undefined)
          return sentence(
            `${N} told ${to} it did not take ${m.en} (basic.nack)`,
            `${N} 通知 ${to} 没有接收${m.zh}（basic.nack）`,
          );
        const rq = d['requeue'] === true;
        return sentence(
          `${N} rejected ${m.en} (basic.nack, requeue=${rq ? 'true' : 'false'})`,
          `${N} 拒绝了${m.zh}（basic.nack，requeue=${rq ? 'true' : 'false'}）`,
        );
      }
      case 'crash':
        return d['noop'] === true
          ? sentence(
              `${N} was already down: the crash changes nothing`,
              `${N} 已经宕机，这次崩溃没有影响`,
            )
          : sentence(`${N} crashed`, `${N} 崩溃`);
      case 'power-loss': {
        const lost = num(d, 'unsyncedEntriesLost');
        const down = d['processWasDown'] === true;
        return sentence(
          `${N} lost power${down ? ' (its process was already down)' : ''}${lost ? `: ${lost} entries not yet fsynced are gone from the ${term('pageCache', 'en')}` : ''}`,
          `${N} 断电${down ? '（进程已经停止）' : ''}${lost ? `：${term('pageCache', 'zh')}中 ${lost} 条尚未刷盘的记录丢失` : ''}`,
        );
      }
      case 'restart':
        return d['noop'] === true
          ? sentence(
              `${N} was already running: the restart changes nothing`,
              `${N} 正在运行，这次重启没有影响`,
            )
          : sentence(`${N} restarted`, `${N} 重启`);
      case 'recover': {
        const b = str(d, 'broker');
        if (b !== undefined)
          return sentence(
            `The controller unfenced ${b}: it is back in the cluster`,
            `控制器解除了对 ${b} 的隔离，它重新加入集群`,
          );
        const q = str(d, 'queue');
        return sentence(
          `${N} recovered ${m.en || 'its messages'} from disk${q ? ` into queue ${q}` : ''}`,
          `${N} 从磁盘恢复了${q ? `队列 ${q} 中的` : ''}${m.zh || '消息'}`,
        );
      }
      case 'pause': {
        if (d['noop'] === true)
          return sentence(
            `${N} was not running: the pause changes nothing`,
            `${N} 未在运行，这次暂停没有影响`,
          );
        const reason = str(d, 'reason');
        if (reason === 'pause_minority')
          return sentence(
            `${N} paused itself: it sees only a minority of the cluster (pause_minority)`,
            `${N} 只能看到集群中的少数节点，自行暂停（pause_minority）`,
          );
        if (reason !== undefined) return null;
        const us = num(d, 'durationUs');
        const ms = us !== undefined ? `${Math.round(us / 1000)} ms` : '';
        return sentence(
          `${N} froze${ms ? ` for ${ms}` : ''}, like a long GC pause or a stopped VM`,
          `${N} 停顿${ms ? ` ${ms}` : ''}，如长时间 GC 或虚拟机暂停`,
        );
      }
      case 'resume':
        if (str(d, 'reason') === 'pause_minority-majority-back')
          return sentence(
            `${N} sees a majority again and resumes`,
            `${N} 重新看到多数节点，恢复运行`,
          );
        return str(d, 'reason') === undefined ? sentence(`${N} resumed`, `${N} 恢复运行`) : null;
      case 'partition':
        return partition(e, d);
      case 'heal':
        return heal(e, d);
      case 'fault-armed':
        return faultArmed(e, d);
      default: {
        const never: never = kind;
        return never;
      }
    }
  })();
  if (out) return { en: agree(out.en, (e.msgs?.length ?? 0) > 1), zh: out.zh, generic: false };
  // A reason this module has no words for yet: a plain sentence, never the code itself.
  return {
    ...sentence(
      `Something happened at ${N}${m.en ? ` to ${m.en}` : ''}`,
      `${N} 上发生了一个事件${m.zh ? `，涉及${m.zh}` : ''}`,
    ),
    generic: true,
  };
}

/** The sentence for one entry in one language, without its time. */
export function eventText(e: EventLike, lang: TextLang, focus?: MsgId): string {
  return describeEvent(e, focus)[lang];
}

/** The sentence with its time first: "10.205 s broker-1 crashed." / "10.205s broker-1 崩溃。" */
export function eventSentence(e: EventLike, lang: TextLang, focus?: MsgId): string {
  return `${timeText(e.at, lang)} ${eventText(e, lang, focus)}`;
}
