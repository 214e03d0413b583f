/**
 * Where a held message is at the end of a run (`HeldWhere`), in both languages: a producer's
 * buffer, the network, a broker (with its queue or partition), or a consumer (prefetched into its
 * buffer, or delivered and not yet acknowledged).
 */
import type { HeldWhere } from '../engine/check/history';

type Lang = 'zh' | 'en';

/** The place of held messages as a short phrase. */
export function heldPlaceText(w: HeldWhere, lang: Lang): string {
  const part =
    w.partition === undefined
      ? ''
      : lang === 'zh'
        ? ` 分区 ${w.partition}`
        : ` partition ${w.partition}`;
  const queue =
    w.queue === undefined ? '' : lang === 'zh' ? ` 队列 ${w.queue}` : ` queue ${w.queue}`;
  switch (w.place) {
    case 'producer':
      return lang === 'zh'
        ? `生产者 ${w.node ?? ''} 的缓冲区（未发出或等待应答）`
        : `producer ${w.node ?? ''}'s buffer (unsent or awaiting its answer)`;
    case 'network':
      return lang === 'zh'
        ? `网络上（传输中${w.node ? `，${w.node}` : ''}）`
        : `on the network (in transit${w.node ? `, ${w.node}` : ''})`;
    case 'broker':
      return lang === 'zh'
        ? `broker ${w.node ?? ''}${queue}${part} 中（已存储）`
        : `stored in broker ${w.node ?? ''}${queue}${part}`;
    case 'transaction':
      return lang === 'zh'
        ? `broker ${w.node ?? ''} 上未提交的事务中（已发布，tx.commit 尚未处理）`
        : `in an open transaction on broker ${w.node ?? ''} (published, tx.commit not yet processed)`;
    case 'consumer':
      return w.node !== undefined
        ? lang === 'zh'
          ? `消费者 ${w.node} 处（已预取或未 ack）`
          : `at consumer ${w.node} (prefetched or not yet acked)`
        : lang === 'zh'
          ? `已投递给消费者${queue ? `（${queue.trim()}）` : ''}，尚未 ack`
          : `delivered to a consumer${queue ? ` (${queue.trim()})` : ''}, not yet acked`;
    default: {
      const never: never = w.place;
      return String(never);
    }
  }
}

/** The heading before the list of places. */
export const HELD_AT = { zh: '未结束的消息在：', en: 'Still held at: ' } as const;
