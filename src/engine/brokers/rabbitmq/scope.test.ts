/**
 * `RunRecord.scope`: with AMQP routing a message goes to some queues only, so the checker must
 * account for it only where it was routed (or dead-lettered), and still everywhere it came out.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../check/checker';
import type { HistoryOp, RunRecord } from '../../check/history';

const send = (msg: number): HistoryOp => ({
  type: 'send',
  at: 1,
  msg,
  producer: 'p',
  key: 'k',
  seq: msg,
  attempt: 0,
});
const ack = (msg: number): HistoryOp => ({
  type: 'outcome',
  at: 2,
  msg,
  producer: 'p',
  result: 'ack',
  definite: true,
});
const effect = (msg: number, group: string): HistoryOp => ({
  type: 'effect',
  at: 3,
  msg,
  consumer: 'c',
  group,
  applied: true,
});

describe('checker scope (AMQP routing)', () => {
  const base: RunRecord = {
    family: 'amqp',
    history: [send(0), ack(0), send(1), ack(1), effect(0, 'a'), effect(1, 'b')],
    journal: [],
    groups: ['a', 'b'],
    held: new Map(),
    endAt: 10,
  };

  it('without scope, a message routed elsewhere looks unaccounted', () => {
    expect(check(base).unaccounted).toBe(2);
  });

  it('with scope, each queue answers only for what was routed to it', () => {
    const r = check({
      ...base,
      scope: new Map([
        ['a', new Set([0])],
        ['b', new Set([1])],
      ]),
    });
    expect(r.unaccounted).toBe(0);
    expect(r.counts.lost).toBe(0);
    expect(r.groups.map((g) => g.fates.processed)).toEqual([1, 1]);
  });

  it('a message in scope that vanished is still lost', () => {
    const r = check({
      ...base,
      scope: new Map([
        ['a', new Set([0, 1])],
        ['b', new Set([1])],
      ]),
    });
    expect(r.counts.lost).toBe(1);
    expect(r.anomalies[0]?.group).toBe('a');
  });
});
