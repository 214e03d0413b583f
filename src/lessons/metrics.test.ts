/**
 * The per-client prediction metrics (per producer, per consumer, duplicate effects): a lesson
 * reads the same figure the claims check reads, the worker's summary carries the same tallies the
 * Node outcome has, and a metric that names a client the scenario lacks fails with its path.
 */
import { describe, expect, it } from 'vitest';
import { checkClaims } from '../engine/check/claims';
import { runScenario } from '../engine/run';
import { presetByName } from '../scenario/presets';
import type { Scenario } from '../scenario/schema';
import { RunRecorder } from '../worker/recorder';
import { LESSON_DOCUMENTS } from './content';
import { metricValue, type Outcome } from './evaluate';
import { parseLesson } from './load';
import { outcomeOf } from './outcome';
import type { Metric } from './schema';

/** The presets whose claims bound per-producer, per-consumer or duplicate-effect counts. */
const PRESETS = [
  'rabbitmq-b2-tx-vs-confirms',
  'rabbitmq-b3-durable-persistent',
  'rabbitmq-g4-prefetch',
  'kafka-c2-idempotent-consumer',
  'lost-confirm-republish',
  'power-loss',
];

function preset(name: string): Scenario {
  const s = presetByName(name);
  if (!s) throw new Error(`no preset ${name}`);
  return s;
}

/** The metric a claim name (`group.producers.p1.lost`, `group.consumers.c1`, ...) bounds. */
function metricOfClaim(claim: string, groups: readonly string[]): Metric | null {
  const group = groups.find((g) => claim.startsWith(`${g}.`));
  if (group === undefined) return null;
  const rest = claim.slice(group.length + 1).split('.');
  if (rest[0] === 'producers' && rest[1] && rest[2])
    return { group, producer: rest[1], count: rest[2] as Metric['count'] };
  if (rest[0] === 'consumers' && rest[1]) return { group, consumer: rest[1], count: 'processed' };
  if (rest[0] === 'duplicateEffects') return { group, count: 'duplicateEffects' };
  return null;
}

describe('per-client metrics', () => {
  it.each(PRESETS)('%s: each per-client metric reads what the claims check reads', (name) => {
    const s = preset(name);
    const r = runScenario(s);
    const o = outcomeOf(r);
    const results = [checkClaims(s.claims ?? {}, r.report, r.record)];
    const groups = r.report.groups.map((g) => g.group);
    let seen = 0;
    for (const c of results.flatMap((x) => x.counts)) {
      const m = metricOfClaim(c.claim, groups);
      if (!m) continue;
      seen += 1;
      expect(String(metricValue(o, m)), c.claim).toBe(c.actual);
    }
    expect(seen, 'the preset bounds some per-client figure').toBeGreaterThan(0);
  });

  it('the worker summary carries the same tallies as the Node outcome', () => {
    for (const name of ['rabbitmq-b2-tx-vs-confirms', 'rabbitmq-g4-prefetch']) {
      const s = preset(name);
      const rec = new RunRecorder(s, 1);
      while (!rec.slice(50, () => performance.now())) {
        /* next slice */
      }
      const sum = rec.summary() as Outcome;
      const node = outcomeOf(runScenario(s));
      for (const g of node.groups) {
        const w = sum.groups.find((x) => x.group === g.group);
        expect(w?.producers, g.group).toEqual(g.producers);
        expect(w?.consumers, g.group).toEqual(g.consumers);
        expect(w?.duplicateEffects, g.group).toBe(g.duplicateEffects);
      }
    }
  });

  it('per producer separates what the group sum mixes', () => {
    const o = outcomeOf(runScenario(preset('rabbitmq-b3-durable-persistent')));
    const sum = metricValue(o, { count: 'lost' });
    const each = ['persistent', 'transient'].map((producer) =>
      metricValue(o, { count: 'lost', producer }),
    );
    expect((each[0] ?? 0) + (each[1] ?? 0)).toBe(sum);
  });

  it('per consumer counts add up to what the group processed', () => {
    const o = outcomeOf(runScenario(preset('rabbitmq-g4-prefetch')));
    for (const [group, cs] of [
      ['naive', ['naive-fast', 'naive-slow']],
      ['fair', ['fair-fast', 'fair-slow']],
    ] as const) {
      const total = metricValue(o, { group, count: 'processed' });
      const parts = cs.map((consumer) => metricValue(o, { group, consumer, count: 'processed' }));
      expect(
        parts.reduce((a, b) => a + b, 0),
        group,
      ).toBe(total);
    }
  });
});

describe('per-client metrics in lesson files', () => {
  const base = LESSON_DOCUMENTS.find((d) => (d as { id: string }).id === 'b4-autoack-vs-manual');
  /** The b4 lesson with its first prediction's first condition's metric replaced. */
  function withMetric(metric: object): string[] {
    const d = JSON.parse(JSON.stringify(base)) as {
      steps: { kind: string; answer?: { choices: { when: { all: { metric: object }[] } }[] } }[];
    };
    const p = d.steps.findIndex((s) => s.kind === 'predict');
    const first = d.steps[p]?.answer?.choices[0]?.when.all[0];
    if (first) first.metric = metric;
    const r = parseLesson(d);
    if (r.ok) return [];
    return r.error.kind === 'invalid'
      ? r.error.issues.map(
          (i) => `${i.path.replace(/^steps\.\d+\.answer\.choices\.0\.when\.all\.0\./, '')}`,
        )
      : [r.error.kind];
  }

  it('a producer narrows an anomaly kind, a consumer narrows processed', () => {
    expect(withMetric({ count: 'lost', producer: 'producer' })).toEqual([]);
    expect(withMetric({ count: 'processed', consumer: 'manual-consumer' })).toEqual([]);
    expect(withMetric({ count: 'duplicateEffects' })).toEqual([]);
    expect(withMetric({ count: 'processed', producer: 'producer' })).toEqual(['metric.producer']);
    expect(withMetric({ count: 'lost', consumer: 'manual-consumer' })).toEqual(['metric.consumer']);
  });

  it('a client the scenario does not have fails with its path', () => {
    expect(withMetric({ count: 'lost', producer: 'ghost' })).toEqual(['metric.producer']);
    expect(withMetric({ count: 'processed', consumer: 'ghost' })).toEqual(['metric.consumer']);
  });
});
