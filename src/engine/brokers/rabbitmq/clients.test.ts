/**
 * Client behaviour of the RabbitMQ model that the real clients define: `tx.commit` is synchronous
 * (the publisher's thread blocks until `tx.commit-ok`), a commit that could not enqueue every copy
 * fails with a channel error instead of `tx.commit-ok`, and automatic connection recovery retries
 * every `networkRecoveryInterval` (`reconnectDelayMs`) until the node is back.
 */
import { describe, expect, it } from 'vitest';
import type { HistoryOp, JournalEntry } from '../../check/history';
import { parseScenario } from '../../../scenario/load';
import { RABBITMQ_PRESET_DOCUMENTS } from '../../../scenario/presets/rabbitmq';
import { runScenario, type RunResult } from '../../run';
import { runRabbit } from './testing';

function preset(name: string, patch: (doc: Record<string, unknown>) => void = () => undefined) {
  const found = RABBITMQ_PRESET_DOCUMENTS.find((d) => (d as { name: string }).name === name);
  const doc = structuredClone(found) as Record<string, unknown>;
  patch(doc);
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(`bad preset ${name}`);
  return runScenario(r.value);
}

const outcomes = (r: RunResult, producer: string, result?: string) =>
  r.record.history.filter(
    (o): o is Extract<HistoryOp, { type: 'outcome' }> =>
      o.type === 'outcome' &&
      o.producer === producer &&
      (result === undefined || o.result === result),
  );
const deliveries = (r: RunResult, consumer: string) =>
  r.record.history.filter((o) => o.type === 'deliver' && o.consumer === consumer);
const entries = (r: RunResult, kind: JournalEntry['kind'], node?: string) =>
  r.record.journal.filter((e) => e.kind === kind && (node === undefined || e.node === node));

describe('tx.commit is synchronous', () => {
  const r = preset('rabbitmq-b2-tx-vs-confirms');

  it('the transactional publisher sends nothing between tx.commit and tx.commit-ok', () => {
    let waiting = false;
    let overlaps = 0;
    for (const e of r.record.journal) {
      if (e.node !== 'tx-publisher') continue;
      if (e.kind === 'txn-commit') waiting = true;
      else if (e.kind === 'confirm-received' || e.kind === 'confirm-timeout') waiting = false;
      else if ((e.kind === 'publish' || e.kind === 'publish-retry') && waiting) overlaps++;
    }
    expect(entries(r, 'txn-commit', 'tx-publisher').length).toBeGreaterThan(100);
    expect(overlaps).toBe(0);
  });

  it('costs throughput: one round trip per commit, well below the confirm publisher', () => {
    const inFirst = (p: string, us: number) =>
      outcomes(r, p, 'ack').filter((o) => o.at < us).length;
    // Both ask for 400 messages a second; the confirm publisher gets them, tx does not.
    expect(inFirst('confirm-publisher', 4_000_000)).toBeGreaterThan(1500);
    expect(inFirst('tx-publisher', 4_000_000)).toBeLessThan(
      0.6 * inFirst('confirm-publisher', 4_000_000),
    );
    // Not from losses: every tx publish that was sent was committed.
    expect(outcomes(r, 'tx-publisher').every((o) => o.result === 'ack')).toBe(true);
  });

  it('a commit whose queue is down fails with a channel error, not tx.commit-ok', () => {
    const e2 = preset('rabbitmq-e2-classic-cluster', (d) => {
      const p = (d['publishers'] as Record<string, unknown>[])[0] as Record<string, unknown>;
      delete p['confirms'];
      p['tx'] = true;
    });
    // Walk the journal: a commit answer fails exactly when one of its copies was refused since
    // that message's previous answer (a republish can succeed after the owner is back).
    const refused = new Set<number>();
    let answers = 0;
    let failures = 0;
    for (const e of e2.record.journal) {
      if (e.kind === 'drop' && e.data?.['reason'] === 'queue-down')
        for (const m of e.msgs ?? []) refused.add(m);
      if (e.kind !== 'confirm-sent' || e.data?.['tx'] !== true) continue;
      const failed = (e.msgs ?? []).some((m) => refused.has(m));
      expect({ id: e.id, ok: e.data['ok'] !== false }).toEqual({ id: e.id, ok: !failed });
      for (const m of e.msgs ?? []) refused.delete(m);
      answers++;
      if (failed) failures++;
    }
    expect(failures).toBeGreaterThan(0);
    expect(answers).toBeGreaterThan(failures);
    const errors = outcomes(e2, 'shop', 'error').filter((o) => o.error === 'partial-tx-completion');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((o) => !o.definite)).toBe(true);
  });
});

