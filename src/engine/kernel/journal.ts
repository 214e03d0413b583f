/**
 * The journal and the history stored as columns: one typed array per field, strings interned,
 * cause links as (role, id) integer pairs. A row costs about 20 bytes instead of an object graph
 * of a few hundred, so a busy hour can be recorded and checked whole.
 *
 * Readers that need speed (the checker, the chain walker, claims) read fields by row (`kind(i)`,
 * `msgCount(i)`, `msg(i, k)`, `mech(i)`...). Everything else (the UI, tests, explanations) reads
 * objects: `get(i)` materializes one entry, and `asArray()` is a read-only array view that
 * materializes the entries it is asked for, so code written for `JournalEntry[]` keeps working.
 */
import type {
  CauseLink,
  CauseRole,
  HistoryOp,
  JournalEntry,
  JournalKind,
  MechanismId,
  MsgId,
  ProducerResult,
} from '../check/history';
import { CAUSE_ROLES, MECHANISM_IDS } from '../check/mechanism-ids';
import { float64s, int32s, StringTable, TimeColumn, uint16s, uint8s } from './columns';
import type { Micros } from './time';

type Data = Readonly<Record<string, string | number | boolean>>;

const MECH_CODE = new Map<string, number>(MECHANISM_IDS.map((m, i) => [m, i + 1]));
const ROLE_CODE = new Map<string, number>(CAUSE_ROLES.map((r, i) => [r, i]));

/** Value tags of a data field, in a record shape. */
const T_STR = 0;
const T_NUM = 1;
const T_BOOL = 2;

interface Shape {
  keys: string[];
  tags: number[];
}

/** The symbol under which an array view exposes its columns. */
const COLUMNS = Symbol('columns');

/**
 * A read-only array view over `length` rows that materializes row `i` with `get(i)`. Array
 * methods (`filter`, `find`, `slice`, iteration, `JSON.stringify`) work through it unchanged.
 */
function arrayView<T, C extends { readonly length: number; get(i: number): T }>(
  cols: C,
): readonly T[] {
  const isIndex = (p: string | symbol): p is string => {
    if (typeof p !== 'string' || p.length === 0) return false;
    const c = p.charCodeAt(0);
    return c >= 48 && c <= 57;
  };
  return new Proxy([] as T[], {
    get(target, p, receiver) {
      if (p === 'length') return cols.length;
      if (p === COLUMNS) return cols;
      if (isIndex(p)) {
        const i = Number(p);
        return i < cols.length ? cols.get(i) : undefined;
      }
      return Reflect.get(target, p, receiver) as unknown;
    },
    has(target, p) {
      if (isIndex(p)) return Number(p) < cols.length;
      return Reflect.has(target, p);
    },
    getOwnPropertyDescriptor(target, p) {
      if (isIndex(p) && Number(p) < cols.length) {
        return {
          value: cols.get(Number(p)),
          writable: false,
          enumerable: true,
          configurable: true,
        };
      }
      if (p === 'length')
        return { value: cols.length, writable: true, enumerable: false, configurable: false };
      return Reflect.getOwnPropertyDescriptor(target, p);
    },
    ownKeys(target) {
      const keys: (string | symbol)[] = [];
      for (let i = 0; i < cols.length; i++) keys.push(String(i));
      return [...keys, ...Reflect.ownKeys(target)];
    },
    set() {
      return false;
    },
  });
}

/** The columns behind an array view from this module, or undefined for a plain array. */
function columnsBehind<C>(a: readonly unknown[]): C | undefined {
  return (a as unknown as Record<symbol, C | undefined>)[COLUMNS];
}

/** The journal as columns. Row `i` is the entry with id `id(i)` (= `i` when recorded). */
export class JournalColumns {
  private readonly atC = new TimeColumn();
  private readonly kindC = uint8s();
  private readonly nodeC = uint16s();
  private readonly mechC = uint8s();
  /** Start of row i's messages in `msgC`; the next row's start (or the end) closes it. */
  private readonly msgOffC = int32s();
  private readonly msgC = int32s();
  /** -1: no data; <= -2: interned record -(ref + 2); >= 0: offset of a [shape, values...] row. */
  private readonly dataC = int32s();
  private readonly dataVals = float64s();
  /** -1: neither; else offset of [cause or -1, link count, role, id, role, id...] in `linkC`. */
  private readonly linkRefC = int32s();
  private readonly linkC = int32s();
  private readonly kinds = new StringTable();
  private readonly nodes = new StringTable();
  private readonly strs = new StringTable();
  private readonly shapes: Shape[] = [];
  private readonly shapeIds = new Map<string, number>();
  private readonly records: Data[] = [];
  private readonly recordIds = new Map<string, number>();
  /** Explicit ids, only for a hand-built journal whose ids are not positions. */
  private ids: number[] | null = null;
  private view: readonly JournalEntry[] | null = null;

