import { describe, expect, it } from 'vitest';
import { presetByName } from '../scenario/presets';
import { runScenario } from '../engine/run';
import type { ChainEntry } from '../worker/protocol';
import { isCause, storyOf } from './story';

const e = (id: number, at: number, kind: ChainEntry['kind'], more: Partial<ChainEntry> = {}) => ({
  id,
  at,
  kind,
  node: 'n',
  ...more,
});

describe('the story of an anomaly', () => {
  const chain: ChainEntry[] = [
    e(1, 10, 'publish', { msgs: [7] }),
    e(2, 20, 'append', { msgs: [7, 8] }),
    e(3, 25, 'append', { msgs: [8] }), // a batch neighbour's bookkeeping: not this story
    e(4, 30, 'crash'),
    e(5, 40, 'leader-elected'),
    e(6, 35, 'fence', { cause: 4 }),
    e(7, 50, 'drop', {
      msgs: [7, 8],
      cause: 6,
      mech: 'kafka.acks1-leader-crash',
      links: [
        { role: 'fault', id: 4 },
        { role: 'election', id: 5 },
        { role: 'earlier', id: 2 },
        { role: 'earlier', id: 3 }, // the same drop undid #8's append too: not #7's story
      ],
    }),
    e(8, 45, 'process', { msgs: [9] }), // the related (overtaking) message of a reordered anomaly
  ];
  const story = storyOf({ msg: 7, chain, relatedIds: [8] });
  const ids = story.map((s) => s.entry.id);

  it('keeps the message path and every entry its causes and links reach, in time order', () => {
    expect(ids).toEqual([1, 2, 4, 6, 5, 8, 7]);
    expect(ids).not.toContain(3);
  });

  it('marks the linked entries by role, an untyped cause as a cause, and the act itself', () => {
    const by = new Map(story.map((s) => [s.entry.id, s]));
    expect(by.get(4)?.roles).toEqual(['fault']);
    expect(by.get(5)?.roles).toEqual(['election']);
    expect(by.get(2)?.roles).toEqual(['earlier']);
    expect(by.get(6)?.cause).toBe(true);
    expect(by.get(6) && isCause(by.get(6)!)).toBe(true);
    expect(by.get(1) && isCause(by.get(1)!)).toBe(false);
    expect(by.get(7)?.act).toBe(true);
    expect(by.get(8)?.related).toBe(true);
  });

  it('tells a real lost message of kafka-acks1-leader-crash with the crash that lost it', () => {
    const s = presetByName('kafka-acks1-leader-crash');
    if (!s) throw new Error('preset missing');
    const { report } = runScenario(s);
    const lost = report.anomalies.find((a) => a.kind === 'lost');
    if (!lost) throw new Error('the preset lost nothing');
    const st = storyOf(lost);
    expect(st.length).toBeGreaterThan(1);
    expect(st.length).toBeLessThanOrEqual(lost.chain.length);
    expect(st.some((x) => x.entry.kind === 'crash' && isCause(x))).toBe(true);
    for (let i = 1; i < st.length; i++)
      expect(st[i]!.entry.at).toBeGreaterThanOrEqual(st[i - 1]!.entry.at);
  });
});
