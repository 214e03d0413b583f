import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ANOMALY_KINDS, type AnomalyKind } from '../check/checker';
import type { MechanismId } from '../check/history';
import { MECHANISM_IDS } from '../check/mechanism-ids';
import { presetByName } from '../../scenario/presets';
import { parseScenario } from '../../scenario/load';
import type { Scenario } from '../../scenario/schema';
import {
  defaultModel,
  FaultModel,
  MAX_SEEDS,
  parseFaultModel,
  type FaultModelInput,
} from '../../scenario/faultmodel';
import { Run } from '../run';
import { MonteCarloAggregate } from './aggregate';
import { runSeed, type SeedResult } from './result';
import { drawSchedule, seedScenario } from './schedule';
import { wilson } from './wilson';

const acks1 = presetByName('kafka-acks1-leader-crash') as Scenario;

describe('Wilson 95 % interval', () => {
  it('matches the published values (Newcombe 1998, Stat. Med. 17:857, table I, method 3)', () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [k, n, lo, hi] of cases) {
      const w = wilson(k, n);
      expect(w.low).toBeCloseTo(lo, 4);
      expect(w.high).toBeCloseTo(hi, 4);
      expect(w.p).toBe(k / n);
    }
  });

  it('is exact at the ends, symmetric, and uninformative with no trials', () => {
    expect(wilson(29, 29).high).toBe(1);
    expect(wilson(29, 29).low).toBeCloseTo(1 - wilson(0, 29).high, 12);
    expect(wilson(3, 10).low).toBeCloseTo(1 - wilson(7, 10).high, 12);
    expect(wilson(0, 0)).toEqual({ p: 0, low: 0, high: 1 });
    expect(() => wilson(5, 4)).toThrow();
  });
});

const kindCounts = fc.record(
  Object.fromEntries(ANOMALY_KINDS.map((k) => [k, fc.nat(6)])) as Record<
    AnomalyKind,
    fc.Arbitrary<number>
  >,
);
const mechIds: MechanismId[] = MECHANISM_IDS.slice(0, 6);
const seedResult = (seed: number): fc.Arbitrary<SeedResult> =>
  fc.oneof(
    {
      weight: 9,
      arbitrary: fc
        .record({
          counts: kindCounts,
          mechanisms: fc.uniqueArray(
            fc.tuple(fc.constantFrom(...mechIds), fc.integer({ min: 1, max: 5 })),
            {
              selector: (m) => m[0],
              maxLength: 3,
            },
          ),
          events: fc.nat(100_000),
        })
        .map((r): SeedResult => ({
          ok: true,
          config: 0,
          seed,
          counts: r.counts,
          mechanisms: [...r.mechanisms].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
          faults: 1,
          events: r.events,
          messages: 10,
          traceHash: '0',
        })),
    },
    {
      weight: 1,
      arbitrary: fc.constant<SeedResult>({ ok: false, config: 0, seed, error: `boom ${seed}` }),
    },
  );

describe('streaming aggregation', () => {
  it('gives the same summary whatever order the seeds arrive in', () => {
    const results = fc
      .integer({ min: 0, max: 40 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => seedResult(i + 100))));
    fc.assert(
      fc.property(results, fc.infiniteStream(fc.nat()), (rs, shuffleBits) => {
        const a = new MonteCarloAggregate(4);
        for (const r of rs) a.add(r);
        const shuffled = [...rs];
        const it = shuffleBits[Symbol.iterator]();
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (it.next().value as number) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j] as SeedResult, shuffled[i] as SeedResult];
        }
        const b = new MonteCarloAggregate(4);
        for (const r of shuffled) b.add(r);
        expect(b.summary()).toEqual(a.summary());
      }),
      { numRuns: 200 },
    );
  });

  it('counts seeds with at least one, ranks mechanisms by seeds, keeps the worst seeds', () => {
    const agg = new MonteCarloAggregate(2);
    const zero = Object.fromEntries(ANOMALY_KINDS.map((k) => [k, 0])) as Record<
      AnomalyKind,
      number
    >;
    const ok = (
      seed: number,
      lost: number,
      dup: number,
      mech: [MechanismId, number][],
    ): SeedResult => ({
      ok: true,
      config: 0,
      seed,
      counts: { ...zero, lost, duplicated: dup },
      mechanisms: mech,
      faults: 1,
      events: 10,
      messages: 10,
      traceHash: '0',
    });
    const [m1, m2] = mechIds as [MechanismId, MechanismId];
    agg.add(ok(1, 0, 0, []));
    agg.add(ok(2, 3, 0, [[m1, 3]]));
    agg.add(
      ok(3, 1, 5, [
        [m1, 1],
        [m2, 5],
      ]),
    );
    agg.add(
      ok(4, 3, 1, [
        [m1, 3],
        [m2, 1],
      ]),
    );
    agg.add({ ok: false, config: 0, seed: 5, error: 'x' });
    const s = agg.summary();
    expect(s.seeds).toBe(4);
    expect(s.failed).toEqual([{ seed: 5, error: 'x' }]);
    const lost = s.kinds.find((k) => k.kind === 'lost');
    expect(lost?.seedsWithAny).toBe(3);
    expect(lost?.distribution).toEqual([
      { count: 0, seeds: 1 },
      { count: 1, seeds: 1 },
      { count: 3, seeds: 2 },
    ]);
    expect(lost?.atLeastOne).toEqual(wilson(3, 4));
    expect(lost?.mean).toBe(7 / 4);
    expect(s.mechanisms.map((m) => [m.id, m.seeds, m.anomalies])).toEqual([
      [m1, 3, 7],
      [m2, 2, 6],
    ]);
    // Lost first, then everything else: seed 4 (3 lost, 1 dup) before seed 2 (3 lost).
    expect(s.worst.map((w) => w.seed)).toEqual([4, 2]);
  });
});

