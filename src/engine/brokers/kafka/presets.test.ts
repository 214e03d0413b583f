/**
 * The Kafka presets show what their descriptions promise, and changing the knob each description
 * names shows the difference it announces.
 */
import { describe, expect, it } from 'vitest';
import { KAFKA_PRESET_DOCUMENTS } from '../../../scenario/presets/kafka';
import { run, type Doc } from './testing';

function preset(name: string, change?: (d: Doc) => void): Doc {
  const found = (KAFKA_PRESET_DOCUMENTS as Doc[]).find((d) => d['name'] === name);
  if (!found) throw new Error(`no preset ${name}`);
  const d = structuredClone(found);
  change?.(d);
  return d;
}

const arr = (d: Doc, k: string): Doc[] => d[k] as Doc[];
const obj = (d: Doc, k: string): Doc => d[k] as Doc;

describe('Kafka presets', () => {
  it('cover curriculum rows B5, C1, C2, C3, D3, D4, E4, K18 and the two e2e leader-crash presets', () => {
    const names = (KAFKA_PRESET_DOCUMENTS as Doc[]).map((d) => d['name']);
    for (const n of [
      'kafka-acks1-leader-crash',
      'kafka-acks-all-leader-crash',
      'kafka-b5-no-loss-recipe',
      'kafka-c1-duplicates',
      'kafka-c2-idempotent-consumer',
      'kafka-c3-idempotent-producer',
      'kafka-d3-key-ordering',
      'kafka-d4-retry-reordering',
      'kafka-e4-replication',
      'kafka-k18-transactions',
    ])
      expect(names).toContain(n);
    for (const d of KAFKA_PRESET_DOCUMENTS as Doc[]) {
      const t = obj(d, 'title');
      const desc = obj(d, 'description');
      expect(String(t['en']).length).toBeGreaterThan(10);
      expect(String(t['zh']).length).toBeGreaterThan(5);
      expect(String(desc['en']).length).toBeGreaterThan(200);
      expect(String(desc['zh']).length).toBeGreaterThan(100);
    }
  });

  it('kafka-acks1-leader-crash loses acknowledged records; its text names the leader', () => {
    const d = preset('kafka-acks1-leader-crash');
    expect(String(obj(d, 'title')['en'])).toContain('broker-1, leader of orders-0');
    expect(String(obj(d, 'description')['zh'])).toContain('broker-1 是 leader');
    const r = run(d);
    expect(r.report.unaccounted).toBe(0);
    expect(r.report.counts.lost).toBeGreaterThan(0);
    const a = r.report.anomalies.find((x) => x.kind === 'lost');
    expect(a?.reason.en).toMatch(/broker-1 crashed at 5\.000 s/);
  });

  it('kafka-acks-all-leader-crash: the same crash loses nothing', () => {
    const d = preset('kafka-acks-all-leader-crash');
    expect(String(obj(d, 'title')['en'])).toContain('broker-1, leader of orders-0');
    expect(arr(d, 'faults')).toEqual(arr(preset('kafka-acks1-leader-crash'), 'faults'));
    const r = run(d);
    expect(r.report.unaccounted).toBe(0);
    expect(r.report.counts.lost).toBe(0);
    expect(r.report.groups[0]?.fates.processed).toBe(2500);
  });

  it('B5: the recipe loses nothing; acks=1 or commit before processing each lose records', () => {
    expect(run(preset('kafka-b5-no-loss-recipe')).report.counts.lost).toBe(0);
    const acks1 = run(
      preset('kafka-b5-no-loss-recipe', (d) => {
        for (const p of arr(d, 'producers')) p['acks'] = '1';
      }),
    );
    expect(acks1.report.counts.lost).toBeGreaterThan(0);
    const before = run(
      preset('kafka-b5-no-loss-recipe', (d) => {
        for (const c of arr(d, 'consumers')) c['commit'] = 'before-processing';
        const f = arr(d, 'faults').find((x) => x['node'] === 'c1' && x['type'] === 'crash');
        if (f) f['when'] = 'after-commit';
      }),
    );
    expect(before.report.counts.lost).toBeGreaterThan(0);
  });

  it('C1 duplicates effects; C2 delivers duplicates but the unique key absorbs them', () => {
    const c1 = run(preset('kafka-c1-duplicates'));
    expect(c1.report.counts.duplicated).toBeGreaterThan(0);
    expect(c1.report.anomalies.some((a) => a.details.effectsApplied > 1)).toBe(true);
    const c2 = run(preset('kafka-c2-idempotent-consumer'));
    expect(c2.report.counts.duplicated).toBeGreaterThan(0);
    expect(c2.report.anomalies.every((a) => a.details.effectsApplied <= 1)).toBe(true);
    expect(c2.report.anomalies.some((a) => a.details.effectsAbsorbed > 0)).toBe(true);
  });

  it('C3: no duplicate with idempotence; duplicates with enable.idempotence=false and acks=1', () => {
    expect(run(preset('kafka-c3-idempotent-producer')).report.counts.duplicated).toBe(0);
    const off = run(
      preset('kafka-c3-idempotent-producer', (d) => {
        const p = arr(d, 'producers')[0] as Doc;
        p['enable.idempotence'] = false;
        p['acks'] = '1';
      }),
    );
    expect(off.report.counts.duplicated).toBeGreaterThan(0);
  });

  it('D3: per-key order holds on one thread per partition, breaks with 4 worker threads', () => {
    expect(run(preset('kafka-d3-key-ordering')).report.counts.reordered).toBe(0);
    const threads = run(
      preset('kafka-d3-key-ordering', (d) => {
        for (const c of arr(d, 'consumers')) c['threads'] = 4;
      }),
    );
    expect(threads.report.counts.reordered).toBeGreaterThan(0);
  });

  it('D4 (M3): max.in.flight.requests.per.connection=1 without idempotence keeps the order too', () => {
    const one = run(
      preset('kafka-d4-retry-reordering', (d) => {
        (arr(d, 'producers')[0] as Doc)['max.in.flight.requests.per.connection'] = 1;
      }),
    );
    // The dropped requests were retried, and the retries did not let later batches overtake them.
    expect(one.record.journal.some((e) => e.mech === 'kafka.retry-without-idempotence')).toBe(true);
    expect(one.report.counts.reordered).toBe(0);
    expect(one.report.unaccounted).toBe(0);
  });

  it('D4: retries reorder without idempotence; enable.idempotence=true keeps the order', () => {
    expect(run(preset('kafka-d4-retry-reordering')).report.counts.reordered).toBeGreaterThan(0);
    const idem = run(
      preset('kafka-d4-retry-reordering', (d) => {
        const p = arr(d, 'producers')[0] as Doc;
        p['enable.idempotence'] = true;
        p['acks'] = 'all';
      }),
    );
    expect(idem.report.counts.reordered).toBe(0);
  });

  it('E4: unclean election loses acknowledged writes; with it off nothing is lost', () => {
    const r = run(preset('kafka-e4-replication'));
    expect(r.report.counts.lost).toBeGreaterThan(0);
    expect(r.report.anomalies.find((a) => a.kind === 'lost')?.reason.en).toMatch(
      /unclean election/,
    );
    const clean = run(
      preset('kafka-e4-replication', (d) => {
        obj(d, 'topic')['unclean.leader.election.enable'] = false;
      }),
    );
    expect(clean.report.counts.lost).toBe(0);
  });

  it('kafka-k18-transactions: the processor commits outputs and offsets atomically across its crash; read_uncommitted reads aborted ones', () => {
    const r = run(preset('kafka-k18-transactions'));
    expect(r.report.unaccounted).toBe(0);
    expect(r.report.counts.unexpected).toBe(0);
    expect(r.report.counts.lost).toBe(0);
    expect(r.report.counts.duplicated).toBe(0);
    expect(r.report.groups[0]?.fates.aborted).toBe(100);
    expect(r.report.groups[0]?.fates.processed).toBe(200);
    // c1's crash mid-batch aborted its transaction; the restart fenced the old instance.
    expect(
      r.record.journal.some(
        (e) => e.kind === 'txn-abort' && e.data?.['reason'] === 'fenced-by-init',
      ),
    ).toBe(true);
    const commitAfter = run(
      preset('kafka-k18-transactions', (d) => {
        const c = arr(d, 'consumers')[0] as Doc;
        c['processor'] = { 'transactional.id': 'c1-tx', offsets: 'commit-after' };
        (arr(d, 'faults')[0] as Doc)['when'] = 'after-commit';
      }),
    );
    expect(commitAfter.report.unaccounted).toBe(0);
    expect(commitAfter.report.counts.duplicated).toBeGreaterThan(0);
    const u = run(
      preset('kafka-k18-transactions', (d) => {
        (arr(d, 'consumers')[0] as Doc)['isolation.level'] = 'read_uncommitted';
      }),
    );
    expect(u.report.unaccounted).toBe(0);
    expect(u.report.counts.unexpected).toBe(100);
  });
});
