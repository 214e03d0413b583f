/**
 * Per-message storage for the checker: a dense index over message ids and typed-array columns
 * indexed by it. A long run has millions of messages; a Map entry plus an object per message cost
 * the checker about 150 bytes each (1 GB for the Kafka hour), these columns a few tens.
 */
import type { MsgId } from './history';

/** An Int32Array that grows by doubling; new cells hold `fill`. */
export class IntColumn {
  private a: Int32Array;
  constructor(
    private readonly fill: number,
    capacity = 1024,
  ) {
    this.a = new Int32Array(capacity);
    if (fill !== 0) this.a.fill(fill);
  }

  /** Makes room for index `i`. */
  reserve(i: number): void {
    if (i < this.a.length) return;
    let n = this.a.length * 2;
    while (n <= i) n *= 2;
    const b = new Int32Array(n);
    b.set(this.a);
    if (this.fill !== 0) b.fill(this.fill, this.a.length);
    this.a = b;
  }

  get(i: number): number {
    return i < this.a.length ? (this.a[i] as number) : this.fill;
  }

  /**
   * The backing array, for a hot loop that indexes it directly: valid until the column grows
   * (`reserve` or `set` past its capacity), so only for indices the column was sized for.
   */
  get array(): Int32Array {
    return this.a;
  }

  set(i: number, v: number): void {
    this.reserve(i);
    this.a[i] = v;
  }
}

/** A copy of `a` doubled until index `i` fits (new cells 0). */
function grown<T extends Uint8Array | Float64Array>(a: T, i: number, make: (n: number) => T): T {
  let n = a.length * 2;
  while (n <= i) n *= 2;
  const b = make(n);
  b.set(a);
  return b;
}

/** A Float64Array that grows by doubling (exact for any number); new cells hold 0. */
export class FloatColumn {
  private a: Float64Array;
  constructor(capacity = 1024) {
    this.a = new Float64Array(capacity);
  }

  get(i: number): number {
    return i < this.a.length ? (this.a[i] as number) : 0;
  }

  set(i: number, v: number): void {
    if (i >= this.a.length) this.a = grown(this.a, i, (n) => new Float64Array(n));
    this.a[i] = v;
  }
}

/**
 * Small counts (deliveries, effects of one message in one group): one byte each, with the rare
 * count of 255 or more kept exactly on the side.
 */
export class CountColumn {
  private a: Uint8Array;
  private readonly big = new Map<number, number>();
  constructor(capacity = 1024) {
    this.a = new Uint8Array(capacity);
  }

  get(i: number): number {
    const v = i < this.a.length ? (this.a[i] as number) : 0;
    return v === 255 ? (this.big.get(i) as number) : v;
  }

  inc(i: number): void {
    if (i >= this.a.length) this.a = grown(this.a, i, (n) => new Uint8Array(n));
    const v = this.a[i] as number;
    if (v < 254) this.a[i] = v + 1;
    else if (v === 254) {
      this.a[i] = 255;
      this.big.set(i, 255);
    } else this.big.set(i, (this.big.get(i) as number) + 1);
  }
}

/**
 * Message id -> dense index (0, 1, 2 ... in order of first sight). Engines number messages 0, 1,
 * 2 ..., so a table indexed by id serves them; an id far outside that range (a hand-built
 * history) goes to a Map.
 */
export class MsgIndex {
  private readonly direct: IntColumn;
  private readonly other = new Map<MsgId, number>();
  private readonly ids: IntColumn;
  /** Dense indices handed out so far. */
  size = 0;

  /** Sized for ids below `idCap` and `denseCap` messages (both grow if exceeded). */
  constructor(idCap = 1024, denseCap = 1024) {
    this.direct = new IntColumn(-1, Math.max(16, idCap));
    this.ids = new IntColumn(0, Math.max(16, denseCap));
  }

  /**
   * The id -> dense index table (-1 where none), for a hot loop: valid while every id it reads
   * is below the capacity the index was made with (the table grows only past it).
   */
  get table(): Int32Array {
    return this.direct.array;
  }

  /** The dense index of `id`, or -1 if it was never added. */
  find(id: MsgId): number {
    if (Number.isInteger(id) && id >= 0) {
      const d = this.direct.get(id);
      if (d >= 0) return d;
    }
    return this.other.size === 0 ? -1 : (this.other.get(id) ?? -1);
  }

  /** The dense index of `id`, added if new. */
  add(id: MsgId): number {
    const d = this.find(id);
    if (d >= 0) return d;
    const n = this.size++;
    // Room for ids up to 4 times the messages seen (plus slack): dense numberings stay direct.
    if (Number.isInteger(id) && id >= 0 && id < 4 * n + 65_536) this.direct.set(id, n);
    else this.other.set(id, n);
    this.ids.set(n, id);
    return n;
  }

  /** The message id of dense index `d`. */
  id(d: number): MsgId {
    return this.ids.get(d);
  }
}

/**
 * The fates of one group's messages as a read-only Map (what `CheckReport.fates` promises), over
 * one byte per message. Iteration order is the order the checker settled them in: first the
 * fates the history settles (processed, held), then those the journal settles, each in the order
 * the messages were first sent.
 */
export class FateMap<F extends string> implements ReadonlyMap<MsgId, F> {
  /** Per dense index: 0 none, else fate index + 1, plus `LATE` when the journal settled it. */
  private codes = new Uint8Array(0);
  private n = 0;
  static readonly LATE = 0x80;

  constructor(
    private readonly index: MsgIndex,
    /** Dense indices of the sent messages, in order of first send. */
    private readonly order: Int32Array,
    private readonly names: readonly F[],
  ) {}

  /** Sets the fate of dense index `d` (never set twice). */
  put(d: number, fate: number, late: boolean): void {
    if (d >= this.codes.length) {
      const b = new Uint8Array(Math.max(d + 1, this.index.size));
      b.set(this.codes);
      this.codes = b;
    }
    this.codes[d] = (fate + 1) | (late ? FateMap.LATE : 0);
    this.n++;
  }

  /** Fate index of dense index `d`, -1 for none. */
  code(d: number): number {
    const c = d < this.codes.length ? (this.codes[d] as number) : 0;
    return c === 0 ? -1 : (c & ~FateMap.LATE) - 1;
  }

  get size(): number {
    return this.n;
  }

  get(id: MsgId): F | undefined {
    const d = this.index.find(id);
    const c = d < 0 ? -1 : this.code(d);
    return c < 0 ? undefined : this.names[c];
  }

  has(id: MsgId): boolean {
    return this.get(id) !== undefined;
  }

  *entries(): MapIterator<[MsgId, F]> {
    for (const late of [0, FateMap.LATE]) {
      for (const d of this.order) {
        const c = d < this.codes.length ? (this.codes[d] as number) : 0;
        if (c !== 0 && (c & FateMap.LATE) === late) {
          yield [this.index.id(d), this.names[(c & ~FateMap.LATE) - 1] as F];
        }
      }
    }
  }

  *keys(): MapIterator<MsgId> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<F> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[MsgId, F]> {
    return this.entries();
  }

  forEach(cb: (value: F, key: MsgId, map: ReadonlyMap<MsgId, F>) => void): void {
    for (const [k, v] of this.entries()) cb(v, k, this);
  }
}
