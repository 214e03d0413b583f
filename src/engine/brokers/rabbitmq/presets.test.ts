/**
 * The RabbitMQ presets load, carry a bilingual title and description, and each shows what its
 * curriculum row promises (outcome and mechanism), with every message accounted for.
 */
import { describe, expect, it } from 'vitest';
import { describeScenarioError, parseScenario } from '../../../scenario/load';
import { RABBITMQ_PRESET_DOCUMENTS } from '../../../scenario/presets/rabbitmq';
import type { Scenario } from '../../../scenario/schema';
import { runScenario, type RunResult } from '../../run';

const presets = new Map<string, Scenario>();
for (const doc of RABBITMQ_PRESET_DOCUMENTS) {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(describeScenarioError(r.error));
  presets.set(r.value.name, r.value);
}
const results = new Map<string, RunResult>();
function run(name: string): RunResult {
  let r = results.get(name);
  if (!r) {
    const s = presets.get(name);
    if (!s) throw new Error(`no preset ${name}`);
    r = runScenario(s);
    results.set(name, r);
  }
  return r;
}
const lostIn = (r: RunResult, g?: string) =>
  r.report.anomalies.filter((a) => a.kind === 'lost' && (g === undefined || a.group === g));
const reasonOf = (r: RunResult, a: { details: { dropEntry?: number } }) =>
  r.record.journal.find((e) => e.id === a.details.dropEntry)?.data?.['reason'];
const fates = (r: RunResult, g: string) => r.report.groups.find((x) => x.group === g)?.fates;