  get length(): number {
    return this.kindC.length;
  }

  /** Appends one entry (ids are positions). Links must already be filtered to earlier ids. */
  append(
    at: Micros,
    kind: JournalKind,
    node: string,
    msgs: readonly MsgId[] | undefined,
    data: Data | undefined,
    cause: number | undefined,
    mech: MechanismId | undefined,
    links: readonly CauseLink[] | undefined,
  ): void {
    this.atC.push(at);
    this.kindC.push(this.kinds.id(kind));
    const n = this.nodes.id(node);
    if (n > 0xffff) throw new Error('more than 65,535 distinct journal node names');
    this.nodeC.push(n);
    this.mechC.push(mech === undefined ? 0 : (MECH_CODE.get(mech) ?? 0));
    this.msgOffC.push(this.msgC.length);
    if (msgs) for (let k = 0; k < msgs.length; k++) this.msgC.push(msgs[k] as number);
    this.dataC.push(data === undefined ? -1 : this.encodeData(data));
    if (cause === undefined && (links === undefined || links.length === 0)) {
      this.linkRefC.push(-1);
    } else {
      this.linkRefC.push(this.linkC.length);
      this.linkC.push(cause ?? -1);
      const nl = links ? links.length : 0;
      this.linkC.push(nl);
      for (let k = 0; k < nl; k++) {
        const l = (links as readonly CauseLink[])[k] as CauseLink;
        this.linkC.push(ROLE_CODE.get(l.role) ?? 0);
        this.linkC.push(l.id);
      }
    }
  }

  /**
   * Records without numbers (a reason, a queue, a type) repeat endlessly and are interned whole;
   * records with numbers keep their shape (keys and value types) interned and their values as
   * 64-bit floats (strings as interned ids).
   */
  private encodeData(data: Data): number {
    let key = '';
    let numeric = false;
    for (const k in data) {
      const v = data[k] as string | number | boolean;
      const t = typeof v;
      if (t === 'number') {
        numeric = true;
        key += `${k}\u0001n\u0002`;
      } else key += `${k}\u0001${t === 'string' ? 's' : 'b'}${String(v)}\u0002`;
    }
    if (!numeric) {
      let r = this.recordIds.get(key);
      if (r === undefined) {
        r = this.records.length;
        this.records.push(Object.freeze({ ...data }));
        this.recordIds.set(key, r);
      }
      return -(r + 2);
    }
    // The shape key: keys and tags only (string values are stored per row). Undefined values
    // (an optional field left out) are skipped, as JSON would.
    let sk = '';
    for (const k in data) if (data[k] !== undefined) sk += `${k}\u0001${typeof data[k]}\u0002`;
    let s = this.shapeIds.get(sk);
    if (s === undefined) {
      s = this.shapes.length;
      const keys = Object.keys(data).filter((k) => data[k] !== undefined);
      this.shapes.push({
        keys,
        tags: keys.map((k) => {
          const t = typeof data[k];
          return t === 'number' ? T_NUM : t === 'string' ? T_STR : T_BOOL;
        }),
      });
      this.shapeIds.set(sk, s);
    }
    const off = this.dataVals.length;
    this.dataVals.push(s);
    for (const k in data) {
      const v = data[k];
      if (v === undefined) continue;
      this.dataVals.push(
        typeof v === 'number' ? v : typeof v === 'string' ? this.strs.id(v) : v ? 1 : 0,
      );
    }
    return off;
  }

  id(i: number): number {
    return this.ids ? (this.ids[i] as number) : i;
  }

  /** Row of the entry with id `id`, or -1. */
  rowOf(id: number): number {
    if (!this.ids) return id >= 0 && id < this.length ? id : -1;
    return this.ids.indexOf(id);
  }

  at(i: number): Micros {
    return this.atC.get(i);
  }

