/**
 * Explanations for the RabbitMQ model's drop reasons, in English and Chinese: each names the
 * mechanism and the knob that would have changed the outcome.
 */
import { describe, expect, it } from 'vitest';
import { explain, type AnomalyCore, type ExplainContext } from '../../check/explain';
import type { JournalEntry } from '../../check/history';

const ctx: ExplainContext = {
  ops: { sends: [], outcomes: [], deliveries: [], effects: [] },
  groupLabel: 'orders',
  family: 'amqp',
};

function lostBy(
  data: Record<string, string | number | boolean>,
  extra: JournalEntry[] = [],
): AnomalyCore {
  const drop: JournalEntry = {
    id: 9,
    at: 2_000_000,
    kind: 'drop',
    node: 'rabbit-2',
    msgs: [7],
    data,
    ...(extra.length > 0 ? { cause: (extra[extra.length - 1] as JournalEntry).id } : {}),
  };
  return {
    kind: 'lost',
    group: 'orders',
    msg: 7,
    key: 'new',
    producer: 'p1',
    chain: [...extra, drop],
    relatedIds: [],
    details: {
      deliveries: 0,
      effectsApplied: 0,
      effectsAbsorbed: 0,
      fate: 'dropped',
      producer: { status: 'acknowledged', result: 'ack', at: 1_000_000, error: null },
      seq: 0,
      dropEntry: 9,
    },
  };
}

describe('explanations of AMQP drop reasons', () => {
  const cases: [Record<string, string | number | boolean>, RegExp, RegExp][] = [
    [
      { reason: 'expired', queue: 'orders', deadLettered: true },
      /x-message-ttl.*x-dead-letter-exchange/s,
      /过期.*死信/s,
    ],
    [
      { reason: 'overflow-drop-head', queue: 'orders' },
      /x-overflow=drop-head.*reject-publish/s,
      /x-max-length/,
    ],
    [{ reason: 'consumer-rejected', queue: 'orders' }, /requeue=false/, /requeue=true/],
    [{ reason: 'delivery-limit', queue: 'orders' }, /delivery-limit/, /仲裁队列/],
    [
      { reason: 'partition-leader-replaced', queue: 'orders' },
      /partition.*pause_minority/s,
      /分区/,
    ],
    [
      { reason: 'raft-uncommitted', queue: 'orders', from: 'rabbit-1' },
      /majority.*confirm/s,
      /多数/,
    ],
    [{ reason: 'queue-down', queue: 'orders' }, /classic queue lives on one node/, /普通/],
    [{ reason: 'node-paused' }, /pause_minority/, /暂停/],
    [{ reason: 'queue-expired', queue: 'orders' }, /unused.*x-expires/s, /x-expires.*删除/s],
    [
      { reason: 'queue-expired', queue: 'orders', afterDelete: true },
      /had been deleted by its x-expires/,
      /已因 x-expires/,
    ],
    [
      { reason: 'auto-ack-proxy-gone', queue: 'orders', consumer: 'c1', owner: 'rabbit-1' },
      /rabbit-1 sent it with autoAck to c1 through rabbit-2.*autoAck=false/s,
      /代理节点 rabbit-2/,
    ],
    [
      { reason: 'exclusive-queue-deleted', queue: 'orders' },
      /exclusive.*connection that declared it closed/s,
      /排他/,
    ],
    [
      { reason: 'auto-delete', queue: 'orders' },
      /auto-delete.*last consumer cancelled/s,
      /自动删除/,
    ],
    [
      { reason: 'auto-delete', queue: 'orders', afterDelete: true },
      /had been deleted when its last consumer went away/,
      /已被删除/,
    ],
    [
      { reason: 'unroutable', exchange: 'orders', mandatory: true },
      /basic\.return.*alternate-exchange/s,
      /绑定/,
    ],
  ];
  for (const [data, en, zh] of cases) {
    it(`${String(data['reason'])}`, () => {
      const r = explain(lostBy(data), ctx);
      expect(r.en).toMatch(en);
      expect(r.zh).toMatch(zh);
    });
  }

  it('unsynchronised-mirror-promoted names the crashed leader through the promotion', () => {
    const crash: JournalEntry = { id: 3, at: 1_500_000, kind: 'crash', node: 'rabbit-1' };
    const promote: JournalEntry = {
      id: 5,
      at: 1_501_000,
      kind: 'promote',
      node: 'rabbit-2',
      cause: 3,
    };
    const r = explain(
      lostBy({ reason: 'unsynchronised-mirror-promoted', queue: 'orders', from: 'rabbit-1' }, [
        crash,
        promote,
      ]),
      ctx,
    );
    expect(r.en).toMatch(/rabbit-1, the leader of mirrored queue orders, crashed at 1\.500 s/);
    expect(r.en).toMatch(/when-synced/);
    expect(r.zh).toMatch(/镜像队列 orders/);
  });
});