describe('automatic connection recovery', () => {
  it('E1: after the node restarts, the publisher resumes and the consumer returns within one recovery interval', () => {
    const r = preset('rabbitmq-e1-single-node');
    const restart = entries(r, 'restart', 'rabbit-1')[0]?.at ?? Infinity;
    expect(restart).toBe(8_000_000);
    const acksAfter = outcomes(r, 'shop', 'ack').filter((o) => o.at > restart);
    expect(acksAfter.length).toBeGreaterThan(300);
    // reconnectDelayMs is 1000 in this preset: attempts every second find the node within 1 s.
    expect(Math.min(...acksAfter.map((o) => o.at))).toBeLessThan(restart + 1_100_000);
    const back = deliveries(r, 'worker').filter((o) => o.at > restart);
    expect(back.length).toBeGreaterThan(300);
    expect(Math.min(...back.map((o) => o.at))).toBeLessThan(restart + 1_100_000);
  });

  it('E2: the consumer of the crashed queue owner comes back after its restart', () => {
    const r = preset('rabbitmq-e2-classic-cluster');
    const restart = entries(r, 'restart', 'rabbit-2')[0]?.at ?? Infinity;
    const back = deliveries(r, 'worker').filter((o) => o.at > restart);
    expect(back.length).toBeGreaterThan(100);
    expect(Math.min(...back.map((o) => o.at))).toBeLessThan(restart + 1_100_000);
  });

  it('reconnectDelayMs is the interval between attempts (default 5000 ms, the Java client)', () => {
    const run = (delay?: number) =>
      runRabbit({
        durationMs: 20_000,
        vhosts: [{ queues: [{ name: 'q' }] }],
        publishers: [
          {
            id: 'p1',
            routingKeys: ['q'],
            ratePerSec: 50,
            messages: 900,
            confirms: true,
            ...(delay === undefined ? {} : { reconnectDelayMs: delay }),
          },
        ],
        consumers: [
          {
            id: 'c1',
            queue: 'q',
            ...(delay === undefined ? {} : { reconnectDelayMs: delay }),
          },
        ],
        faults: [
          { atMs: 2000, type: 'crash', node: 'rabbit-1' },
          { atMs: 9500, type: 'restart', node: 'rabbit-1' },
        ],
      });
    const firstAfter = (r: RunResult) =>
      Math.min(
        ...outcomes(r, 'p1', 'ack')
          .filter((o) => o.at > 9_500_000)
          .map((o) => o.at),
      );
    // Closed at 2 s by the crash: attempts at 7, 12 s with 5 s; at 4, 6, 8, 10 s with 2 s.
    const dflt = firstAfter(run());
    expect(dflt).toBeGreaterThan(12_000_000);
    expect(dflt).toBeLessThan(12_100_000);
    const fast = firstAfter(run(2000));
    expect(fast).toBeGreaterThan(10_000_000);
    expect(fast).toBeLessThan(10_100_000);
  });

  it('a machine that lost power answers nothing: the attempt waits out the 60 s connection timeout', () => {
    const r = runRabbit({
      durationMs: 90_000,
      vhosts: [{ queues: [{ name: 'q' }] }],
      publishers: [{ id: 'p1', routingKeys: ['q'], ratePerSec: 10, messages: 900, confirms: true }],
      consumers: [{ id: 'c1', queue: 'q', heartbeatMs: 2000 }],
      faults: [
        { atMs: 1000, type: 'power-loss', node: 'rabbit-1' },
        { atMs: 20_000, type: 'restart', node: 'rabbit-1' },
      ],
    });
    // c1 notices after two silent heartbeats (~4-5 s), retries 5 s later (~10 s): nothing
    // answers, so that attempt fails only at ~70 s and the next one at ~75 s succeeds.
    const back = deliveries(r, 'c1').filter((o) => o.at > 20_000_000);
    expect(back.length).toBeGreaterThan(0);
    const first = Math.min(...back.map((o) => o.at));
    expect(first).toBeGreaterThan(70_000_000);
    expect(first).toBeLessThan(80_000_000);
  });
});