describe('RabbitMQ presets', () => {
  it('cover A1, B2, B3, B4, B6, E1, E2, E3, E6, F2, F3, G1-G4 with en and zh text', () => {
    const rows = [...presets.keys()].map((n) => n.split('-')[1]?.toUpperCase());
    expect(rows).toEqual([
      'A1',
      'B2',
      'B3',
      'B4',
      'B6',
      'E1',
      'E2',
      'E3',
      'E6',
      'F2',
      'F3',
      'G1',
      'G2',
      'G3',
      'G4',
    ]);
    for (const s of presets.values()) {
      expect(s.title?.en.length).toBeGreaterThan(5);
      expect(s.title?.zh.length).toBeGreaterThan(3);
      expect(s.description?.en.length).toBeGreaterThan(200);
      expect(s.description?.zh.length).toBeGreaterThan(80);
    }
    expect(presets.get('rabbitmq-g3-topic-wildcards')?.description?.en).toMatch(
      /swaps.*`\*` matches exactly one word, `#` matches zero or more words/s,
    );
  });

  it('every preset accounts for every message', () => {
    for (const name of presets.keys())
      expect({ name, u: run(name).report.unaccounted }).toEqual({ name, u: 0 });
  });

  it('A1: every subscriber queue gets every message; the late one catches up', () => {
    const r = run('rabbitmq-a1-decoupling');
    for (const g of ['billing', 'shipping', 'analytics', 'audit'])
      expect(fates(r, g)?.processed).toBe(400);
  });

  it('B2: transactions are slower than confirms; a lost confirm duplicates, never loses', () => {
    const r = run('rabbitmq-b2-tx-vs-confirms');
    expect(r.report.counts.lost).toBe(0);
    expect(r.report.counts.duplicated).toBe(3);
    const acksOf = (p: string) =>
      r.record.history.filter(
        (o) => o.type === 'outcome' && o.producer === p && o.result === 'ack',
      );
    const lastAck = (p: string) => Math.max(...acksOf(p).map((o) => o.at));
    expect(lastAck('tx-publisher')).toBeGreaterThan(lastAck('confirm-publisher'));
  });

  it('B3: transient messages are discarded on restart, unflushed persistent ones lost silently', () => {
    const r = run('rabbitmq-b3-durable-persistent');
    const reasons = new Set(lostIn(r).map((a) => reasonOf(r, a)));
    expect(reasons.has('crash-transient')).toBe(true);
    expect(reasons.has('crash-unwritten')).toBe(true);
  });

  it('B4: autoAck loses, manual ack redelivers', () => {
    const r = run('rabbitmq-b4-autoack-vs-manual');
    expect(lostIn(r, 'with-autoack').length).toBeGreaterThan(0);
    expect(lostIn(r, 'with-manual-ack').length).toBe(0);
    expect(
      r.report.anomalies.some((a) => a.group === 'with-manual-ack' && a.kind === 'duplicated'),
    ).toBe(true);
  });

  it('B6: persistent messages in a non-durable queue are blackholed by a restart', () => {
    const r = run('rabbitmq-b6-persistence-cost');
    const l = lostIn(r, 'events');
    expect(l.length).toBeGreaterThan(0);
    expect(l.every((a) => reasonOf(r, a) === 'queue-deleted')).toBe(true);
    expect(lostIn(r, 'ledger').length).toBe(0);
  });

  it('E1: the single node down means an outage (publishes refused), nothing confirmed lost', () => {
    const r = run('rabbitmq-e1-single-node');
    expect(r.report.counts.lost).toBe(0);
    expect(
      r.record.journal.some(
        (e) => e.kind === 'reject' && e.data?.['reason'] === 'connection-closed',
      ),
    ).toBe(true);
  });

  it('E2: the queue owner down makes the queue unavailable through the other nodes', () => {
    const r = run('rabbitmq-e2-classic-cluster');
    expect(r.report.counts.lost).toBe(0);
    expect(
      r.record.journal.some((e) => e.kind === 'drop' && e.data?.['reason'] === 'queue-down'),
    ).toBe(true);
    // rabbit-1 forwards to the owner: a hop inside the cluster, never journalled as a republish.
    expect(r.record.journal.some((e) => e.kind === 'route' && e.data?.['forward'] === true)).toBe(
      true,
    );
    expect(
      r.record.journal.some((e) => e.kind === 'publish-retry' && e.node.startsWith('rabbit-')),
    ).toBe(false);
  });

  it('E3: a synchronised mirror takes over with nothing confirmed lost', () => {
    const r = run('rabbitmq-e3-mirrored');
    expect(r.report.counts.lost).toBe(0);
    expect(
      r.record.journal.some(
        (e) => e.kind === 'promote' && e.node === 'rabbit-2' && e.data?.['synced'] === true,
      ),
    ).toBe(true);
  });

  it('E6: pause_minority loses confirmed messages of the isolated leader on heal', () => {
    const r = run('rabbitmq-e6-partition');
    const l = lostIn(r);
    expect(l.length).toBeGreaterThan(0);
    expect(l.every((a) => reasonOf(r, a) === 'partition-leader-replaced')).toBe(true);
    expect(l[0]?.reason.zh).toMatch(/分区/);
  });

  it('F2: expired messages are dead-lettered with x-death and re-imported', () => {
    const r = run('rabbitmq-f2-ttl-dlx');
    // Dead-lettered is not lost: set aside in orders, and processed from the parking queue.
    expect(lostIn(r, 'orders')).toEqual([]);
    const l = r.report.setAside.filter((a) => a.group === 'orders');
    expect(l.length).toBeGreaterThan(100);
    expect(l.every((a) => a.fate === 'dead-lettered')).toBe(true);
    expect(l[0]?.reason.en).toMatch(/dead-letter exchange parking/);
    // The explained list is capped (SET_ASIDE_SHOWN); the fate counts are whole.
    expect(fates(r, 'parked')?.processed).toBe(fates(r, 'orders')?.['dead-lettered']);
  });

  it('F3: drop-head drops old messages silently, reject-publish nacks new ones', () => {
    const r = run('rabbitmq-f3-queue-full');
    const dh = lostIn(r, 'drop-head');
    expect(dh.length).toBeGreaterThan(0);
    expect(dh.every((a) => reasonOf(r, a) === 'overflow-drop-head')).toBe(true);
    expect(dh[0]?.reason.en).toMatch(/x-overflow=drop-head/);
    expect(dh[0]?.reason.zh).toMatch(/队列/);
    expect(lostIn(r, 'reject-publish').length).toBe(0);
    expect(fates(r, 'reject-publish')?.['never-accepted']).toBeGreaterThan(0);
    expect(r.record.history.some((o) => o.type === 'outcome' && o.result === 'nack')).toBe(true);
  });

  it('G1: vhosts are isolated namespaces', () => {
    const r = run('rabbitmq-g1-concepts');
    expect(fates(r, 'orders')?.processed).toBe(100);
    expect(fates(r, 'shop/orders')?.processed).toBe(100);
  });

  it('G2: competing consumers share the work queue round robin', () => {
    const r = run('rabbitmq-g2-work-modes');
    const by = (c: string) =>
      r.record.history.filter((o) => o.type === 'effect' && o.consumer === c).length;
    expect(by('worker-1') + by('worker-2')).toBe(160);
    expect(Math.abs(by('worker-1') - by('worker-2'))).toBeLessThanOrEqual(2);
    expect(fates(r, 'critical')?.processed).toBe(40);
    expect(fates(r, 'kernel')?.processed).toBe(40);
  });

  it('G3: * is one word, # is zero or more', () => {
    const r = run('rabbitmq-g3-topic-wildcards');
    // 40 messages cycle over 4 keys: 10 each.
    expect(fates(r, 'star')?.processed).toBe(10);
    expect(fates(r, 'hash')?.processed).toBe(30);
    expect(fates(r, 'hash-eu')?.processed).toBe(20);
    expect(fates(r, 'star-star-eu')?.processed).toBe(10);
  });

  it('G4: prefetch 1 gives the fast consumer most of the work', () => {
    const r = run('rabbitmq-g4-prefetch');
    const by = (c: string) =>
      r.record.history.filter((o) => o.type === 'effect' && o.consumer === c).length;
    expect(by('naive-fast')).toBe(by('naive-slow'));
    expect(by('fair-fast')).toBeGreaterThan(2 * by('fair-slow'));
  });
});
