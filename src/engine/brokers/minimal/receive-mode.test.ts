/**
 * Curriculum I3 (push vs pull vs long polling): the same trickle of messages to one consumer in
 * each mode. Push delivers as soon as a message is enqueued and costs no requests; pull finds the
 * queue empty most times it asks and leaves a message waiting up to one poll interval; a long poll
 * is answered the moment a message arrives, and asks again only when its wait runs out.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../scenario/load';
import type { Scenario } from '../../../scenario/schema';
import { runScenario } from '../../run';
import { scenario } from '../../testing/scenarios';

const load = (doc: unknown): Scenario => scenario(doc as Record<string, unknown>);

const POLL_MS = 200;
const DURATION_MS = 12_000;

function trickle(consumer: Record<string, unknown>): Scenario {
  return load({
    version: 1,
    system: 'single-node',
    name: 'i3',
    seed: 9,
    durationMs: DURATION_MS,
    network: { latency: { kind: 'fixed', ms: 1 } },
    producers: [{ id: 'p', ratePerSec: 2, messages: 20, keys: 1 }],
    consumers: [{ id: 'c1', processingMs: { kind: 'fixed', ms: 5 }, ...consumer }],
  });
}

describe('receive modes (I3)', () => {
  it('push: no polls, and a message waits in the queue for no time at all', () => {
    const r = runScenario(trickle({}));
    expect(r.stats.emptyPolls).toBe(0);
    expect(r.stats.queueWaitP50Ms).toBe(0);
    expect(r.report.groups[0]?.fates.processed).toBe(20);
  });

  it('pull: most polls come back empty, and a message waits up to a poll interval', () => {
    const r = runScenario(trickle({ receiveMode: 'pull', pollIntervalMs: POLL_MS }));
    expect(r.report.counts.lost).toBe(0);
    expect(r.report.groups[0]?.fates.processed).toBe(20);
    // About one empty poll per interval of the run, minus the ones that found a message.
    expect(r.stats.emptyPolls as number).toBeGreaterThan((DURATION_MS / POLL_MS) * 0.8 - 20);
    const wait = r.stats.queueWaitP50Ms as number;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(POLL_MS + 5);
  });

  it('pull: polling twice as often halves the wait and doubles the empty polls', () => {
    const slow = runScenario(trickle({ receiveMode: 'pull', pollIntervalMs: POLL_MS })).stats;
    const fast = runScenario(trickle({ receiveMode: 'pull', pollIntervalMs: POLL_MS / 2 })).stats;
    expect(fast.emptyPolls as number).toBeGreaterThan((slow.emptyPolls as number) * 1.6);
    expect(fast.queueWaitP50Ms as number).toBeLessThan(slow.queueWaitP50Ms as number);
  });

  it('long poll: answered as soon as a message comes, with few empty answers', () => {
    const r = runScenario(trickle({ receiveMode: 'long-poll', longPollWaitMs: 5000 }));
    expect(r.report.groups[0]?.fates.processed).toBe(20);
    expect(r.stats.queueWaitP50Ms).toBe(0);
    // Empty answers only when a wait of 5 s passes with nothing: after the last message.
    expect(r.stats.emptyPolls as number).toBeLessThanOrEqual(DURATION_MS / 5000);
  });

  it('a pulling consumer that crashes comes back and pulls again', () => {
    const s = load({
      ...trickle({ receiveMode: 'pull', pollIntervalMs: POLL_MS }),
      faults: [
        { type: 'crash', node: 'c1', atMs: 3000 },
        { type: 'restart', node: 'c1', atMs: 4000 },
      ],
    });
    const r = runScenario(s);
    expect(r.report.counts.lost).toBe(0);
    expect(r.report.groups[0]?.fates.processed).toBe(20);
  });

  it('rejects an unknown mode, naming the field', () => {
    const r = parseScenario({ ...trickle({}), consumers: [{ id: 'c1', receiveMode: 'poke' }] });
    expect(r.ok).toBe(false);
    if (!r.ok && r.error.kind === 'invalid')
      expect(r.error.issues.map((i) => i.path)).toContain('consumers.0.receiveMode');
  });
});
