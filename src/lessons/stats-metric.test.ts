/**
 * A lesson may predict a run statistic (`engine/stats.ts`) like a count: the metric reads the
 * run's `stats`, and a choice's bound is judged against it.
 */
import { describe, expect, it } from 'vitest';
import { judge, metricValue, type Outcome } from './evaluate';
import { Metric } from './schema';

const run = (p50: number | undefined): Outcome => ({
  groups: [{ group: 'orders', counts: { lost: 0 }, fates: { processed: 4 } }],
  ...(p50 === undefined ? {} : { stats: { callerLatencyP50Ms: p50 } }),
});

describe('run statistics as lesson metrics', () => {
  it('reads the statistic, whatever the group', () => {
    expect(metricValue(run(958.8), { count: 'callerLatencyP50Ms' })).toBe(958.8);
    expect(metricValue(run(958.8), { count: 'callerLatencyP50Ms', group: 'orders' })).toBe(958.8);
    expect(metricValue(run(undefined), { count: 'callerLatencyP50Ms' })).toBe(0);
    expect(metricValue(run(958.8), { count: 'processed' })).toBe(4);
  });

  it('judges a choice by the statistic', () => {
    const answer = {
      type: 'choice' as const,
      choices: [
        {
          id: 'fast',
          text: { en: 'fast', zh: '快' },
          when: { all: [{ metric: { count: 'callerLatencyP50Ms' as const }, bound: { max: 99 } }] },
        },
        {
          id: 'slow',
          text: { en: 'slow', zh: '慢' },
          when: {
            all: [{ metric: { count: 'callerLatencyP50Ms' as const }, bound: { min: 900 } }],
          },
        },
      ],
    };
    expect(judge(answer, { type: 'choice', id: 'slow' }, run(958.8)).right).toBe(true);
    expect(judge(answer, { type: 'choice', id: 'slow' }, run(26.2)).right).toBe(false);
    expect(judge(answer, { type: 'choice', id: 'slow' }, run(26.2)).trueChoices).toEqual(['fast']);
  });

  it('rejects an unknown statistic name', () => {
    expect(Metric.safeParse({ count: 'callerLatencyP42Ms' }).success).toBe(false);
  });
});
