/**
 * Issue 13's "Bad input": a selector naming a queue that does not exist, a delay level outside
 * 1-18, a slave without a master, or a topic on no broker fails validation naming the field.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../scenario/load';
import { rocketDoc, type Doc } from './testing';

/** `path: message` of every issue, or [] when the document is valid. */
function issues(over: Doc): string[] {
  const r = parseScenario(rocketDoc(over));
  if (r.ok) return [];
  return r.error.kind === 'invalid'
    ? r.error.issues.map((e) => `${e.path}: ${e.message}`)
    : [r.error.kind];
}

describe('RocketMQ scenarios: bad input names the field', () => {
  it('the default test scenario is valid', () => {
    expect(issues({})).toEqual([]);
  });

  it('a selector naming a queue that does not exist', () => {
    const sel = (brokerName: string, queueId: number): Doc => ({
      producers: [{ id: 'p1', topic: 'orders', selector: { kind: 'queue', brokerName, queueId } }],
    });
    expect(issues(sel('broker-a', 3))).toEqual([]);
    expect(issues(sel('broker-a', 4))).toEqual([
      'producers.0.selector.queueId: queue 4 does not exist: "orders" has writeQueueNums=4 (queues 0-3)',
    ]);
    expect(issues(sel('broker-z', 0)).join()).toMatch(/^producers\.0\.selector\.brokerName: /);
  });

  it('a delay level outside 1-18', () => {
    const delay = (delayTimeLevel: number): string[] =>
      issues({ producers: [{ id: 'p1', topic: 'orders', delayTimeLevel }] });
    expect(delay(18)).toEqual([]);
    expect(delay(19).join()).toMatch(/^producers\.0\.delayTimeLevel: /);
    expect(delay(-1).join()).toMatch(/^producers\.0\.delayTimeLevel: /);
  });

  it('a slave without a master', () => {
    const r = issues({
      brokers: [
        { id: 'broker-a-1', brokerName: 'broker-a', brokerId: 1, brokerRole: 'SLAVE' },
        { id: 'broker-b-0', brokerName: 'broker-b' },
      ],
    });
    expect(r.join()).toMatch(/brokers\.0\.brokerName: slave of "broker-a" without a master/);
  });

  it('a topic on no broker, or on a broker group that does not exist', () => {
    expect(issues({ topics: [{ name: 'orders', brokers: [] }] }).join()).toMatch(
      /topics\.0\.brokers: topic "orders" is on no broker/,
    );
    expect(issues({ topics: [{ name: 'orders', brokers: ['broker-z'] }] }).join()).toMatch(
      /topics\.0\.brokers\.0: no broker group/,
    );
  });

  it('wipeWritePerm naming a broker group that does not exist', () => {
    const wipe = (brokerName: string): string[] =>
      issues({ wipeWritePerm: [{ atMs: 1000, brokerName }] });
    expect(wipe('broker-a')).toEqual([]);
    expect(wipe('broker-z').join()).toMatch(/^wipeWritePerm\.0\.brokerName: no broker group/);
  });
});