describe('fault model', () => {
  const check = (m: FaultModelInput, seeds = 10) => parseFaultModel(m, acks1, seeds);
  const messages = (r: ReturnType<typeof check>) =>
    r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);

  it('derives "crash broker-1 once at a random moment, restart 15 s later" from the preset', () => {
    const m = defaultModel(acks1);
    expect(m.fixed).toEqual([]);
    expect(m.rules).toEqual([
      {
        kind: 'crash',
        targets: ['broker-1'],
        window: { fromMs: 0, toMs: 15_000 },
        probability: 1,
        recoverAfterMs: { minMs: 15_000, maxMs: 15_000 },
      },
    ]);
    expect(check(m).ok).toBe(true);
  });

  it('refuses a model that can never fire, too many seeds, unknown nodes, before any run', () => {
    const rule = {
      kind: 'crash' as const,
      targets: ['broker-1'],
      window: { fromMs: 0, toMs: 1000 },
    };
    expect(messages(check({ rules: [{ ...rule, probability: 0 }] }))).toEqual([
      expect.stringContaining('no rule can ever fire'),
    ]);
    expect(messages(check({ rules: [{ ...rule, count: 0 }] }))[0]).toContain('can ever fire');
    expect(messages(check({ rules: [] }))[0]).toContain('no rules and no fixed faults');
    expect(messages(check({ rules: [rule] }, MAX_SEEDS + 1))).toEqual([
      'seeds: the number of seeds must be a whole number from 1 to 10,000; got 10001',
    ]);
    expect(messages(check({ rules: [{ ...rule, targets: ['broker-9'] }] }))).toEqual([
      'rules.0.targets.0: no node named "broker-9"',
    ]);
    expect(
      messages(check({ rules: [{ ...rule, window: { fromMs: 40_000, toMs: 50_000 } }] }))[0],
    ).toContain('after the end of the run');
    expect(messages(check({ rules: [{ ...rule, kind: 'partition' }] }))[0]).toContain(
      'needs peers',
    );
  });

  it('refuses a scenario whose seeds together are over the budget, naming the largest N that fits', () => {
    const doc = JSON.parse(JSON.stringify(acks1)) as { producers: object[] };
    const big = parseScenario({
      ...doc,
      durationMs: 3_600_000,
      producers: [{ ...doc.producers[0], ratePerSec: 1000, messages: 1_000_000 }],
    });
    expect(big.ok).toBe(true);
    if (!big.ok) return;
    const r = parseFaultModel(defaultModel(big.value), big.value, MAX_SEEDS);
    expect(r.ok).toBe(false);
    expect(messages(r).join('\n')).toMatch(
      /over the Monte Carlo budget .* run at most [\d,]+ seeds/,
    );
  });
});

describe('per-seed schedules', () => {
  const model = FaultModel.parse({
    rules: [
      {
        kind: 'crash',
        targets: ['broker-1', 'broker-2'],
        window: { fromMs: 1000, toMs: 9000 },
        count: 2,
        recoverAfterMs: { minMs: 2000, maxMs: 4000 },
      },
      {
        kind: 'partition',
        targets: ['broker-3'],
        peers: ['broker-1', 'broker-2'],
        window: { fromMs: 0, toMs: 20_000 },
        ratePerSec: 0.2,
        recoverAfterMs: { minMs: 500, maxMs: 500 },
      },
    ],
  });

  it('draws each seed the same way every time, inside the windows, and differently across seeds', () => {
    const a = drawSchedule(acks1, model, 7);
    expect(drawSchedule(acks1, model, 7)).toEqual(a);
    const crashes = a.filter((f) => f.type === 'crash');
    expect(crashes).toHaveLength(2);
    for (const f of crashes) {
      expect(f.atMs).toBeGreaterThanOrEqual(1000);
      expect(f.atMs).toBeLessThanOrEqual(9000);
    }
    for (let i = 1; i < a.length; i++)
      expect((a[i]?.atMs ?? 0) >= (a[i - 1]?.atMs ?? 0)).toBe(true);
    const distinct = new Set(
      [1, 2, 3, 4, 5, 6].map((s) => JSON.stringify(drawSchedule(acks1, model, s))),
    );
    expect(distinct.size).toBeGreaterThan(4);
  });

  it('a seed reproduces as a normal run of its concrete scenario, loaded like any file', () => {
    const m = defaultModel(acks1);
    const r = runSeed(acks1, m, 12);
    const doc = JSON.parse(JSON.stringify(seedScenario(acks1, m, 12))) as unknown;
    const parsed = parseScenario(doc);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const normal = new Run(parsed.value).finish();
    expect(normal.traceHash).toBe(r.traceHash);
    expect(normal.report.counts).toEqual(r.counts);
  });

  it('acks=1 with a random crash moment loses in some seeds and names the acks=1 mechanism first', () => {
    const m = defaultModel(acks1);
    const agg = new MonteCarloAggregate();
    for (let s = 1; s <= 12; s++) agg.add(runSeed(acks1, m, s));
    const sum = agg.summary();
    const lost = sum.kinds.find((k) => k.kind === 'lost');
    expect(lost?.seedsWithAny).toBeGreaterThan(0);
    expect(sum.mechanisms[0]?.id).toBe('kafka.acks1-leader-crash');
    expect(sum.worst[0]?.counts.lost).toBe(lost?.max);
  });
});
