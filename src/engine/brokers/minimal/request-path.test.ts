/**
 * Curriculum A2 (sync vs async): the latency the caller of system A waits for is the sum of the
 * hops on its path. Synchronous calls put every downstream service on the path; publishing to the
 * queue puts only the publish there, and the consumer makes the same calls afterwards.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, describeScenarioError } from '../../../scenario/load';
import { presetByName } from '../../../scenario/presets';
import type { Scenario, SingleNodeScenario } from '../../../scenario/schema';
import { runScenario } from '../../run';
import { scenario } from '../../testing/scenarios';

const load = (doc: unknown): Scenario => scenario(doc as Record<string, unknown>);

const SERVICE_MS = [300, 450, 200];
const LOCAL_MS = 3;
/** One-way link latency: fixed, so every hop's cost is known exactly. */
const LINK_MS = 1;

function path(
  calls: 'sync' | 'async',
  producer: Record<string, unknown> = {},
  services = SERVICE_MS,
): SingleNodeScenario {
  return load({
    version: 1,
    system: 'single-node',
    name: 'a2',
    seed: 5,
    durationMs: 20_000,
    network: { latency: { kind: 'fixed', ms: LINK_MS } },
    producers: [{ id: 'a', ratePerSec: 1, messages: 6, keys: 1, ...producer }],
    consumers: [{ id: 'c1', processingMs: { kind: 'fixed', ms: 1 } }],
    requestPath: {
      calls,
      localWriteMs: LOCAL_MS,
      services: services.map((ms, i) => ({ id: `svc-${i}`, serviceMs: { kind: 'fixed', ms } })),
    },
  }) as SingleNodeScenario;
}

describe('a request path (A2)', () => {
  it('sync: the caller waits for the local write plus every call, one round trip each', () => {
    const r = runScenario(path('sync'));
    const sum = SERVICE_MS.reduce((a, b) => a + b, 0);
    expect(r.stats.requests).toBe(6);
    expect(r.stats.callerLatencyP50Ms).toBe(LOCAL_MS + sum + SERVICE_MS.length * 2 * LINK_MS);
    // Nothing goes through the queue.
    expect(r.report.messages).toBe(0);
  });

  it('sync: a slower service is paid in full by the caller (the latency moves with it)', () => {
    const a = runScenario(path('sync')).stats.callerLatencyP50Ms as number;
    const b = runScenario(path('sync', {}, [300, 900, 200])).stats.callerLatencyP50Ms as number;
    expect(b - a).toBe(450);
  });

  it('async without confirms: the caller waits only for the local write', () => {
    const r = runScenario(path('async', { confirms: false }));
    expect(r.stats.callerLatencyP50Ms).toBe(LOCAL_MS);
  });

  it('async with confirms on a persistent message: the local write, a round trip and the fsync', () => {
    const s = path('async');
    const r = runScenario(s);
    const p50 = r.stats.callerLatencyP50Ms as number;
    expect(r.stats.requests).toBe(6);
    // The broker confirms after the batched fsync: at most one sync interval plus the fsync.
    expect(p50).toBeGreaterThanOrEqual(LOCAL_MS + 2 * LINK_MS + s.broker.fsyncLatencyMs);
    expect(p50).toBeLessThanOrEqual(
      LOCAL_MS + 2 * LINK_MS + s.broker.syncIntervalMs + s.broker.fsyncLatencyMs,
    );
  });

  it('async: the work still happens, off the caller’s path: the consumer makes every call', () => {
    const r = runScenario(path('async'));
    expect(r.report.counts.lost).toBe(0);
    expect(r.report.groups[0]?.fates.processed).toBe(6);
    const sends = new Map<number, number>();
    const ends: number[] = [];
    for (const o of r.record.history) {
      if (o.type === 'send') sends.set(o.msg, o.at);
      if (o.type === 'effect') ends.push(o.at - (sends.get(o.msg) ?? 0));
    }
    // From publish to effect: at least the three services, which the caller no longer waits for.
    const sum = SERVICE_MS.reduce((a, b) => a + b, 0);
    for (const us of ends) expect(us / 1000).toBeGreaterThan(sum);
  });

  it('a crashed service leaves the synchronous caller waiting: fewer requests answered', () => {
    const s = load({
      ...path('sync'),
      faults: [{ type: 'crash', node: 'svc-1', atMs: 2500 }],
    });
    const r = runScenario(s);
    expect(r.stats.requests as number).toBeLessThan(6);
  });

  it('rejects a service id that clashes with a node, naming the problem', () => {
    const doc = { ...path('sync') } as Record<string, unknown>;
    const rp = doc['requestPath'] as { services: { id: string }[] };
    rp.services[0] = { ...(rp.services[0] as { id: string }), id: 'c1' };
    const r = parseScenario(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(describeScenarioError(r.error)).toContain('duplicate node id "c1"');
  });

  it('rejects a bad calls value, naming the field', () => {
    const doc = { ...path('sync'), requestPath: { calls: 'maybe', services: [] } };
    const r = parseScenario(doc);
    expect(r.ok).toBe(false);
    if (!r.ok && r.error.kind === 'invalid')
      expect(r.error.issues.map((i) => i.path)).toContain('requestPath.calls');
  });

  it('the preset: sync near the notes’ 953 ms, async at least ten times faster', () => {
    const p = presetByName('single-node-a2-request-path') as Scenario;
    const sync = runScenario(p).stats.callerLatencyP50Ms as number;
    expect(sync).toBeGreaterThanOrEqual(953);
    expect(sync).toBeLessThan(953 + 20);
    const async = runScenario(
      load({ ...p, requestPath: { ...(p as SingleNodeScenario).requestPath, calls: 'async' } }),
    ).stats.callerLatencyP50Ms as number;
    expect(async * 10).toBeLessThan(sync);
  });

  it('is deterministic and changes nothing without a request path', () => {
    const s = path('async');
    expect(runScenario(s).traceHash).toBe(runScenario(s).traceHash);
    const { requestPath: _rp, ...plain } = s;
    const stats = runScenario(load(plain)).stats;
    expect(stats.requests).toBeUndefined();
    expect(stats.callerLatencyP50Ms).toBeUndefined();
  });
});
