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
import { ByteStream, StringTable, uint32s, uint8s } from './columns';
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

/** Rows per block: a block starts with absolute values, so a reader decodes at most one block. */
const BLOCK_SHIFT = 4;
const BLOCK = 1 << BLOCK_SHIFT;
const IN_BLOCK = BLOCK - 1;
/**
 * Decoded blocks kept (2^SLOT_BITS). The checker and the chain walker jump between a few streams
 * of rows (an effect and its message's send, an entry and its causes): with one decoded block,
 * every jump decoded a block; with a small cache each block is decoded about once. A block lands
 * in the slot a multiplicative hash of its number picks, so two streams a fixed distance apart do
 * not keep evicting each other. 256 slots hold 4,096 rows and cost about 180 KB for the journal
 * and 170 KB for the history (typed arrays allocated once per recording, whatever its length).
 */
const SLOT_BITS = 8;
const SLOTS = 1 << SLOT_BITS;

/** The cache slot of block `blk`. */
function slotOf(blk: number): number {
  return Math.imul(blk, 0x9e3779b1) >>> (32 - SLOT_BITS);
}

/** Row flags of a journal row (its first byte; the kind is in a column of its own). */
const F_MSGS = 3; // 0 none, 1 one, 2 two, 3 a count follows
const F_DATA = 4;
const F_MECH = 8;
const F_CAUSE = 16;
const F_LINKS = 32;
const F_RAW_AT = 64;

/**
 * Rows of varints in one byte stream, in blocks of `BLOCK` rows, with up to `SLOTS` recently read
 * blocks kept decoded (`load`). The first row of a block is written against zero (`prevAt`,
 * `prevMsg` reset), so any block decodes on its own. A decoded row lives at index
 * `slot * BLOCK + row % BLOCK` of the subclass's arrays (what `r` returns).
 */
abstract class BlockRows {
  protected readonly buf = new ByteStream();
  /** Byte offset of each block's first row. */
  protected readonly blockOff = uint32s();
  protected rows = 0;
  protected prevAt = 0;
  protected prevMsg = 0;
  /** The block each cache slot holds, -1 for none. */
  private readonly slotBlk = new Int32Array(SLOTS).fill(-1);
  /** Times of the decoded rows. */
  protected readonly cAt = new Float64Array(SLOTS * BLOCK);

  get length(): number {
    return this.rows;
  }

  /** Called before writing row `rows`: opens a block, or forgets a stale decoded one. */
  protected begin(): void {
    const row = this.rows;
    if ((row & IN_BLOCK) === 0) {
      this.blockOff.push(this.buf.length);
      this.prevAt = 0;
      this.prevMsg = 0;
    } else {
      const blk = row >>> BLOCK_SHIFT;
      const s = slotOf(blk);
      if (this.slotBlk[s] === blk) this.slotBlk[s] = -1;
    }
  }

  /**
   * Decodes block `blk` (its `n` rows from the stream's position) into the subclass's arrays,
   * at index `base` (= slot * BLOCK) onwards.
   */
  protected abstract load(blk: number, n: number, base: number): void;

  /** The index of row `i` in the decoded arrays (decoding its block if needed). */
  protected r(i: number): number {
    const blk = i >>> BLOCK_SHIFT;
    const s = slotOf(blk);
    const base = s << BLOCK_SHIFT;
    if (this.slotBlk[s] !== blk) {
      this.buf.pos = this.blockOff.get(blk);
      this.load(blk, Math.min(BLOCK, this.rows - (blk << BLOCK_SHIFT)), base);
      this.slotBlk[s] = blk;
    }
    return base | (i & IN_BLOCK);
  }

  /** Bytes of the stream and the block index, as allocated. */
  protected get streamBytes(): number {
    return this.buf.bytes + this.blockOff.bytes;
  }
}

/**
 * The journal as rows of varints in one byte stream, in blocks of 16 rows. Within a block the
 * time and the first message of a row are deltas from the row before (a busy broker journals an
 * entry every few microseconds about a message close to the last one), so a typical row (kind,
 * flags, node, time, message, an interned data record) costs six or seven bytes; the first row of
 * a block is absolute, so reading row `i` decodes only its block. The last block read is kept
 * decoded, so a scan forwards or backwards decodes each block once. Row `i` is the entry with id
 * `id(i)` (= `i` when recorded).
 */
