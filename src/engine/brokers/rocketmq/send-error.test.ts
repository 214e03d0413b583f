/**
 * A broker error response to a send (rocketmq-all-4.9.8). broker-b's disk passes
 * diskSpaceWarningLevelRatio: the clean service marks the store DISK_FULL and
 * DefaultMessageStore.checkStoreStatus refuses writes, answered SERVICE_NOT_AVAILABLE
 * (SendMessageProcessor). A sync send retries it on another broker (sendDefaultImpl: the code is
 * in DefaultMQProducer.retryResponseCodes); an async send does not (MQClientAPIImpl
 * sendMessageAsync: processSendResponse throws MQBrokerException, onExceptionImpl with
 * needRetry=false), so the callback gets onException after one attempt.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../run';
import { run } from '../../testing/scenarios';
import { rocketDoc } from './testing';

/** broker-a and broker-b, one master each; broker-b's disk fills at 4 s (noticed at 10 s). */
function diskFull(sendMode: 'sync' | 'async'): RunResult {
  return run(
    rocketDoc({
      brokers: [
        { id: 'broker-a-0', brokerName: 'broker-a', brokerId: 0 },
        { id: 'broker-b-0', brokerName: 'broker-b', brokerId: 0, diskFullAtMs: 4000 },
      ],
      producers: [{ id: 'p1', topic: 'orders', ratePerSec: 100, messages: 2000, sendMode }],
    }),
  );
}

const refusals = (r: RunResult) =>
  r.record.journal.filter(
    (e) => e.kind === 'produce-error' && e.data?.['error'] === 'SERVICE_NOT_AVAILABLE',
  );

function neverAccepted(r: RunResult): number {
  return r.report.groups.find((g) => g.group === 'g1')?.fates['never-accepted'] ?? -1;
}

describe('RocketMQ: a broker answers a send with an error (DISK_FULL -> SERVICE_NOT_AVAILABLE)', () => {
  it('the store refuses writes from the clean service run after the disk fills, not before', () => {
    const r = diskFull('sync');
    const at = refusals(r).map((e) => e.at);
    expect(at.length).toBeGreaterThan(0);
    expect(Math.min(...at)).toBeGreaterThanOrEqual(10_000_000);
    for (const e of refusals(r)) expect(e.data?.['broker']).toBe('broker-b-0');
  });

  it('sync: each refused send is retried on broker-a (retryResponseCodes holds SERVICE_NOT_AVAILABLE), none is lost', () => {
    const r = diskFull('sync');
    expect(r.report.unaccounted).toBe(0);
    const refused = refusals(r);
    expect(refused.length).toBeGreaterThan(0);
    const retries = r.record.journal.filter(
      (e) => e.kind === 'publish-retry' && e.mech === 'rocketmq.send-retry',
    );
    const retried = new Set(retries.map((e) => e.msgs?.[0]));
    for (const e of refused) expect(retried.has(e.msgs?.[0])).toBe(true);
    for (const e of retries) expect(e.data?.['brokerName']).toBe('broker-a');
    expect(neverAccepted(r)).toBe(0);
    expect(r.report.counts.lost).toBe(0);
  });

  it('async: a refused send is not retried; the callback gets onException after 1 attempt', () => {
    const r = diskFull('async');
    expect(r.report.unaccounted).toBe(0);
    const refused = refusals(r);
    expect(refused.length).toBeGreaterThan(0);
    expect(r.record.journal.filter((e) => e.kind === 'publish-retry')).toEqual([]);
    const gaveUp = r.record.journal.filter((e) => e.mech === 'rocketmq.async-send-failed');
    expect(gaveUp.map((e) => e.msgs?.[0]).sort()).toEqual(refused.map((e) => e.msgs?.[0]).sort());
    for (const e of gaveUp) {
      expect(e.data?.['attempts']).toBe(1);
      expect(e.data?.['error']).toBe('SERVICE_NOT_AVAILABLE');
      expect(e.data?.['broker']).toBe('broker-b');
    }
    // Never stored anywhere: the application was told (onException), nothing was acknowledged.
    expect(neverAccepted(r)).toBe(gaveUp.length);
    expect(r.report.counts.lost).toBe(0);
  });
});
