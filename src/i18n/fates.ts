/**
 * Names of message fates (where a message ended up in one group), in both languages.
 *
 * Keyed by the fate's string rather than by the checker's `Fate` type, so the page keeps working
 * while the checker grows new fates (dead-lettered, expired, overflowed ... are fates of their own,
 * not losses): a fate without a name here is shown as it is, and `fates.test.ts` fails until it
 * gets one.
 */
type Lang = 'zh' | 'en';

export const FATE_LABELS = {
  processed: { zh: '已处理', en: 'processed' },
  stored: { zh: '仍在 broker 中', en: 'still in the broker' },
  'in-flight': { zh: '传输中', en: 'in flight' },
  dropped: { zh: '被丢弃', en: 'dropped' },
  'never-accepted': { zh: '未被接收', en: 'never accepted' },
  unaccounted: { zh: '下落不明', en: 'unaccounted for' },
  // Policy outcomes: the broker set the message aside on purpose; none of them is a loss.
  'dead-lettered': { zh: '成为死信', en: 'dead-lettered' },
  expired: { zh: '已过期（TTL 或保留期）', en: 'expired (TTL or retention)' },
  overflowed: { zh: '队列满被挤出', en: 'pushed out (queue full)' },
  rejected: { zh: '被消费者拒绝', en: 'rejected by a consumer' },
  skipped: { zh: '被跳过（auto.offset.reset）', en: 'skipped (auto.offset.reset)' },
  aborted: { zh: '所属事务已中止', en: 'aborted (transaction)' },
} as const satisfies Readonly<Record<string, { zh: string; en: string }>>;

/** A fate's name in `lang`; a fate this page does not know yet is shown by its own string. */
export function fateLabel(fate: string, lang: Lang): string {
  return (
    (FATE_LABELS as Readonly<Record<string, { zh: string; en: string }>>)[fate]?.[lang] ?? fate
  );
}
