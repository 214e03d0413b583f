import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../engine/text/events';
import type { ChainEntry, FrameCounters } from '../../worker/protocol';
import { NARRATION_MAX_SENTENCES, narrate } from './narrate';

const entry = (
  id: number,
  kind: ChainEntry['kind'],
  node: string,
  msgs?: number[],
): ChainEntry => ({
  id,
  at: 10_205_000,
  kind,
  node,
  ...(msgs ? { msgs } : {}),
});

const counters = (o: Partial<FrameCounters>): FrameCounters => ({
  events: 0,
  sent: 0,
  acked: 0,
  delivered: 0,
  processed: 0,
  journal: 0,
  anomalies: { lost: 0, duplicated: 0, reordered: 0, unexpected: 0, recovered: 0 },
  ...o,
});

describe('narrate', () => {
  it('reads the stepped entries with the explorer sentences, in both languages', () => {
    const crash = entry(1, 'crash', 'broker-1');
    for (const lang of ['en', 'zh'] as const) {
      const line = narrate(crash.at, [crash], lang);
      const sentence = describeEvent(crash)[lang].replace(/[.。]\s*$/u, '');
      expect(line).toContain(sentence);
      expect(line).toContain('10.205');
      expect(line).toContain('broker-1');
    }
  });

  it('says equal sentences once and counts what it leaves out', () => {
    const many = Array.from({ length: NARRATION_MAX_SENTENCES + 2 }, (_, i) =>
      entry(i, 'crash', `broker-${i}`),
    );
    const twice = [entry(1, 'crash', 'broker-1'), entry(2, 'crash', 'broker-1')];
    const once = narrate(0, twice, 'en');
    expect(once.split('broker-1').length - 1).toBe(1);
    const en = narrate(0, many, 'en');
    expect(en).toContain('and 2 more events');
    expect(en).not.toContain(`broker-${NARRATION_MAX_SENTENCES}`);
    expect(narrate(0, many, 'zh')).toContain('另有 2 个事件');
  });

  it('tells a step without journal entries from the change in the counters', () => {
    const line = narrate(0, [], 'en', counters({ sent: 3 }), counters({ sent: 4, acked: 2 }));
    expect(line).toContain('1 message sent');
    expect(line).toContain('2 acknowledged');
    expect(line).not.toContain('delivered');
    const quiet = narrate(0, [], 'zh', counters({}), counters({}));
    expect(quiet).toContain('没有写入');
  });
});
