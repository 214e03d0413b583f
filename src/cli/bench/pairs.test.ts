import { describe, expect, it } from 'vitest';
import { interleave, median, overallRatio, summarisePairs } from './pairs';

describe('benchmark pairing', () => {
  it('alternates the bare loop and the workload, bare loop first, for each pair', () => {
    const calls: string[] = [];
    const pairs = interleave(
      3,
      () => {
        calls.push('A');
        return 100 * calls.length;
      },
      () => {
        calls.push('B');
        return 10 * calls.length;
      },
    );
    expect(calls.join('')).toBe('ABABAB');
    expect(pairs).toEqual([
      { baselineEventsPerSec: 100, eventsPerSec: 20 },
      { baselineEventsPerSec: 300, eventsPerSec: 40 },
      { baselineEventsPerSec: 500, eventsPerSec: 60 },
    ]);
    expect(() =>
      interleave(
        0,
        () => 1,
        () => 1,
      ),
    ).toThrow();
  });

  it('median of odd and even lists, order-independent', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow();
  });

  it('reports the median of per-pair ratios, so a pair slowed on both sides keeps its ratio', () => {
    // Pair 2 ran while a neighbour halved the machine: both halves slowed, its ratio is unchanged.
    // Pair 3 was hit during the workload only: an outlier the median drops.
    const s = summarisePairs([
      { baselineEventsPerSec: 1000, eventsPerSec: 100 },
      { baselineEventsPerSec: 500, eventsPerSec: 50 },
      { baselineEventsPerSec: 1000, eventsPerSec: 20 },
    ]);
    expect(s.ratio).toBeCloseTo(0.1, 12);
    expect(s.eventsPerSec).toBe(50);
    expect(s.baselineEventsPerSec).toBe(1000);
    expect(s.pairs).toBe(3);
    // The ratio of the medians would have said 0.05.
    expect(s.eventsPerSec / s.baselineEventsPerSec).toBeCloseTo(0.05, 12);
  });

  it('combines workloads weighted by their events', () => {
    // 1,000 events at 10 % and 3,000 at 30 %: 4,000 events over (10,000 + 10,000) bare-loop units.
    expect(
      overallRatio([
        { events: 1000, ratio: 0.1 },
        { events: 3000, ratio: 0.3 },
      ]),
    ).toBeCloseTo(0.2, 12);
  });
});
