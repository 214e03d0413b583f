/**
 * Several channels on one connection: each channel consumes with its own basic.qos prefetch;
 * closing (or crashing) the connection closes every channel and requeues all their unacked
 * deliveries; a channel-level error (consumer_timeout) closes only that channel.
 */
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../check/history';
import type { RunResult } from '../../run';
import { runRabbit } from './testing';

const vhosts = [
  {
    exchanges: [{ name: 'orders', type: 'direct' }],
    queues: [{ name: 'q' }],
    bindings: [{ source: 'orders', destination: 'q', routingKey: 'new' }],
  },
];
const pub = (extra: Record<string, unknown> = {}) => ({
  id: 'p1',
  exchange: 'orders',
  routingKeys: ['new'],
  ratePerSec: 100,
  messages: 20,
  ...extra,
});
const journal = (r: RunResult, kind: JournalEntry['kind'], reason?: string) =>
  r.record.journal.filter(
    (e) => e.kind === kind && (reason === undefined || e.data?.['reason'] === reason),
  );

describe('channels on one connection', () => {
  it('two channels with prefetch 1 each share round robin; a crash requeues both', () => {
    const r = runRabbit({
      durationMs: 6000,
      vhosts,
      publishers: [pub()],
      consumers: [
        {
          id: 'c1',
          queue: 'q',
          prefetch: 1,
          channels: 2,
          processingMs: { kind: 'fixed', ms: 100 },
          reconnectDelayMs: 1000,
        },
      ],
      faults: [
        { atMs: 1000, type: 'crash', node: 'c1', when: 'before-process' },
        { atMs: 1500, type: 'restart', node: 'c1' },
      ],
    });
    expect(r.report.unaccounted).toBe(0);
    expect(r.report.anomalies.filter((a) => a.kind === 'lost')).toEqual([]);
    const first = journal(r, 'dispatch').filter((e) => e.at < 1_000_000);
    const chans = first.map((e) => e.data?.['consumer']);
    // Each channel holds one unacked delivery at a time: both channels are used.
    expect(new Set(chans)).toEqual(new Set(['c1', 'c1#ch1']));
    // The first two deliveries go one per channel (round robin over the channel consumers).
    expect(chans.slice(0, 2).sort()).toEqual(['c1', 'c1#ch1']);
    // Connection close: both channels' unacked deliveries go back to the queue.
    const requeued = journal(r, 'requeue', 'connection-closed');
    expect(new Set(requeued.map((e) => e.data?.['consumer']))).toEqual(new Set(['c1', 'c1#ch1']));
    expect(requeued.every((e) => e.at >= 1_000_000 && e.at < 1_100_000)).toBe(true);
    // After restart the connection reopens both channels and everything is delivered.
    const delivered = new Set(
      r.record.history.flatMap((o) => (o.type === 'deliver' ? [o.msg] : [])),
    );
    expect(delivered.size).toBe(20);
    expect(
      journal(r, 'dispatch').some((e) => e.at > 1_500_000 && e.data?.['consumer'] === 'c1#ch1'),
    ).toBe(true);
  });

  it('a channel-level error (consumer_timeout) closes only that channel', () => {
    const r = runRabbit({
      durationMs: 12_000,
      cluster: { consumerTimeoutMs: 5000 },
      vhosts,
      publishers: [pub({ messages: 6, ratePerSec: 100 })],
      consumers: [
        {
          id: 'c1',
          queue: 'q',
          prefetch: 1,
          channels: 2,
          processingMs: { kind: 'fixed', ms: 3000 },
          reconnectDelayMs: 500,
        },
      ],
    });
    expect(r.report.unaccounted).toBe(0);
    const timeouts = r.record.journal.filter((e) => e.data?.['kind'] === 'consumer_timeout');
    expect(timeouts.length).toBeGreaterThan(0);
    // Channel 1's delivery waited behind channel 0's (one process): only channel 1 timed out.
    expect(timeouts[0]?.data?.['consumer']).toBe('c1#ch1');
    const requeued = journal(r, 'requeue', 'consumer_timeout');
    expect(requeued[0]?.data?.['consumer']).toBe('c1#ch1');
    // The connection stayed open: channel 0 was never closed, and channel 1 was reopened.
    expect(journal(r, 'requeue', 'connection-closed')).toEqual([]);
    const t = timeouts[0]!.at;
    expect(journal(r, 'dispatch').some((e) => e.at > t && e.data?.['consumer'] === 'c1')).toBe(
      true,
    );
    expect(journal(r, 'dispatch').some((e) => e.at > t && e.data?.['consumer'] === 'c1#ch1')).toBe(
      true,
    );
  });

  it('the default is one channel per connection', () => {
    const r = runRabbit({
      durationMs: 2000,
      vhosts,
      publishers: [pub()],
      consumers: [{ id: 'c1', queue: 'q', prefetch: 1 }],
    });
    expect(new Set(journal(r, 'dispatch').map((e) => e.data?.['consumer']))).toEqual(
      new Set(['c1']),
    );
  });
});
