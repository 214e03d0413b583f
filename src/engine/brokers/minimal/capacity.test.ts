/**
 * Curriculum A3 (peak shaving: bursts against a database that serves a fixed QPS) and F1
 * (consumer scale-out at a moment for a backlog), on the single-node broker.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, describeScenarioError } from '../../../scenario/load';
import type { Scenario } from '../../../scenario/schema';
import { runScenario } from '../../run';
import type { HistoryOp } from '../../check/history';

function load(doc: Record<string, unknown>): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(describeScenarioError(r.error));
  return r.value;
}

/** A steady 50/s with a 1 s burst at 500/s from 1 s; `consumers` write to a 200 QPS database. */
function peak(consumers: Record<string, unknown>[], database: Record<string, unknown> | null) {
  return load({
    version: 1,
    system: 'single-node',
    name: 'peak',
    seed: 7,
    durationMs: 12_000,
    producers: [
      {
        id: 'p1',
        ratePerSec: 50,
        messages: 800,
        bursts: [{ atMs: 1000, durationMs: 1000, ratePerSec: 500 }],
      },
    ],
    consumers,
    ...(database ? { database } : {}),
  });
}

const worker = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  processingMs: { kind: 'fixed', ms: 1 },
  prefetch: 10,
  ...extra,
});

/** Effects per whole second of virtual time. */
function perSecond(ops: readonly HistoryOp[], type: HistoryOp['type']): number[] {
  const out: number[] = [];
  for (const o of ops)
    if (o.type === type) {
      const s = Math.floor(o.at / 1_000_000);
      out[s] = (out[s] ?? 0) + 1;
    }
  return Array.from(out, (v) => v ?? 0);
}

describe('bursts (a producer rate schedule)', () => {
  it('publishes at the burst rate inside the burst and the steady rate outside it', () => {
    const r = runScenario(peak([worker('c1')], null));
    const sends = perSecond(r.record.history, 'send');
    expect(sends[0]).toBeGreaterThanOrEqual(48);
    expect(sends[0]).toBeLessThanOrEqual(51);
    expect(sends[1]).toBeGreaterThanOrEqual(495);
    expect(sends[1]).toBeLessThanOrEqual(501);
    expect(sends[2]).toBeLessThanOrEqual(51);
  });

  it('rejects a burst with a bad rate, naming the field', () => {
    const r = parseScenario({
      version: 1,
      system: 'single-node',
      name: 'x',
      durationMs: 1000,
      producers: [{ id: 'p1', bursts: [{ atMs: 0, durationMs: 100, ratePerSec: 0 }] }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok && r.error.kind === 'invalid')
      expect(r.error.issues[0]?.path).toBe('producers.0.bursts.0.ratePerSec');
  });
});

describe('a capacity-limited database (A3 peak shaving)', () => {
  const db = { maxQps: 200, maxWaiting: 5 };

  it('through the queue: the database never serves more than its QPS, the backlog drains, nothing is lost', () => {
    const r = runScenario(peak([worker('c1'), worker('c2')], db));
    const effects = perSecond(r.record.history, 'effect');
    expect(Math.max(...effects)).toBeLessThanOrEqual(201);
    // The burst could not be written as it came: it drained over the following seconds.
    expect(effects.filter((n) => n >= 190).length).toBeGreaterThanOrEqual(2);
    expect(r.report.counts.lost).toBe(0);
    expect(r.report.messages).toBe(r.record.history.filter((o) => o.type === 'effect').length);
  });

  it('without a buffer (many auto-ack consumers writing as messages come) the database refuses writes and messages are lost', () => {
    const many = Array.from({ length: 40 }, (_x, i) =>
      worker(`c${i}`, { autoAck: true, prefetch: 0 }),
    );
    const r = runScenario(peak(many, db));
    expect(r.report.counts.lost).toBeGreaterThan(0);
    const reasons = r.record.journal
      .filter((e) => e.kind === 'drop')
      .map((e) => e.data?.['reason']);
    expect(new Set(reasons)).toEqual(new Set(['db-overloaded']));
  });

  it('a manual-ack consumer retries a refused write: slower, nothing lost', () => {
    const many = Array.from({ length: 40 }, (_x, i) => worker(`c${i}`, { prefetch: 1 }));
    const r = runScenario(peak(many, db));
    expect(r.report.counts.lost).toBe(0);
  });

  it('is deterministic: same seed, same trace', () => {
    const s = peak([worker('c1'), worker('c2')], db);
    expect(runScenario(s).traceHash).toBe(runScenario(s).traceHash);
  });
});

describe('consumer scale-out at a moment (F1)', () => {
  /** A slow consumer builds a backlog; `extra` consumers join at 4 s. */
  function backlog(extra: number) {
    return load({
      version: 1,
      system: 'single-node',
      name: 'backlog',
      seed: 3,
      durationMs: 30_000,
      producers: [{ id: 'p1', ratePerSec: 200, messages: 1000 }],
      consumers: [
        worker('c0', { processingMs: { kind: 'fixed', ms: 20 } }),
        ...Array.from({ length: extra }, (_x, i) =>
          worker(`s${i}`, { startMs: 4000, processingMs: { kind: 'fixed', ms: 20 } }),
        ),
      ],
    });
  }
  const drainedAt = (s: Scenario) => {
    const effects = runScenario(s).record.history.filter((o) => o.type === 'effect');
    return Math.max(...effects.map((o) => o.at));
  };

  it('consumers added at 4 s drain the backlog sooner than the one slow consumer', () => {
    const alone = drainedAt(backlog(0));
    const scaled = drainedAt(backlog(9));
    // One consumer at 50/s needs 20 s for 1000 messages; ten from 4 s need well under half.
    expect(alone).toBeGreaterThan(19_000_000);
    expect(scaled).toBeLessThan(alone / 2);
  });
});