  kind(i: number): JournalKind {
    return this.kinds.str(this.kindC.get(i)) as JournalKind;
  }

  node(i: number): string {
    return this.nodes.str(this.nodeC.get(i));
  }

  mech(i: number): MechanismId | undefined {
    const c = this.mechC.get(i);
    return c === 0 ? undefined : MECHANISM_IDS[c - 1];
  }

  msgCount(i: number): number {
    const end = i + 1 < this.length ? this.msgOffC.get(i + 1) : this.msgC.length;
    return end - this.msgOffC.get(i);
  }

  msg(i: number, k: number): MsgId {
    return this.msgC.get(this.msgOffC.get(i) + k);
  }

  /** The messages of row `i` (a new array; undefined when none). */
  msgs(i: number): MsgId[] | undefined {
    const n = this.msgCount(i);
    if (n === 0) return undefined;
    const off = this.msgOffC.get(i);
    const out = new Array<MsgId>(n);
    for (let k = 0; k < n; k++) out[k] = this.msgC.get(off + k);
    return out;
  }

  cause(i: number): number | undefined {
    const r = this.linkRefC.get(i);
    if (r < 0) return undefined;
    const c = this.linkC.get(r);
    return c < 0 ? undefined : c;
  }

  linkCount(i: number): number {
    const r = this.linkRefC.get(i);
    return r < 0 ? 0 : this.linkC.get(r + 1);
  }

  linkId(i: number, k: number): number {
    return this.linkC.get(this.linkRefC.get(i) + 3 + 2 * k);
  }

  linkRole(i: number, k: number): CauseRole {
    return CAUSE_ROLES[this.linkC.get(this.linkRefC.get(i) + 2 + 2 * k)] as CauseRole;
  }

  links(i: number): CauseLink[] | undefined {
    const n = this.linkCount(i);
    if (n === 0) return undefined;
    const out: CauseLink[] = [];
    for (let k = 0; k < n; k++) out.push({ role: this.linkRole(i, k), id: this.linkId(i, k) });
    return out;
  }

  hasData(i: number): boolean {
    return this.dataC.get(i) !== -1;
  }

  /** One data field of row `i`, without materializing the record. */
  field(i: number, key: string): string | number | boolean | undefined {
    const d = this.dataC.get(i);
    if (d === -1) return undefined;
    if (d <= -2) return (this.records[-d - 2] as Data)[key];
    const shape = this.shapes[this.dataVals.get(d)] as Shape;
    const k = shape.keys.indexOf(key);
    if (k < 0) return undefined;
    return this.value(shape.tags[k] as number, this.dataVals.get(d + 1 + k));
  }

  private value(tag: number, v: number): string | number | boolean {
    return tag === T_NUM ? v : tag === T_STR ? this.strs.str(v) : v === 1;
  }

  data(i: number): Data | undefined {
    const d = this.dataC.get(i);
    if (d === -1) return undefined;
    if (d <= -2) return this.records[-d - 2];
    const shape = this.shapes[this.dataVals.get(d)] as Shape;
    const out: Record<string, string | number | boolean> = {};
    for (let k = 0; k < shape.keys.length; k++) {
      out[shape.keys[k] as string] = this.value(
        shape.tags[k] as number,
        this.dataVals.get(d + 1 + k),
      );
    }
    return out;
  }

  /** Row `i` as a `JournalEntry` object (a new object each call). */
  get(i: number): JournalEntry {
    const e: JournalEntry = {
      id: this.id(i),
      at: this.at(i),
      kind: this.kind(i),
      node: this.node(i),
    };
    const msgs = this.msgs(i);
    if (msgs) e.msgs = msgs;
    const data = this.data(i);
    if (data) e.data = data;
    const cause = this.cause(i);
    if (cause !== undefined) e.cause = cause;
    const mech = this.mech(i);
    if (mech !== undefined) e.mech = mech;
    const links = this.links(i);
    if (links) e.links = links;
    return e;
  }

