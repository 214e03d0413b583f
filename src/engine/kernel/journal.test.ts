import { describe, expect, it } from 'vitest';
import type { HistoryOp, JournalEntry } from '../check/history';
import { TimeColumn } from './columns';
import { HistoryColumns, JournalColumns } from './journal';
import { Recorder } from './recorder';
import { TraceHash } from './hash';

const entries: JournalEntry[] = [
  { id: 0, at: 0, kind: 'crash', node: 'broker-1' },
  { id: 1, at: 5, kind: 'publish', node: 'p1', msgs: [1, 2, 3], data: { offset: 7, leader: 'b2' } },
  {
    id: 2,
    at: 5,
    kind: 'drop',
    node: 'broker-1',
    msgs: [2],
    data: { reason: 'crash-unwritten', ack: false },
    cause: 0,
    mech: 'storage.crash-before-write',
    links: [
      { role: 'fault', id: 0 },
      { role: 'earlier', id: 1 },
    ],
  },
  { id: 3, at: 2 ** 40, kind: 'net-drop', node: 'a->b', data: { reason: 'loss', ratio: 0.25 } },
  {
    id: 4,
    at: 2 ** 40 + 1,
    kind: 'drop',
    node: 'broker-1',
    data: { reason: 'crash-unwritten', ack: false },
  },
];

const ops: HistoryOp[] = [
  { type: 'send', at: 1, msg: 1, producer: 'p1', key: null, seq: 0, attempt: 0 },
  { type: 'send', at: 2, msg: 2, producer: 'p1', key: 'k', seq: 1, attempt: 3 },
  { type: 'outcome', at: 3, msg: 1, producer: 'p1', result: 'ack', definite: true },
  {
    type: 'outcome',
    at: 4,
    msg: 2,
    producer: 'p1',
    result: 'error',
    definite: false,
    error: 'NotEnoughReplicas',
  },
  { type: 'deliver', at: 5, msg: 1, consumer: 'c1', group: 'g1', redelivered: true },
  { type: 'effect', at: 6, msg: 1, consumer: 'c1', group: 'g1', applied: false },
  { type: 'commit', at: 7, msg: 1, consumer: 'c1', group: 'g1', how: 'offset' },
  { type: 'commit', at: 8, msg: 2, consumer: 'c2', group: 'g2', how: 'ack' },
];

describe('journal and history columns', () => {
  it('give back every entry and operation as recorded, through get and the array view', () => {
    const j = JournalColumns.of(entries);
    expect(entries.map((_, i) => j.get(i))).toEqual(entries);
    expect([...j.asArray()]).toEqual(entries);
    expect(j.asArray().filter((e) => e.kind === 'drop')).toEqual([entries[2], entries[4]]);
    const h = HistoryColumns.of(ops);
    expect([...h.asArray()]).toEqual(ops);
    expect(h.asArray()[3]).toEqual(ops[3]);
    expect(h.asArray().length).toBe(ops.length);
  });

  it('reads fields by row without materializing', () => {
    const j = JournalColumns.of(entries);
    expect(j.msgCount(1)).toBe(3);
    expect(j.msg(1, 2)).toBe(3);
    expect(j.msgCount(0)).toBe(0);
    expect(j.field(1, 'leader')).toBe('b2');
    expect(j.field(3, 'ratio')).toBe(0.25);
    expect(j.field(4, 'ack')).toBe(false);
    expect(j.field(4, 'missing')).toBeUndefined();
    expect(j.linkCount(2)).toBe(2);
    expect([j.linkRole(2, 1), j.linkId(2, 1)]).toEqual(['earlier', 1]);
    expect(j.cause(2)).toBe(0);
    expect(j.mech(2)).toBe('storage.crash-before-write');
    expect(j.mech(1)).toBeUndefined();
  });

  it('keeps ids that are not positions (hand-built journals)', () => {
    const shifted = entries.map((e) => ({ ...e, id: e.id + 100 }));
    const j = JournalColumns.of(shifted);
    expect(j.id(2)).toBe(102);
    expect(j.rowOf(103)).toBe(3);
    expect(j.rowOf(3)).toBe(-1);
    expect(j.get(2)).toEqual(shifted[2]);
  });

  it('the recorder stores what it was told and hands its own columns to readers', () => {
    const clock = { now: 0 };
    const r = new Recorder(new TraceHash(), clock);
    for (const e of entries) {
      clock.now = e.at;
      r.note(e.kind, e.node, e.msgs, e.data, e.cause, e.mech, e.links);
    }
    for (const op of ops) r.op(op);
    expect([...r.journal]).toEqual(entries);
    expect([...r.history]).toEqual(ops);
    expect(JournalColumns.of(r.journal)).toBe(r.journalColumns);
    expect(HistoryColumns.of(r.history)).toBe(r.historyColumns);
  });

  it('the recorder drops links to entries that do not exist yet', () => {
    const r = new Recorder(new TraceHash(), { now: 0 });
    r.note('crash', 'b');
    r.note('drop', 'b', [1], undefined, undefined, undefined, [
      { role: 'fault', id: 0 },
      { role: 'earlier', id: 5 },
    ]);
    expect(r.journal[1]?.links).toEqual([{ role: 'fault', id: 0 }]);
  });

  it('a time column keeps exact microseconds across chunks and 32-bit spans', () => {
    const t = new TimeColumn();
    const values: number[] = [];
    let v = 0;
    for (let i = 0; i < 200_000; i++) {
      v += i % 1000 === 0 ? 2 ** 33 : i % 7;
      values.push(v);
      t.push(v);
    }
    expect(t.length).toBe(values.length);
    for (let i = 0; i < values.length; i += 997) expect(t.get(i)).toBe(values[i]);
    expect(t.get(values.length - 1)).toBe(values[values.length - 1]);
  });
});
