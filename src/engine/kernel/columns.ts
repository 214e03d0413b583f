/**
 * Growable typed-array columns, a byte stream of varints and a string table: the storage under
 * the recorder's journal and history. A recorded hour of a busy cluster is tens of millions of
 * rows; as objects that is gigabytes, as varint rows a few bytes each. Storage grows in fixed
 * chunks, so growing never copies what is already stored and a read is two array lookups.
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

export const uint8s = (): Column<Uint8Array> => new Column((n) => new Uint8Array(n));
export const uint32s = (): Column<Uint32Array> => new Column((n) => new Uint32Array(n));

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

const BYTE_CHUNK = 1 << 16;
const TWO_31 = 2 ** 31;
const ZIG_LIMIT = 2 ** 50;
/** Scratch for a float's eight bytes. */
const F64 = new Float64Array(1);
const F64_BYTES = new Uint8Array(F64.buffer);

/**
 * A growable byte stream of variable-length rows: unsigned varints (7 bits a byte), zig-zag
 * signed varints, raw 64-bit floats. Most recorded fields are small integers or small deltas, so
 * they cost one byte here where a fixed column spends four or eight. Chunks are 64 KiB: the first
 * doubles from 1 KiB (a short run stays small), then growth appends chunks and never copies, so at
 * most one partly filled chunk is allocated beyond what is used.
 */
export class ByteStream {
  private readonly chunks: Uint8Array[] = [];
  private cur: Uint8Array;
  private fill = 0;
  length = 0;
  /** Read position of `readU`/`readS`/`readF`, advanced by them. */
  pos = 0;

  constructor() {
    this.cur = new Uint8Array(1024);
    this.chunks.push(this.cur);
  }

  push(b: number): void {
    if (this.fill === this.cur.length) this.grow();
    this.cur[this.fill++] = b;
    this.length++;
  }

  private grow(): void {
    if (this.cur.length < BYTE_CHUNK) {
      const next = new Uint8Array(Math.min(BYTE_CHUNK, this.cur.length * 2));
      next.set(this.cur);
      this.cur = next;
      this.chunks[this.chunks.length - 1] = next;
      return;
    }
    this.cur = new Uint8Array(BYTE_CHUNK);
    this.chunks.push(this.cur);
    this.fill = 0;
  }

  byte(i: number): number {
    return (this.chunks[i >>> 16] as Uint8Array)[i & 0xffff] as number;
  }

  /** An unsigned integer up to 2^53. */
  u(v: number): void {
    if (v < TWO_31) {
      while (v >= 128) {
        this.push((v & 127) | 128);
        v >>>= 7;
      }
      this.push(v);
      return;
    }
    while (v >= 128) {
      this.push((v % 128) | 128);
      v = Math.floor(v / 128);
    }
    this.push(v);
  }

  /** Whether `v` fits a zig-zag varint (`s`); else write it with `f`. */
  static small(v: number): boolean {
    return Number.isSafeInteger(v) && v < ZIG_LIMIT && v > -ZIG_LIMIT && !Object.is(v, -0);
  }

  /** A signed integer with |v| < 2^50 (`small(v)`), zig-zag coded: small magnitudes, one byte. */
  s(v: number): void {
    this.u(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  /** Any number, exactly, as its eight bytes. */
  f(v: number): void {
    F64[0] = v;
    for (let k = 0; k < 8; k++) this.push(F64_BYTES[k] as number);
  }

  readU(): number {
    let b = this.byte(this.pos++);
    if (b < 128) return b;
    let v = b & 127;
    let mul = 128;
    for (;;) {
      b = this.byte(this.pos++);
      v += (b & 127) * mul;
      if (b < 128) return v;
      mul *= 128;
    }
  }

  readS(): number {
    const z = this.readU();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  readF(): number {
    for (let k = 0; k < 8; k++) F64_BYTES[k] = this.byte(this.pos++);
    return F64[0] as number;
  }

  /** Bytes allocated (the partly filled last chunk counts whole). */
  get bytes(): number {
    let n = 0;
    for (const c of this.chunks) n += c.byteLength;
    return n;
  }
}