  /**
   * A reusable entry that reads row `row` (set it, then read fields): scans that test many rows
   * with a `JournalEntry` predicate allocate nothing per row. The caller must not keep it.
   */
  cursor(): JournalEntry & { row: number } {
    // The getters below need both the columns and the cursor as `this`.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const cols = this;
    return {
      row: 0,
      get id() {
        return cols.id(this.row);
      },
      get at() {
        return cols.at(this.row);
      },
      get kind() {
        return cols.kind(this.row);
      },
      get node() {
        return cols.node(this.row);
      },
      get msgs() {
        return cols.msgs(this.row);
      },
      get data() {
        return cols.data(this.row);
      },
      get cause() {
        return cols.cause(this.row);
      },
      get mech() {
        return cols.mech(this.row);
      },
      get links() {
        return cols.links(this.row);
      },
    };
  }

  /** A read-only `JournalEntry[]` view that materializes entries on access. */
  asArray(): readonly JournalEntry[] {
    this.view ??= arrayView(this);
    return this.view;
  }

  /** Bytes held by the columns and their tables (strings and interned records approximated). */
  get bytes(): number {
    let n = 0;
    for (const c of [this.kindC, this.nodeC, this.mechC, this.msgOffC, this.msgC, this.dataC])
      n += c.bytes;
    n += this.atC.bytes + this.dataVals.bytes + this.linkRefC.bytes + this.linkC.bytes;
    return n + 100 * (this.records.length + this.strs.strings.length + this.nodes.strings.length);
  }

  /** The columns of a journal: its own if it is a view from a recorder, else built from it. */
  static of(journal: readonly JournalEntry[]): JournalColumns {
    const own = columnsBehind<JournalColumns>(journal);
    if (own) return own;
    const c = new JournalColumns();
    let positional = true;
    for (let i = 0; i < journal.length; i++) {
      const e = journal[i] as JournalEntry;
      if (e.id !== i) positional = false;
      c.append(e.at, e.kind, e.node, e.msgs, e.data, e.cause, e.mech, e.links);
    }
    if (!positional) c.ids = journal.map((e) => e.id);
    return c;
  }
}

const OP_TYPES = ['send', 'outcome', 'deliver', 'effect', 'commit'] as const;
const RESULTS: readonly ProducerResult[] = ['ack', 'sent', 'nack', 'error', 'timeout'];
const RESULT_CODE = new Map<string, number>(RESULTS.map((r, i) => [r, i]));

/** Op type codes, for readers that switch on `typeCode(i)`. */
export const OP_SEND = 0;
export const OP_OUTCOME = 1;
export const OP_DELIVER = 2;
export const OP_EFFECT = 3;
export const OP_COMMIT = 4;

/** The history as columns: type, time, message, actor, group or key, flags, and two integers. */
export class HistoryColumns {
  private readonly typeC = uint8s();
  private readonly atC = new TimeColumn();
  private readonly msgC = int32s();
  /** Producer (send, outcome) or consumer (deliver, effect, commit). */
  private readonly actorC = int32s();
  /** Group (deliver, effect, commit) or key + 1, 0 for a null key (send); else 0. */
  private readonly gC = int32s();
  /**
   * send: unused; outcome: result | definite << 3; deliver: redelivered; effect: applied;
   * commit: 1 for `offset`, 0 for `ack`.
   */
  private readonly flagC = uint8s();
  /** send: seq; outcome: error id + 1 (0 none). */
  private readonly xC = int32s();
  /** send: attempt. */
  private readonly yC = int32s();
  private readonly strs = new StringTable();
  private view: readonly HistoryOp[] | null = null;

  get length(): number {
    return this.typeC.length;
  }

  append(op: HistoryOp): void {
    const s = this.strs;
    this.atC.push(op.at);
    this.msgC.push(op.msg);
    switch (op.type) {
      case 'send':
        this.row(
          OP_SEND,
          s.id(op.producer),
          op.key === null ? 0 : s.id(op.key) + 1,
          0,
          op.seq,
          op.attempt,
        );
        break;
      case 'outcome':
        this.row(
          OP_OUTCOME,
          s.id(op.producer),
          0,
          (RESULT_CODE.get(op.result) ?? 0) | (op.definite ? 8 : 0),
          op.error === undefined ? 0 : s.id(op.error) + 1,
          0,
        );
        break;
      case 'deliver':
        this.row(OP_DELIVER, s.id(op.consumer), s.id(op.group), op.redelivered ? 1 : 0, 0, 0);
        break;
      case 'effect':
        this.row(OP_EFFECT, s.id(op.consumer), s.id(op.group), op.applied ? 1 : 0, 0, 0);
        break;
      case 'commit':
        this.row(OP_COMMIT, s.id(op.consumer), s.id(op.group), op.how === 'offset' ? 1 : 0, 0, 0);
        break;
      default: {
        const never: never = op;
        throw new Error(`unknown history op ${JSON.stringify(never)}`);
      }
    }
  }

