/**
 * Properties of the Kafka model over random single-broker fault schedules (ground-truth K3, K11).
 * A failing seed found here is pinned as a named regression test below.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kafkaScenarioArb } from '../../testing/kafka-arbitrary';
import { run } from './testing';

/** More runs when hunting: `FC_RUNS=500 npx vitest run src/engine/brokers/kafka/properties.test.ts`. */
const RUNS = Number(process.env['FC_RUNS'] ?? 30);

const safeTopic = {
  'min.insync.replicas': 2,
  'unclean.leader.election.enable': false,
};

describe('Kafka properties', () => {
  it('acks=all, RF 3, min.insync.replicas=2, clean election: no acknowledged record is lost under any single broker failure', () => {
    fc.assert(
      fc.property(kafkaScenarioArb(safeTopic, { acks: 'all' }), (doc) => {
        const r = run(doc);
        expect(r.report.unaccounted).toBe(0);
        expect(r.report.counts.lost).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('enable.idempotence=true: retries never break per-key order from one producer', () => {
    fc.assert(
      fc.property(
        kafkaScenarioArb(safeTopic, {
          acks: 'all',
          'enable.idempotence': true,
          'max.in.flight.requests.per.connection': 5,
        }),
        (doc) => {
          const r = run(doc);
          expect(r.report.unaccounted).toBe(0);
          expect(r.report.counts.reordered).toBe(0);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('every run accounts for every message (no unaccounted fate), whatever the settings', () => {
    fc.assert(
      fc.property(
        kafkaScenarioArb(
          { 'min.insync.replicas': 1, 'unclean.leader.election.enable': true },
          { acks: '1', 'enable.idempotence': false },
        ),
        (doc) => {
          expect(run(doc).report.unaccounted).toBe(0);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('transactions, read_committed: no aborted record is read, nothing committed is lost, every record accounted for', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }).chain((abortEvery) =>
          kafkaScenarioArb(
            safeTopic,
            {
              acks: 'all',
              'transactional.id': 'tx',
              'transaction.records': 7,
              abortEvery,
            },
            { 'isolation.level': 'read_committed', 'enable.auto.commit': false },
          ),
        ),
        (doc) => {
          const r = run(doc);
          expect(r.report.unaccounted).toBe(0);
          expect(r.report.counts.unexpected).toBe(0);
          expect(r.report.counts.lost).toBe(0);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('consume-transform-produce processors (offsets in the transaction): nothing lost, nothing applied twice, every record accounted for', () => {
    fc.assert(
      fc.property(
        kafkaScenarioArb(
          safeTopic,
          { acks: 'all', 'transactional.id': 'tx', 'transaction.records': 5, abortEvery: 3 },
          {
            'isolation.level': 'read_committed',
            'enable.auto.commit': false,
            'max.poll.records': 10,
            processor: { 'transactional.id': 'proc' },
          },
        ),
        (doc) => {
          const r = run(doc);
          expect(r.report.unaccounted).toBe(0);
          expect(r.report.counts.unexpected).toBe(0);
          expect(r.report.counts.lost).toBe(0);
          expect(r.report.counts.duplicated).toBe(0);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('transactions, read_uncommitted: every record is accounted for (aborted reads are `unexpected`, not unaccounted)', () => {
    fc.assert(
      fc.property(
        kafkaScenarioArb(
          safeTopic,
          { acks: 'all', 'transactional.id': 'tx', 'transaction.records': 5, abortEvery: 2 },
          { 'isolation.level': 'read_uncommitted' },
        ),
        (doc) => {
          expect(run(doc).report.unaccounted).toBe(0);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
