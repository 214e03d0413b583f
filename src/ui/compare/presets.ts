/**
 * Ready-made comparisons (curriculum B1, B5, A3): a base scenario and the patches of its columns.
 * A lesson's `vary` step or a menu opens one with `openComparePreset(id)`.
 */
import type { PatchOp } from '../../scenario/claims';
import { presetByName } from '../../scenario/presets';
import { parseScenario } from '../../scenario/load';
import type { Scenario, ScenarioInput } from '../../scenario/schema';
import type { CompareColumn } from '../../share/compare-codec';
import { applyPatch } from '../../scenario/patch';
import { openCompare } from './store';

export interface ComparePreset {
  id: string;
  title: { en: string; zh: string };
  /** The base scenario: a preset by name, or a document, optionally adjusted by `adjust` first. */
  preset: string | ScenarioInput;
  adjust?: PatchOp[];
  columns: CompareColumn[];
}

const replace = (path: string, value: unknown): PatchOp => ({ op: 'replace', path, value });

/** 40 auto-ack consumers that take every message as it comes: no buffer in front of the database. */
const NO_BUFFER = Array.from({ length: 40 }, (_x, i) => ({
  id: `w${i}`,
  autoAck: true,
  prefetch: 0,
  processingMs: { kind: 'fixed', ms: 1 },
  sink: 'insert',
  startMs: 0,
  heartbeatMs: 60_000,
  reconnectDelayMs: 5000,
}));

/**
 * A3 peak shaving: a steady 200/s with a 3 s burst at 2,000/s, written to a database that serves
 * 500 QPS. Through the queue, four consumers write at the database's pace; without a buffer,
 * the burst reaches the database as it comes and the writes beyond its wait queue fail.
 */
const PEAK: ScenarioInput = {
  version: 1,
  system: 'single-node',
  name: 'a3-peak-shaving',
  title: {
    en: 'A3: a burst against a database that serves 500 QPS',
    zh: 'A3：突发流量打到一个只能承受 500 QPS 的数据库',
  },
  seed: 1,
  durationMs: 20_000,
  producers: [
    {
      id: 'web',
      ratePerSec: 200,
      messages: 9000,
      bursts: [{ atMs: 2000, durationMs: 3000, ratePerSec: 2000 }],
    },
  ],
  consumers: Array.from({ length: 4 }, (_x, i) => ({
    id: `c${i}`,
    prefetch: 10,
    processingMs: { kind: 'fixed', ms: 1 },
  })),
  database: { maxQps: 500, maxWaiting: 20 },
};

export const COMPARE_PRESETS: readonly ComparePreset[] = [
  {
    id: 'a3-peak-shaving',
    title: PEAK.title ?? { en: '', zh: '' },
    preset: PEAK,
    columns: [
      { label: { en: 'through the queue', zh: '经过消息队列' }, patch: [] },
      {
        label: { en: 'no buffer', zh: '没有缓冲' },
        patch: [replace('/consumers', NO_BUFFER)],
      },
    ],
  },
  {
    id: 'b1-delivery-semantics',
    title: {
      en: 'B1: at-most-once, at-least-once, effectively-once under the same consumer crash',
      zh: 'B1：同一次消费者崩溃下的至多一次、至少一次、（效果上）恰好一次',
    },
    preset: 'auto-ack-consumer-crash',
    // The consumer dies after processing and before acknowledging: where the three differ. One
    // consumer, because the model's dedup table belongs to a consumer (a shared table in a real
    // database would serve several).
    adjust: [replace('/faults/0/when', 'after-process'), { op: 'remove', path: '/consumers/1' }],
    columns: [
      { label: { en: 'at-most-once (autoAck)', zh: '至多一次（autoAck）' }, patch: [] },
      {
        label: { en: 'at-least-once (manual ack)', zh: '至少一次（手动 ack）' },
        patch: [replace('/consumers/0/autoAck', false)],
      },
      {
        label: {
          en: 'effectively once (manual ack + dedup)',
          zh: '效果上恰好一次（手动 ack + 去重表）',
        },
        patch: [
          replace('/consumers/0/autoAck', false),
          replace('/consumers/0/sink', 'dedup-table'),
        ],
      },
    ],
  },
  {
    id: 'b5-no-loss-recipe',
    title: {
      en: 'B5: the Kafka no-loss recipe, and with one knob removed in turn',
      zh: 'B5：Kafka 不丢消息的配置组合，以及依次去掉其中一项',
    },
    preset: 'kafka-b5-no-loss-recipe',
    columns: [
      { label: { en: 'the recipe', zh: '完整配置' }, patch: [] },
      { label: { en: 'acks=1', zh: 'acks=1' }, patch: [replace('/producers/0/acks', '1')] },
      { label: { en: 'retries=0', zh: 'retries=0' }, patch: [replace('/producers/0/retries', 0)] },
      {
        label: { en: 'commit before processing', zh: '先提交 offset 再处理' },
        patch: [
          replace('/consumers/0/commit', 'before-processing'),
          replace('/consumers/1/commit', 'before-processing'),
          replace('/faults/2/when', 'after-commit'),
        ],
      },
    ],
  },
];

/** The base scenario of a compare preset (the preset with its adjustment), or null. */
export function comparePresetBase(p: ComparePreset): Scenario | null {
  const doc = typeof p.preset === 'string' ? presetByName(p.preset) : parseScenario(p.preset);
  const base = doc === undefined ? null : 'ok' in doc ? (doc.ok ? doc.value : null) : doc;
  if (!base) return null;
  if (!p.adjust) return base;
  const r = applyPatch(base, p.adjust);
  return r.ok ? (r.value as Scenario) : null;
}

/** Opens a compare preset by id; false when there is none or it does not validate. */
export function openComparePreset(id: string): boolean {
  const p = COMPARE_PRESETS.find((x) => x.id === id);
  const base = p ? comparePresetBase(p) : null;
  return p !== undefined && base !== null && openCompare(base, p.columns).ok;
}