export class JournalColumns extends BlockRows {
  /**
   * Kinds in a column of their own, outside the stream: the models' backward scans (the latest
   * crash of a node, the drop that failed a request) test the kind of every row and decode only
   * the rows that match.
   */
  private readonly kindC = uint8s();
  private readonly kinds = new StringTable();
  private readonly nodes = new StringTable();
  private readonly strs = new StringTable();
  private readonly shapes: Shape[] = [];
  private readonly shapeIds = new Map<string, number>();
  private readonly records: Data[] = [];
  private readonly recordIds = new Map<string, number>();
  /** Explicit ids, only for a hand-built journal whose ids are not positions. */
  private ids: number[] | null = null;
  /** Rows per mechanism code (`MECHANISM_IDS` index + 1), counted as rows are appended. */
  private readonly mechRows = new Float64Array(MECHANISM_IDS.length + 1);
  private view: readonly JournalEntry[] | null = null;

  // The decoded blocks: one entry per row of each (see `BlockRows.r`).
  private readonly cNode = new Int32Array(SLOTS * BLOCK);
  private readonly cMech = new Uint8Array(SLOTS * BLOCK);
  private readonly cCause = new Float64Array(SLOTS * BLOCK);
  /** Byte offset of the row's data record, -1 for none. */
  private readonly cData = new Float64Array(SLOTS * BLOCK);
  /** Row k's messages are `cMsgs[slot][cMsgOff[k] .. cMsgEnd[k])`. */
  private readonly cMsgOff = new Int32Array(SLOTS * BLOCK);
  private readonly cMsgEnd = new Int32Array(SLOTS * BLOCK);
  private readonly cMsgs: number[][] = Array.from({ length: SLOTS }, () => []);
  /** Row k's links are (role, id) pairs in `cLinks[slot][cLinkOff[k] .. cLinkEnd[k])`. */
  private readonly cLinkOff = new Int32Array(SLOTS * BLOCK);
  private readonly cLinkEnd = new Int32Array(SLOTS * BLOCK);
  private readonly cLinks: number[][] = Array.from({ length: SLOTS }, () => []);

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
    this.begin();
    const row = this.rows;
    const b = this.buf;
    const nm = msgs ? msgs.length : 0;
    const mc = mech === undefined ? 0 : (MECH_CODE.get(mech) ?? 0);
    const dAt = at - this.prevAt;
    const rawAt = !ByteStream.small(dAt);
    const nl = links ? links.length : 0;
    const hasCause = cause !== undefined && cause >= 0;
    const k = this.kinds.id(kind);
    if (k > 0xff) throw new Error('more than 256 distinct journal kinds');
    this.kindC.push(k);
    b.push(
      (nm < 3 ? nm : F_MSGS) |
        (data === undefined ? 0 : F_DATA) |
        (mc === 0 ? 0 : F_MECH) |
        (hasCause ? F_CAUSE : 0) |
        (nl > 0 ? F_LINKS : 0) |
        (rawAt ? F_RAW_AT : 0),
    );
    b.u(this.nodes.id(node));
    if (rawAt) b.f(at);
    else b.s(dAt);
    this.prevAt = at;
    if (nm >= 3) b.u(nm);
    if (nm > 0) {
      const ms = msgs as readonly MsgId[];
      let prev = this.prevMsg;
      for (let k = 0; k < nm; k++) {
        const m = ms[k] as number;
        b.s(m - prev);
        prev = m;
      }
      this.prevMsg = ms[0] as number;
    }
    if (mc !== 0) {
      b.push(mc);
      this.mechRows[mc] = (this.mechRows[mc] as number) + 1;
    }
    // Causes and links point back: stored as the distance from this row, small and positive.
    if (hasCause) b.s(row - cause);
    if (nl > 0) {
      b.u(nl);
      for (let k = 0; k < nl; k++) {
        const l = (links as readonly CauseLink[])[k] as CauseLink;
        b.push(ROLE_CODE.get(l.role) ?? 0);
        b.s(row - l.id);
      }
    }
    if (data !== undefined) this.encodeData(data);
    this.rows = row + 1;
  }

  /**
   * Records without numbers (a reason, a queue, a type) repeat endlessly and are interned whole
   * (one varint); records with numbers keep their shape (keys and value types) interned and their
   * values as varints (strings as interned ids, numbers that are not small integers as floats).
   */
  private encodeData(data: Data): void {
    const b = this.buf;
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
      b.u(r * 2);
      return;
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
    b.u(s * 2 + 1);
    for (const k in data) {
      const v = data[k];
      if (v === undefined) continue;
      if (typeof v === 'number') {
        if (ByteStream.small(v)) b.u(v >= 0 ? v * 4 : -v * 4 - 2);
        else {
          b.u(1);
          b.f(v);
        }
      } else if (typeof v === 'string') b.u(this.strs.id(v));
      else b.push(v ? 1 : 0);
    }
  }

  /** Reads the data record at the stream's position (and moves past it). */
  private decodeData(): Data {
    const b = this.buf;
    const ref = b.readU();
    if (ref % 2 === 0) return this.records[ref / 2] as Data;
    const shape = this.shapes[(ref - 1) / 2] as Shape;
    const out: Record<string, string | number | boolean> = {};
    for (let k = 0; k < shape.keys.length; k++) {
      out[shape.keys[k] as string] = this.readValue(shape.tags[k] as number);
    }
    return out;
  }

  private readValue(tag: number): string | number | boolean {
    const b = this.buf;
    if (tag === T_NUM) {
      const z = b.readU();
      if (z === 1) return b.readF();
      const h = z / 2;
      return h % 2 === 0 ? h / 2 : -(h + 1) / 2;
    }
    if (tag === T_STR) return this.strs.str(b.readU());
    return b.byte(b.pos++) === 1;
  }

  /** Moves the stream's position past a data record. */
  private skipData(): void {
    const b = this.buf;
    const ref = b.readU();
    if (ref % 2 === 0) return;
    const shape = this.shapes[(ref - 1) / 2] as Shape;
    for (let k = 0; k < shape.tags.length; k++) {
      const t = shape.tags[k] as number;
      if (t === T_BOOL) b.pos++;
      else if (b.readU() === 1 && t === T_NUM) b.pos += 8;
    }
  }

  protected load(blk: number, n: number, base: number): void {
    const b = this.buf;
    const first = blk << BLOCK_SHIFT;
    let at = 0;
    let msg = 0;
    const slot = base >>> BLOCK_SHIFT;
    const msgs = this.cMsgs[slot] as number[];
    const links = this.cLinks[slot] as number[];
    msgs.length = 0;
    links.length = 0;
    for (let j = 0; j < n; j++) {
      const row = first + j;
      const k = base + j;
      const fl = b.byte(b.pos++);
      this.cNode[k] = b.readU();
      at = fl & F_RAW_AT ? b.readF() : at + b.readS();
      this.cAt[k] = at;
      let nm = fl & F_MSGS;
      if (nm === F_MSGS) nm = b.readU();
      this.cMsgOff[k] = msgs.length;
      if (nm > 0) {
        let m = msg;
        for (let x = 0; x < nm; x++) {
          m += b.readS();
          msgs.push(m);
        }
        msg = msgs[this.cMsgOff[k]] as number;
      }
      this.cMsgEnd[k] = msgs.length;
      this.cMech[k] = fl & F_MECH ? b.byte(b.pos++) : 0;
      this.cCause[k] = fl & F_CAUSE ? row - b.readS() : -1;
      this.cLinkOff[k] = links.length;
      if (fl & F_LINKS) {
        const nl = b.readU();
        for (let x = 0; x < nl; x++) {
          links.push(b.byte(b.pos++));
          links.push(row - b.readS());
        }
      }
      this.cLinkEnd[k] = links.length;
      if (fl & F_DATA) {
        this.cData[k] = b.pos;
        this.skipData();
      } else this.cData[k] = -1;
    }
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
    return this.cAt[this.r(i)] as number;
  }

  kind(i: number): JournalKind {
    return this.kinds.str(this.kindC.get(i)) as JournalKind;
  }

  node(i: number): string {
    return this.nodes.str(this.cNode[this.r(i)] as number);
  }

  mech(i: number): MechanismId | undefined {
    const c = this.cMech[this.r(i)] as number;
    return c === 0 ? undefined : MECHANISM_IDS[c - 1];
  }

  /**
   * How many rows name each mechanism, without reading a row: what a scan counting `mech(i)`
   * over every row gives (the checker's protections), for every mechanism with at least one.
   */
  mechCounts(): [MechanismId, number][] {
    const out: [MechanismId, number][] = [];
    for (let c = 1; c < this.mechRows.length; c++) {
      const n = this.mechRows[c] as number;
      if (n > 0) out.push([MECHANISM_IDS[c - 1] as MechanismId, n]);
    }
    return out;
  }

  msgCount(i: number): number {
    const k = this.r(i);
    return (this.cMsgEnd[k] as number) - (this.cMsgOff[k] as number);
  }

  msg(i: number, k: number): MsgId {
    const x = this.r(i);
    return (this.cMsgs[x >>> BLOCK_SHIFT] as number[])[(this.cMsgOff[x] as number) + k] as number;
  }

  /** The messages of row `i` (a new array; undefined when none). */
  msgs(i: number): MsgId[] | undefined {
    const k = this.r(i);
    const from = this.cMsgOff[k] as number;
    const to = this.cMsgEnd[k] as number;
    return to === from ? undefined : (this.cMsgs[k >>> BLOCK_SHIFT] as number[]).slice(from, to);
  }

  cause(i: number): number | undefined {
    const c = this.cCause[this.r(i)] as number;
    return c < 0 ? undefined : c;
  }

  linkCount(i: number): number {
    const k = this.r(i);
    return ((this.cLinkEnd[k] as number) - (this.cLinkOff[k] as number)) / 2;
  }

  linkId(i: number, k: number): number {
    const x = this.r(i);
    const links = this.cLinks[x >>> BLOCK_SHIFT] as number[];
    return links[(this.cLinkOff[x] as number) + 2 * k + 1] as number;
  }

  linkRole(i: number, k: number): CauseRole {
    const x = this.r(i);
    const links = this.cLinks[x >>> BLOCK_SHIFT] as number[];
    return CAUSE_ROLES[links[(this.cLinkOff[x] as number) + 2 * k] as number] as CauseRole;
  }

  links(i: number): CauseLink[] | undefined {
    const n = this.linkCount(i);
    if (n === 0) return undefined;
    const out: CauseLink[] = [];
    for (let k = 0; k < n; k++) out.push({ role: this.linkRole(i, k), id: this.linkId(i, k) });
    return out;
  }

  hasData(i: number): boolean {
    return this.cData[this.r(i)] !== -1;
  }

  /** One data field of row `i`, without materializing the record. */
  field(i: number, key: string): string | number | boolean | undefined {
    const d = this.cData[this.r(i)] as number;
    if (d === -1) return undefined;
    const b = this.buf;
    b.pos = d;
    const ref = b.readU();
    if (ref % 2 === 0) return (this.records[ref / 2] as Data)[key];
    const shape = this.shapes[(ref - 1) / 2] as Shape;
    const want = shape.keys.indexOf(key);
    if (want < 0) return undefined;
    for (let k = 0; k < want; k++) {
      const t = shape.tags[k] as number;
      if (t === T_BOOL) b.pos++;
      else if (b.readU() === 1 && t === T_NUM) b.pos += 8;
    }
    return this.readValue(shape.tags[want] as number);
  }

  data(i: number): Data | undefined {
    const d = this.cData[this.r(i)] as number;
    if (d === -1) return undefined;
    this.buf.pos = d;
    return this.decodeData();
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

  /**
   * Bytes held: the stream and block index as allocated, plus the tables (each string, record
   * and shape approximated at 100 bytes).
   */
  get bytes(): number {
    const tables =
      this.records.length +
      this.shapes.length +
      this.strs.strings.length +
      this.nodes.strings.length +
      this.kinds.strings.length;
    return this.streamBytes + this.kindC.bytes + 100 * tables;
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

/**
 * Decoded history rows in typed arrays, one entry per row: the decoded-block cache of
 * `HistoryColumns`, and the buffer a sequential reader fills with `readRows`.
 */
export class HistoryRows {
  /** `readRows` starts at a multiple of this. */
  static readonly ALIGN = BLOCK;
  /** type | flags << 3: the op code is `type & 7`, the flag `(type >> 3) & 1`, a result `(type >> 3) & 7`. */
  readonly type: Uint8Array;
  readonly msg: Float64Array;
  /** Producer (send, outcome) or consumer (deliver, effect, commit), interned. */
  readonly actor: Int32Array;
  /** Group (deliver, effect, commit) or key + 1, 0 for a null key (send); else 0. */
  readonly g: Int32Array;
  /** send: seq; outcome: error id + 1 (0 none). */
  readonly x: Float64Array;
  /** send: attempt. */
  readonly y: Float64Array;

  /** Room for `rows` rows (a multiple of `ALIGN`). */
  constructor(
    rows: number,
    readonly at = new Float64Array(rows),
  ) {
    this.type = new Uint8Array(rows);
    this.msg = new Float64Array(rows);
    this.actor = new Int32Array(rows);
    this.g = new Int32Array(rows);
    this.x = new Float64Array(rows);
    this.y = new Float64Array(rows);
  }
}

/**
 * The history as rows of varints in one byte stream, in blocks of 16 rows like the journal: a
 * type-and-flags byte, the time and the message as deltas from the row before, the producer or
 * consumer, the group or key, and for a send its sequence number and attempt (an outcome: its
 * error). A typical row costs five or six bytes.
 */
export class HistoryColumns extends BlockRows {
  private readonly strs = new StringTable();
  private view: readonly HistoryOp[] | null = null;
  private maxMsg = -1;
  /** True while every message id is a non-negative integer. */
  private plainIds = true;

  /** The decoded blocks (see `BlockRows.r`); `cAt` holds the times. */
  private readonly cache = new HistoryRows(SLOTS * BLOCK, this.cAt);
  private readonly cType = this.cache.type;
  private readonly cMsg = this.cache.msg;
  private readonly cActor = this.cache.actor;
  private readonly cG = this.cache.g;
  private readonly cX = this.cache.x;
  private readonly cY = this.cache.y;

  /**
   * Flags: outcome: result | definite << 3; deliver: redelivered; effect: applied; commit: 1 for
   * `offset`, 0 for `ack`.
   */
  append(op: HistoryOp): void {
    switch (op.type) {
      case 'send':
        this.appendSend(op.at, op.msg, op.producer, op.key, op.seq, op.attempt);
        break;
      case 'outcome':
        this.appendOutcome(op.at, op.msg, op.producer, op.result, op.definite, op.error);
        break;
      case 'deliver':
        this.appendConsumer(OP_DELIVER, op.at, op.msg, op.consumer, op.group, op.redelivered);
        break;
      case 'effect':
        this.appendConsumer(OP_EFFECT, op.at, op.msg, op.consumer, op.group, op.applied);
        break;
      case 'commit':
        this.appendConsumer(OP_COMMIT, op.at, op.msg, op.consumer, op.group, op.how === 'offset');
        break;
      default: {
        const never: never = op;
        throw new Error(`unknown history op ${JSON.stringify(never)}`);
      }
    }
  }

  /** A `send` row, from its fields (no op object needed). */
  appendSend(
    at: Micros,
    msg: MsgId,
    producer: string,
    key: string | null,
    seq: number,
    attempt: number,
  ): void {
    const s = this.strs;
    this.row(at, msg, OP_SEND, 0, s.id(producer), key === null ? 0 : s.id(key) + 1);
    this.buf.s(seq);
    this.buf.s(attempt);
    this.rows++;
  }

  /** An `outcome` row, from its fields. */
  appendOutcome(
    at: Micros,
    msg: MsgId,
    producer: string,
    result: ProducerResult,
    definite: boolean,
    error: string | undefined,
  ): void {
    const s = this.strs;
    const flags = (RESULT_CODE.get(result) ?? 0) | (definite ? 8 : 0);
    this.row(at, msg, OP_OUTCOME, flags, s.id(producer), 0);
    this.buf.u(error === undefined ? 0 : s.id(error) + 1);
    this.rows++;
  }

  /** A `deliver`, `effect` or `commit` row (`type` is its op code), from its fields. */
  appendConsumer(
    type: number,
    at: Micros,
    msg: MsgId,
    consumer: string,
    group: string,
    flag: boolean,
  ): void {
    const s = this.strs;
    this.row(at, msg, type, flag ? 1 : 0, s.id(consumer), s.id(group));
    this.rows++;
  }

  /** Writes the fields every row has. */
  private row(at: Micros, msg: MsgId, type: number, flags: number, actor: number, g: number): void {
    this.begin();
    const b = this.buf;
    const dAt = at - this.prevAt;
    const rawAt = !ByteStream.small(dAt);
    b.push(type | (flags << 3) | (rawAt ? 128 : 0));
    if (rawAt) b.f(at);
    else b.s(dAt);
    this.prevAt = at;
    b.s(msg - this.prevMsg);
    this.prevMsg = msg;
    if (msg > this.maxMsg) this.maxMsg = msg;
    if (!(msg >= 0 && Number.isInteger(msg))) this.plainIds = false;
    b.u(actor);
    b.u(g);
  }

  protected load(_blk: number, n: number, base: number): void {
    this.decode(this.cache, base, n);
  }

  /** Decodes `n` rows from the stream's position into `out` at index `base` onwards. */
  private decode(out: HistoryRows, base: number, n: number): void {
    const b = this.buf;
    const { type: oType, at: oAt, msg: oMsg, actor: oActor, g: oG, x: oX, y: oY } = out;
    let at = 0;
    let msg = 0;
    for (let k = base; k < base + n; k++) {
      const t = b.byte(b.pos++);
      oType[k] = t & 127;
      at = t & 128 ? b.readF() : at + b.readS();
      oAt[k] = at;
      msg += b.readS();
      oMsg[k] = msg;
      oActor[k] = b.readU();
      oG[k] = b.readU();
      const type = t & 7;
      if (type === OP_SEND) {
        oX[k] = b.readS();
        oY[k] = b.readS();
      } else if (type === OP_OUTCOME) {
        oX[k] = b.readU();
        oY[k] = 0;
      } else {
        oX[k] = 0;
        oY[k] = 0;
      }
    }
  }

  /**
   * Decodes the rows from `from` (a multiple of `HistoryRows.ALIGN`) into `out`, as many as it
   * holds, and returns how many: a sequential reader decodes each block once, straight into its
   * own arrays, and neither uses nor disturbs the decoded-block cache.
   */
  readRows(from: number, out: HistoryRows): number {
    if ((from & IN_BLOCK) !== 0) throw new Error(`readRows from ${from}: not a block start`);
    const n = Math.max(0, Math.min(out.type.length, this.rows - from));
    for (let j = 0; j < n; j += BLOCK) {
      this.buf.pos = this.blockOff.get((from + j) >>> BLOCK_SHIFT);
      this.decode(out, j, Math.min(BLOCK, n - j));
    }
    return n;
  }

  typeCode(i: number): number {
    return (this.cType[this.r(i)] as number) & 7;
  }

  type(i: number): HistoryOp['type'] {
    return OP_TYPES[this.typeCode(i)] as HistoryOp['type'];
  }

  at(i: number): Micros {
    return this.cAt[this.r(i)] as number;
  }

  msg(i: number): MsgId {
    return this.cMsg[this.r(i)] as number;
  }

  /** Interned id of the producer or consumer (compare ids, or read `str`). */
  actorId(i: number): number {
    return this.cActor[this.r(i)] as number;
  }

  /** Interned id of the group of a deliver, effect or commit. */
  groupId(i: number): number {
    return this.cG[this.r(i)] as number;
  }

  /**
   * An upper bound on the distinct message ids in the history: the largest id + 1 when every id
   * is a non-negative integer, else the row count. Readers size per-message arrays by it once.
   */
  get msgBound(): number {
    return this.plainIds ? Math.min(this.rows, this.maxMsg + 1) : this.rows;
  }

  /** The largest message id + 1 (0 for none) when every id is a non-negative integer, else -1. */
  get idBound(): number {
    return this.plainIds ? this.maxMsg + 1 : -1;
  }

  /** The id `s` has in this history's string table, or -1 if it never occurs. */
  findString(s: string): number {
    return this.strs.find(s);
  }

  str(id: number): string {
    return this.strs.str(id);
  }

  /** send: the key's interned id + 1 (`str(keyId(i) - 1)`), 0 for a null key. */
  keyId(i: number): number {
    return this.cG[this.r(i)] as number;
  }

  /** send: the key (null when none). */
  key(i: number): string | null {
    const g = this.cG[this.r(i)] as number;
    return g === 0 ? null : this.strs.str(g - 1);
  }

  seq(i: number): number {
    return this.cX[this.r(i)] as number;
  }

  result(i: number): ProducerResult {
    return RESULTS[((this.cType[this.r(i)] as number) >> 3) & 7] as ProducerResult;
  }

  definite(i: number): boolean {
    return (((this.cType[this.r(i)] as number) >> 3) & 8) !== 0;
  }

  /** deliver: redelivered; effect: applied; commit: `offset`. */
  flag(i: number): boolean {
    return (((this.cType[this.r(i)] as number) >> 3) & 1) !== 0;
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
          producer: s.str(this.actorId(i)),
          key: this.key(i),
          seq: this.seq(i),
          attempt: this.cY[this.r(i)] as number,
        };
      case 'outcome': {
        const op: Extract<HistoryOp, { type: 'outcome' }> = {
          type,
          at,
          msg,
          producer: s.str(this.actorId(i)),
          result: this.result(i),
          definite: this.definite(i),
        };
        const err = this.cX[this.r(i)] as number;
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
      consumer: this.strs.str(this.actorId(i)),
      group: this.strs.str(this.groupId(i)),
    };
  }

  asArray(): readonly HistoryOp[] {
    this.view ??= arrayView(this);
    return this.view;
  }

  get bytes(): number {
    return this.streamBytes + 100 * this.strs.strings.length;
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
