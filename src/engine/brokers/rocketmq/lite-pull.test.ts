/**
 * Pull consumers (issue 13 item 4): DefaultLitePullConsumer (4.9.x) against the push consumer.
 * The application's loop polls a batch, processes it, polls again; poll() moves the queue's
 * consumeOffset past the batch at once, and commits those offsets to the offset store only at a
 * later poll() once autoCommitIntervalMillis (5 s) has passed, so a crash re-delivers everything
 * polled since the last auto commit: several seconds of messages even when the store is persisted
 * to the broker often. A push consumer's offset store follows each processed message.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../scenario/load';
import { run } from '../../testing/scenarios';
import { anomalies, rocketDoc, type Doc } from './testing';

/** c1 crashes right after a message processed at 12.5 s and restarts 1 s later. */
function doc(consumer: Doc): Doc {
  return rocketDoc({
    durationMs: 40_000,
    producers: [{ id: 'p1', topic: 'orders', ratePerSec: 100, messages: 2000 }],
    consumers: [
      {
        id: 'c1',
        consumerGroup: 'g1',
        topic: 'orders',
        consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
        // Offsets reach the broker every 100 ms: what repeats is what the client had not committed.
        persistConsumerOffsetInterval: 100,
        ...consumer,
      },
    ],
    faults: [
      { atMs: 12_500, type: 'crash', node: 'c1', when: 'after-process' },
      { atMs: 13_500, type: 'restart', node: 'c1' },
    ],
  });
}

function duplicated(consumer: Doc): number {
  const r = run(doc(consumer));
  expect(r.report.unaccounted).toBe(0);
  expect(r.report.counts.lost).toBe(0);
  const dups = anomalies(r, 'duplicated');
  // Every repeat is explained by a journalled mechanism.
  for (const a of dups) expect(a.mechanisms.length).toBeGreaterThan(0);
  return dups.length;
}

describe('RocketMQ DefaultLitePullConsumer (pull) against the push consumer', () => {
  it('a crash after poll and before the next auto commit re-delivers what was polled since the last commit', () => {
    const push = duplicated({});
    const lite = duplicated({ consumerType: 'LITE_PULL' });
    const perBatch = duplicated({ consumerType: 'LITE_PULL', autoCommit: false });
    // Push: only what was processed in the last persist interval (100 ms at 100 msg/s) comes back.
    expect(push).toBeLessThanOrEqual(15);
    // Lite pull: up to autoCommitIntervalMillis (5 s, 500 messages) of polled batches come back
    // (the last auto commit was at 10 s: 2.5 s, about 250 messages).
    expect(lite).toBeGreaterThan(200);
    expect(lite).toBeLessThanOrEqual(520);
    // commitSync after each batch: at most the batch in hand (pullBatchSize 10) and 100 ms more.
    expect(perBatch).toBeLessThanOrEqual(25);
    expect(perBatch).toBeLessThan(lite);
  });

  it('a shorter autoCommitIntervalMillis re-delivers less', () => {
    const long = duplicated({ consumerType: 'LITE_PULL' });
    const short = duplicated({ consumerType: 'LITE_PULL', autoCommitIntervalMillis: 1000 });
    expect(short).toBeLessThan(long);
    expect(short).toBeLessThanOrEqual(120);
  });

  it('lite pull knobs need consumerType LITE_PULL, which has no listener', () => {
    const issues = (c: Doc): string[] => {
      const r = parseScenario(doc(c));
      return r.ok || r.error.kind !== 'invalid' ? [] : r.error.issues.map((e) => e.path);
    };
    expect(issues({ consumerType: 'LITE_PULL', pullBatchSize: 32 })).toEqual([]);
    expect(issues({ pullBatchSize: 32 })).toEqual(['consumers.0.pullBatchSize']);
    expect(issues({ consumerType: 'LITE_PULL', listener: 'orderly' })).toEqual([
      'consumers.0.listener',
    ]);
  });
});
