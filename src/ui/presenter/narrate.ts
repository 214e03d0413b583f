/**
 * The presenter's narration: what the last stepped event did, in words. The sentences are the
 * anomaly explorer's (src/engine/text/events.ts, one per journal kind, zh and en); a step that
 * recorded no journal entry is told from the change in the frame's counters instead.
 */
import { describeEvent, timeText, type TextLang } from '../../engine/text/events';
import type { ChainEntry, FrameCounters } from '../../worker/protocol';

/** At most this many sentences are read out for one step; the rest are counted. */
export const NARRATION_MAX_SENTENCES = 3;

const WORDS = {
  en: {
    more: (n: number) => `(and ${n} more ${n === 1 ? 'event' : 'events'})`,
    sep: '; ',
    counters: {
      sent: (n: number) => `${n} ${n === 1 ? 'message' : 'messages'} sent`,
      acked: (n: number) => `${n} acknowledged to the producer`,
      delivered: (n: number) => `${n} delivered to a consumer`,
      processed: (n: number) => `${n} processed by a consumer`,
    },
    quiet: 'a message moved on the wire; nothing was stored, acknowledged or lost',
  },
  zh: {
    more: (n: number) => `（另有 ${n} 个事件）`,
    sep: '；',
    counters: {
      sent: (n: number) => `发送了 ${n} 条消息`,
      acked: (n: number) => `${n} 条消息向生产者确认`,
      delivered: (n: number) => `${n} 条消息投递给消费者`,
      processed: (n: number) => `消费者处理了 ${n} 条消息`,
    },
    quiet: '一条消息在网络上传递，没有写入、确认或丢失',
  },
} as const;

function trimEnd(s: string): string {
  return s.replace(/[.。]\s*$/u, '');
}

/**
 * One line for a step: its time, then the sentences of the journal entries it recorded (equal
 * sentences once), or, when it recorded none, what the counters say changed.
 */
export function narrate(
  atUs: number,
  stepped: readonly ChainEntry[] | undefined,
  lang: TextLang,
  before?: FrameCounters | null,
  after?: FrameCounters | null,
): string {
  const W = WORDS[lang];
  const sentences: string[] = [];
  for (const e of stepped ?? []) {
    const s = trimEnd(describeEvent(e)[lang]);
    if (!sentences.includes(s)) sentences.push(s);
  }
  let body: string;
  if (sentences.length > 0) {
    body = sentences.slice(0, NARRATION_MAX_SENTENCES).join(W.sep);
    const rest = sentences.length - NARRATION_MAX_SENTENCES;
    if (rest > 0) body += ` ${W.more(rest)}`;
  } else {
    const parts: string[] = [];
    if (before && after) {
      for (const k of ['sent', 'acked', 'delivered', 'processed'] as const) {
        const d = after[k] - before[k];
        if (d > 0) parts.push(W.counters[k](d));
      }
    }
    body = parts.length > 0 ? parts.join(W.sep) : W.quiet;
  }
  return `${timeText(atUs, lang)} ${body}${lang === 'zh' ? '。' : '.'}`;
}
