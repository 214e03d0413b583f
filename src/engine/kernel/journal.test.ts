import { describe, expect, it } from 'vitest';
import type { HistoryOp, JournalEntry } from '../check/history';
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

  it('keeps exact values across blocks and chunks: big times, negative deltas, floats, -0', () => {
    const weird = [0, -0, 0.25, -7, 2 ** 40, 2 ** 53 - 1, -(2 ** 52), 1e300, Number.NaN, 3.5e-9];
    const es: JournalEntry[] = [];
    let at = 0;
    for (let i = 0; i < 5000; i++) {
      // Mostly small steps, sometimes a jump past 2^32 or a float time.
      at += i % 997 === 0 ? 2 ** 33 : i % 1201 === 0 ? 0.5 : i % 7;
      const e: JournalEntry = {
        id: i,
        at,
        kind: i % 3 === 0 ? 'publish' : 'drop',
        node: `n${i % 300}`,
      };
      if (i % 4 !== 0)
        e.msgs = Array.from(
          { length: 1 + (i % 9) },
          (_, k) => ((i * 7919 + k * 104729) % 3_000_000_000) - 5,
        );
      if (i % 5 === 0)
        e.data = { v: weird[(i / 5) % weird.length] as number, s: `s${i % 50}`, b: i % 2 === 0 };
      if (i % 6 === 0) e.data = { reason: `r${i % 13}`, ack: false };
      if (i % 11 === 0 && i > 0) e.cause = i - 1 - (i % 5);
      if (i % 13 === 0 && i > 3)
        e.links = [
          { role: 'fault', id: 0 },
          { role: 'earlier', id: i - 3 },
        ];
      if (i % 17 === 0) e.mech = 'storage.crash-before-write';
      es.push(e);
    }
    const j = JournalColumns.of(es);
    // Backwards, then forwards, then at random: every block decodes the same however it is reached.
    for (let i = es.length - 1; i >= 0; i--) expect(j.get(i)).toEqual(es[i]);
    expect([...j.asArray()]).toEqual(es);
    for (let i = 0; i < 2000; i++) {
      const r = (i * 2654435761) % es.length;
      expect(j.at(r)).toBe(es[r]?.at);
      expect(j.field(r, 'v')).toEqual(es[r]?.data?.['v']);
      expect(j.field(r, 's')).toEqual(es[r]?.data?.['s']);
    }
    // toEqual tells -0 from 0 only through Object.is: check that one directly.
    expect(Object.is(j.field(5, 'v'), -0)).toBe(true);
    expect(Number.isNaN(j.field(40, 'v'))).toBe(true);
    const hops: HistoryOp[] = es.map((e, i) =>
      i % 2 === 0
        ? {
            type: 'send',
            at: e.at,
            msg: ((i * 31) % 70_000) - 9,
            producer: `p${i % 3}`,
            key: i % 5 === 0 ? null : `k${i}`,
            seq: i * 1_000_003,
            attempt: i % 4,
          }
        : {
            type: 'outcome',
            at: e.at,
            msg: i,
            producer: 'p1',
            result: 'timeout',
            definite: i % 3 === 0,
            ...(i % 7 === 0 ? { error: `e${i % 4}` } : {}),
          },
    );
    const h = HistoryColumns.of(hops);
    for (let i = hops.length - 1; i >= 0; i--) expect(h.get(i)).toEqual(hops[i]);
  });

  it('a busy run costs a few bytes a row, and byteSize counts what is allocated', () => {
    const clock = { now: 0 };
    const r = new Recorder(new TraceHash(), clock);
    for (let m = 0; m < 20_000; m++) {
      clock.now += 13;
      r.note('enqueue', 'rabbit-1', [m], { queue: `q${m % 10}`, persistent: true });
      clock.now += 3;
      r.note('dispatch', 'rabbit-1', [m - 2], { consumer: `c${m % 20}`, queue: `q${m % 10}` });
      r.op({
        type: 'deliver',
        at: clock.now,
        msg: m - 2,
        consumer: `c${m % 20}`,
        group: `q${m % 10}`,
        redelivered: false,
      });
    }
    const rows = r.journal.length + r.history.length;
    // Under nine bytes a row here (one to two a field, and the partly filled last chunks), against
    // about 24 with fixed-width columns.
    expect(r.byteSize() / rows).toBeLessThan(9);
    expect(r.byteSize()).toBeGreaterThan(rows * 4);
  });
});
