/**
 * Curriculum F1 (a backlog of millions): the queue's backlog peak and the moment it drains are in
 * the run's report, and consumers added at a moment drain it sooner for the reason the notes give:
 * more consumers, more messages processed per second.
 */
import { describe, expect, it } from 'vitest';
import { presetByName } from '../../../scenario/presets';
import type { Scenario } from '../../../scenario/schema';
import { runScenario } from '../../run';
import { scenario } from '../../testing/scenarios';

const load = (doc: unknown): Scenario => scenario(doc as Record<string, unknown>);

const PROCESS_MS = 20;
const RATE = 200;
const MESSAGES = 3000;

/** One slow consumer from the start, `extra` more from `atMs`. */
function backlog(extra: number, atMs = 10_000): Scenario {
  const c = (id: string, startMs = 0) => ({
    id,
    startMs,
    prefetch: 10,
    processingMs: { kind: 'fixed', ms: PROCESS_MS },
  });
  return load({
    version: 1,
    system: 'single-node',
    name: 'f1',
    seed: 11,
    durationMs: 70_000,
    producers: [{ id: 'p', ratePerSec: RATE, messages: MESSAGES, keys: 8 }],
    consumers: [c('c0'), ...Array.from({ length: extra }, (_x, i) => c(`s${i + 1}`, atMs))],
  });
}

describe('the backlog in the report (F1)', () => {
  it('peaks near what the producer outpaces the consumer by, and drains when the last message is acked', () => {
    const r = runScenario(backlog(0));
    const perSec = 1000 / PROCESS_MS;
    const produceS = MESSAGES / RATE;
    // While producing, the queue grows by RATE - perSec a second.
    expect(r.stats.backlogPeak as number).toBeGreaterThan((RATE - perSec) * produceS * 0.95);
    expect(r.stats.backlogPeak as number).toBeLessThanOrEqual(MESSAGES);
    // One consumer alone needs MESSAGES / perSec seconds for everything.
    expect(r.stats.drainedAtMs as number).toBeGreaterThanOrEqual((MESSAGES / perSec) * 1000);
    const lastEffect = Math.max(
      ...r.record.history.filter((o) => o.type === 'effect').map((o) => o.at),
    );
    expect(r.stats.drainedAtMs as number).toBeGreaterThanOrEqual(lastEffect / 1000);
  });

  it('more consumers at 10 s drain it sooner, in proportion to the consumers added', () => {
    const alone = runScenario(backlog(0)).stats.drainedAtMs as number;
    const ten = runScenario(backlog(9)).stats.drainedAtMs as number;
    expect(ten).toBeLessThan(alone / 2);
    // Ten consumers at 50/s each outpace the producer: the queue is empty soon after it stops.
    expect(ten).toBeLessThan((MESSAGES / RATE) * 1000 + 5000);
  });

  it('help that comes later drains later', () => {
    const early = runScenario(backlog(9, 5_000)).stats.drainedAtMs as number;
    const late = runScenario(backlog(9, 30_000)).stats.drainedAtMs as number;
    expect(late).toBeGreaterThan(early);
  });

  it('reports -1 when the queue still holds messages at the end', () => {
    const s = backlog(0);
    const r = runScenario(load({ ...s, durationMs: 20_000 }));
    expect(r.stats.drainedAtMs).toBe(-1);
  });

  it('the preset and its variant', () => {
    const p = presetByName('single-node-f1-backlog-scale-out') as Scenario;
    const r = runScenario(p);
    expect(r.report.counts.lost).toBe(0);
    expect(r.stats.drainedAtMs as number).toBeGreaterThan(10_000);
    expect(r.stats.drainedAtMs as number).toBeLessThan(20_000);
  });
});
