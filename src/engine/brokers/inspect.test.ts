import { describe, expect, it } from 'vitest';
import { presetByName } from '../../scenario/presets';
import { Run } from '../run';
import { detailText, type NodeView } from '../view';

/**
 * The inspector's facts about clients, for each broker family: scanned over a preset's run, the
 * producer shows its in-flight batches or unconfirmed publishes and its retries, the consumer
 * what it processes, its position and committed offset, and the sink its contents.
 */
function scan(preset: string, stepMs = 50): Map<string, NodeView['detail'][]> {
  const s = presetByName(preset);
  if (!s) throw new Error(`no preset ${preset}`);
  const run = new Run(s);
  const seen = new Map<string, NodeView['detail'][]>();
  for (let t = 0; t <= run.endUs; t += stepMs * 1000) {
    run.advanceTo(t);
    for (const n of run.model.clusterView().nodes) {
      if (n.role !== 'producer' && n.role !== 'consumer') continue;
      seen.set(n.id, [...(seen.get(n.id) ?? []), n.detail]);
    }
  }
  return seen;
}

const some = (
  ds: NodeView['detail'][] | undefined,
  re: RegExp,
  key: string,
  lang: 'en' | 'zh' = 'en',
) => (ds ?? []).some((d) => re.test(detailText(d[key] ?? '', lang)));

describe('inspector details', () => {
  it('Kafka, idempotent producer: batches in flight with their sequence numbers, and retries', () => {
    const seen = scan('kafka-c3-idempotent-producer', 20);
    const producer = [...seen.entries()].find(([, ds]) => 'batches' in (ds[0] ?? {}));
    expect(producer).toBeDefined();
    const ds = producer?.[1];
    expect(some(ds, /^p\d+ seq \d+-\d+, \d+ rec, attempt \d+ -> broker-\d/, 'batches')).toBe(true);
    expect((ds ?? []).some((d) => Number(d['retries']) > 0)).toBe(true);
    expect(some(ds, /p\d+ \d+/, 'nextSeq')).toBe(true);
    // The same facts in Chinese, in the glossary's words.
    expect(
      some(ds, /^分区 \d+，序列号 \d+-\d+，\d+ 条记录，第 \d+ 次发送 → broker-\d/, 'batches', 'zh'),
    ).toBe(true);
    expect(some(ds, /分区 \d+：\d+/, 'nextSeq', 'zh')).toBe(true);
  });

  it('Kafka consumer: position, committed offset, what it processes, its sink', () => {
    const seen = scan('kafka-c2-idempotent-consumer', 20);
    const consumers = [...seen.values()].filter((ds) => 'position' in (ds[0] ?? {}));
    expect(consumers.length).toBeGreaterThan(0);
    const all = consumers.flat();
    expect(some(all, /p\d+ \d+/, 'position')).toBe(true);
    expect(some(all, /p\d+ \d+/, 'committed')).toBe(true);
    expect(some(all, /^#\d+ \(p\d+@\d+\)/, 'processing')).toBe(true);
    // The preset's consumer crashes before committing; its idempotent sink absorbs the repeats.
    expect(some(all, /: \d+ rows, \d+ repeats absorbed; newest #\d+/, 'sink')).toBe(true);
    expect(some(all, /^#\d+（分区 \d+，offset \d+）/, 'processing', 'zh')).toBe(true);
    expect(some(all, /：\d+ 行，吸收了 \d+ 次重复；最新 #\d+/, 'sink', 'zh')).toBe(true);
    expect(some(all, /^正在加入消费者组$/, 'phase', 'zh')).toBe(true);
  });

  it('AMQP publisher: publishes awaiting a confirm by tag, and the republish after a lost one', () => {
    const ds = [...scan('lost-confirm-republish', 10).values()].flat();
    expect(some(ds, /tag \d+ #\d+/, 'unconfirmed')).toBe(true);
    expect(some(ds, /delivery-tag \d+ #\d+（第 \d+ 次发送）/, 'unconfirmed', 'zh')).toBe(true);
    expect(ds.some((d) => Number(d['retries']) > 0)).toBe(true);
  });

  it('AMQP consumer (single node and RabbitMQ): processing, prefetched, sink', () => {
    for (const preset of ['default', 'rabbitmq-g4-prefetch']) {
      const ds = [...scan(preset, 10).values()].flat();
      expect(some(ds, /^#\d+ \(.*tag \d+\)$/, 'processing')).toBe(true);
      expect(some(ds, /#\d+/, 'prefetched')).toBe(true);
      expect(some(ds, /: \d+ rows; newest #\d+/, 'sink')).toBe(true);
      expect(some(ds, /^普通插入表：\d+ 行；最新 #\d+/, 'sink', 'zh')).toBe(true);
      expect(some(ds, /^已连接$/, 'connection', 'zh')).toBe(true);
    }
  });
});
