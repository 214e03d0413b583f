import { describe, expect, it } from 'vitest';
import { assign, rangeAssign, roundRobinAssign, stickyAssign } from './assignors';

const asObj = (m: Map<string, number[]>): Record<string, number[]> => Object.fromEntries(m);

describe('assignors, as Kafka assigns one topic', () => {
  it('range: contiguous ranges, the first members get the extra partitions', () => {
    // RangeAssignorTest.testTwoConsumersOneTopicThreePartitions
    expect(asObj(rangeAssign(['consumer2', 'consumer1'], 3))).toEqual({
      consumer1: [0, 1],
      consumer2: [2],
    });
    expect(asObj(rangeAssign(['a', 'b', 'c'], 7))).toEqual({ a: [0, 1, 2], b: [3, 4], c: [5, 6] });
    expect(asObj(rangeAssign(['a', 'b', 'c'], 2))).toEqual({ a: [0], b: [1], c: [] });
  });

  it('roundrobin: partitions dealt in member order', () => {
    // RoundRobinAssignorTest.testTwoConsumersOneTopicThreePartitions
    expect(asObj(roundRobinAssign(['consumer1', 'consumer2'], 3))).toEqual({
      consumer1: [0, 2],
      consumer2: [1],
    });
  });

  it('sticky: balanced, and a member keeps what it owned when the group changes', () => {
    const first = stickyAssign(['c1'], 6, new Map());
    expect(first.get('c1')).toEqual([0, 1, 2, 3, 4, 5]);
    const second = stickyAssign(['c1', 'c2'], 6, first);
    expect(second.get('c1')?.length).toBe(3);
    expect(second.get('c2')?.length).toBe(3);
    // c1 keeps three of its six partitions; c2 gets only partitions c1 gave up.
    for (const p of second.get('c1') ?? []) expect(first.get('c1')).toContain(p);
    const third = stickyAssign(['c1', 'c2', 'c3'], 6, second);
    for (const m of ['c1', 'c2']) {
      expect(third.get(m)?.length).toBe(2);
      for (const p of third.get(m) ?? []) expect(second.get(m)).toContain(p);
    }
    // c2 leaves: c1 and c3 keep theirs and split c2's.
    const fourth = stickyAssign(['c1', 'c3'], 6, third);
    for (const m of ['c1', 'c3'])
      for (const p of third.get(m) ?? []) expect(fourth.get(m)).toContain(p);
  });

  it('every assignor covers each partition exactly once', () => {
    for (const name of ['range', 'roundrobin', 'sticky', 'cooperative-sticky'] as const) {
      const a = assign(name, ['x', 'y', 'z'], 8, new Map());
      const all = [...a.values()].flat().sort((p, q) => p - q);
      expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    }
  });
});
