/**
 * Growable typed-array columns and a string table: the storage under the recorder's journal and
 * history. A recorded hour of a busy cluster is tens of millions of rows; as objects that is
 * gigabytes, as columns a few bytes a field. Columns grow in fixed chunks, so growing never copies
 * what is already stored and a read is two array lookups.
 */

const SHIFT = 16;
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;

type TypedArray = Int32Array | Uint8Array | Uint16Array | Float64Array | Uint32Array;

/** A column of one typed-array element type, appended to and read by index. */
export class Column<T extends TypedArray> {
  private readonly chunks: T[] = [];
  private cur: T;
  private fill = 0;
  length = 0;

  constructor(private readonly make: (n: number) => T) {
    // The first chunk starts small: most runs (a lesson, a test) are short.
    this.cur = make(1024);
    this.chunks.push(this.cur);
  }

  push(v: number): void {
    if (this.fill === this.cur.length) this.grow();
    this.cur[this.fill++] = v;
    this.length++;
  }

  get(i: number): number {
    return (this.chunks[i >>> SHIFT] as T)[i & MASK] as number;
  }

  set(i: number, v: number): void {
    (this.chunks[i >>> SHIFT] as T)[i & MASK] = v;
  }

  private grow(): void {
    if (this.cur.length < CHUNK) {
      // Still the first chunk: double it (a copy of at most one small chunk).
      const next = this.make(Math.min(CHUNK, this.cur.length * 2));
      (next as Uint8Array).set(this.cur);
      this.cur = next;
      this.chunks[this.chunks.length - 1] = next;
      return;
    }
    this.cur = this.make(CHUNK);
    this.chunks.push(this.cur);
    this.fill = 0;
  }

  /** Bytes held (allocated, not only used). */
  get bytes(): number {
    let n = 0;
    for (const c of this.chunks) n += c.byteLength;
    return n;
  }
}

export const int32s = (): Column<Int32Array> => new Column((n) => new Int32Array(n));
export const uint8s = (): Column<Uint8Array> => new Column((n) => new Uint8Array(n));
export const uint16s = (): Column<Uint16Array> => new Column((n) => new Uint16Array(n));
export const float64s = (): Column<Float64Array> => new Column((n) => new Float64Array(n));

/**
 * Non-decreasing times (microseconds since the start, up to 2^53): each chunk of rows keeps its
 * first time and 32-bit offsets from it, so a time costs 4 bytes. A chunk whose span passes 2^32
 * microseconds (71 minutes with nothing recorded) falls back to 64-bit floats.
 */
export class TimeColumn {
  private readonly bases: number[] = [];
  private readonly chunks: (Uint32Array | Float64Array)[] = [];
  private fill = CHUNK;
  length = 0;

  push(v: number): void {
    if (this.fill === CHUNK) {
      this.bases.push(v);
      this.chunks.push(new Uint32Array(this.chunks.length === 0 ? 1024 : CHUNK));
      this.fill = 0;
    }
    const k = this.chunks.length - 1;
    let c = this.chunks[k] as Uint32Array | Float64Array;
    const base = this.bases[k] as number;
    if (this.fill === c.length) {
      const next =
        c instanceof Uint32Array ? new Uint32Array(c.length * 2) : new Float64Array(c.length * 2);
      next.set(c);
      this.chunks[k] = c = next;
    }
    const d = v - base;
    if (c instanceof Uint32Array && (d < 0 || d > 0xffffffff)) {
      const wide = new Float64Array(c.length);
      wide.set(c);
      this.chunks[k] = c = wide;
    }
    c[this.fill++] = d;
    this.length++;
  }

  get(i: number): number {
    const k = i >>> SHIFT;
    return (this.bases[k] as number) + ((this.chunks[k] as Uint32Array)[i & MASK] as number);
  }

  get bytes(): number {
    let n = 0;
    for (const c of this.chunks) n += c.byteLength;
    return n;
  }
}

/** Interned strings: each distinct string once, referred to by a small integer. */
export class StringTable {
  readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();

  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.ids.set(s, id);
    }
    return id;
  }

  /** The id of `s` if it was ever interned, else -1 (reading never interns). */
  find(s: string): number {
    return this.ids.get(s) ?? -1;
  }

  str(id: number): string {
    return this.strings[id] as string;
  }
}
