/**
 * basic.get deliveries that were not acknowledged go back to the queue when the poller's
 * connection goes, like a consumer's: RabbitMQ records them in the channel's unacked tags and
 * `rabbit_amqqueue_process:handle_ch_down` requeues every one of them (3.10).
 */
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../check/history';
import { runRabbit } from './testing';

/** One queue, 5 messages at once, one manual-ack poller that takes 1.5 s per message. */
function run(fault: 'crash' | 'power-loss') {
  return runRabbit({
    seed: 11,
    durationMs: 12_000,
    vhosts: [{ queues: [{ name: 'q' }] }],
    publishers: [{ id: 'p0', routingKeys: ['q'], ratePerSec: 100, messages: 5 }],
    consumers: [
      {
        id: 'c0',
        queue: 'q',
        mode: 'get',
        pollMs: 50,
        processingMs: { kind: 'fixed', ms: 1500 },
        reconnectDelayMs: 200,
      },
    ],
    // While it processes its second message (taken at about 1.5 s).
    faults: [
      { atMs: 2000, type: fault, node: 'c0' },
      { atMs: 2500, type: 'restart', node: 'c0' },
    ],
  });
}

const getRequeues = (journal: readonly JournalEntry[]) =>
  journal.filter((e) => e.kind === 'requeue' && e.data?.['method'] === 'basic.get');

describe('basic.get and a closed connection', () => {
  for (const fault of ['crash', 'power-loss'] as const) {
    it(`a poller's ${fault}: the message it held unacknowledged is requeued, redelivered and processed`, () => {
      const r = run(fault);
      const journal = r.record.journal;
      const req = getRequeues(journal);
      expect(req.length).toBe(1);
      const e = req[0] as JournalEntry;
      expect(e.mech).toBe('rabbit.requeue');
      const stop = journal.find((x) => x.kind === fault && x.node === 'c0');
      expect(e.links?.find((l) => l.role === 'fault')?.id).toBe(stop?.id);
      const id = e.msgs?.[0];
      // Delivered again, marked redelivered, after the requeue.
      const again = r.record.history.filter(
        (o) => o.type === 'deliver' && o.msg === id && o.at > e.at,
      );
      expect(again.length).toBe(1);
      expect(r.report.unaccounted).toBe(0);
      expect(r.report.counts.lost).toBe(0);
      // All five had their effect; the requeued one possibly twice (at-least-once).
      const processed = new Set(
        r.record.history.filter((o) => o.type === 'effect').map((o) => o.msg),
      );
      expect(processed.size).toBe(5);
    });
  }
});