  private row(type: number, actor: number, g: number, flags: number, x: number, y: number): void {
    this.actorC.push(actor);
    this.gC.push(g);
    this.flagC.push(flags);
    this.xC.push(x);
    this.yC.push(y);
    // Last: `length` counts rows whose every field is written.
    this.typeC.push(type);
  }

  typeCode(i: number): number {
    return this.typeC.get(i);
  }

  type(i: number): HistoryOp['type'] {
    return OP_TYPES[this.typeC.get(i)] as HistoryOp['type'];
  }

  at(i: number): Micros {
    return this.atC.get(i);
  }

  msg(i: number): MsgId {
    return this.msgC.get(i);
  }

  /** Interned id of the producer or consumer (compare ids, or read `str`). */
  actorId(i: number): number {
    return this.actorC.get(i);
  }

  /** Interned id of the group of a deliver, effect or commit. */
  groupId(i: number): number {
    return this.gC.get(i);
  }

  /** The id `s` has in this history's string table, or -1 if it never occurs. */
  findString(s: string): number {
    return this.strs.find(s);
  }

  str(id: number): string {
    return this.strs.str(id);
  }

  /** send: the key (null when none). */
  key(i: number): string | null {
    const g = this.gC.get(i);
    return g === 0 ? null : this.strs.str(g - 1);
  }

  seq(i: number): number {
    return this.xC.get(i);
  }

  result(i: number): ProducerResult {
    return RESULTS[this.flagC.get(i) & 7] as ProducerResult;
  }

  definite(i: number): boolean {
    return (this.flagC.get(i) & 8) !== 0;
  }

  /** deliver: redelivered; effect: applied; commit: `offset`. */
  flag(i: number): boolean {
    return (this.flagC.get(i) & 1) !== 0;
  }

  /** Row `i` as a `HistoryOp` object (a new object each call). */
  get(i: number): HistoryOp {
    const at = this.at(i);
    const msg = this.msg(i);
    const s = this.strs;
    const type = this.type(i);
    switch (type) {
      case 'send':
        return {
          type,
          at,
          msg,
          producer: s.str(this.actorC.get(i)),
          key: this.key(i),
          seq: this.xC.get(i),
          attempt: this.yC.get(i),
        };
      case 'outcome': {
        const op: Extract<HistoryOp, { type: 'outcome' }> = {
          type,
          at,
          msg,
          producer: s.str(this.actorC.get(i)),
          result: this.result(i),
          definite: this.definite(i),
        };
        const err = this.xC.get(i);
        if (err > 0) op.error = s.str(err - 1);
        return op;
      }
      case 'deliver':
        return { type, ...this.consumerPart(i), redelivered: this.flag(i) };
      case 'effect':
        return { type, ...this.consumerPart(i), applied: this.flag(i) };
      case 'commit':
        return { type, ...this.consumerPart(i), how: this.flag(i) ? 'offset' : 'ack' };
      default: {
        const never: never = type;
        throw new Error(`unknown history op ${String(never)}`);
      }
    }
  }

  /** The fields a deliver, effect and commit share. */
  private consumerPart(i: number): { at: Micros; msg: MsgId; consumer: string; group: string } {
    return {
      at: this.at(i),
      msg: this.msg(i),
      consumer: this.strs.str(this.actorC.get(i)),
      group: this.strs.str(this.gC.get(i)),
    };
  }

  asArray(): readonly HistoryOp[] {
    this.view ??= arrayView(this);
    return this.view;
  }

  get bytes(): number {
    let n = this.atC.bytes;
    for (const c of [this.typeC, this.msgC, this.actorC, this.gC, this.flagC, this.xC, this.yC])
      n += c.bytes;
    return n + 100 * this.strs.strings.length;
  }

  /** The columns of a history: its own if it is a view from a recorder, else built from it. */
  static of(history: readonly HistoryOp[]): HistoryColumns {
    const own = columnsBehind<HistoryColumns>(history);
    if (own) return own;
    const c = new HistoryColumns();
    for (const op of history) c.append(op);
    return c;
  }
}
