/**
 * Raw DEFLATE (RFC 1951) decoding in plain TypeScript, for share links.
 *
 * Browsers and Node both have `DecompressionStream('deflate-raw')`, but they disagree on hostile
 * input: Node's accepts bytes after the end of the compressed data and Chromium's rejects them,
 * and neither says where the stream ended. A link must decode the same way everywhere, so the
 * decoder is this one: it stops at a hard output cap (a zip bomb ends there), reports where the
 * stream ended (the caller rejects trailing bytes), and never throws. It follows the structure of
 * zlib's reference decoder `puff.c` (canonical Huffman codes decoded bit by bit).
 */

export type InflateResult =
  | { ok: true; bytes: Uint8Array; /** Bytes of input the stream used. */ used: number }
  | { ok: false; kind: 'too-large' }
  | { ok: false; kind: 'corrupt'; message: string };

const MAXBITS = 15;
const LBASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258,
];
const LEXT = [
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DBASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
  3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DEXT = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

class Corrupt extends Error {}
class TooLarge extends Error {}

interface Huffman {
  count: Uint16Array;
  symbol: Uint16Array;
}

/** Builds a canonical code from code lengths; rejects an over-subscribed set of lengths. */
function huffman(lengths: ArrayLike<number>, n: number): Huffman {
  const count = new Uint16Array(MAXBITS + 1);
  for (let s = 0; s < n; s++) {
    const l = lengths[s] as number;
    count[l] = (count[l] as number) + 1;
  }
  let left = 1;
  for (let len = 1; len <= MAXBITS; len++) {
    left = (left << 1) - (count[len] as number);
    if (left < 0) throw new Corrupt('over-subscribed Huffman code');
  }
  const offs = new Uint16Array(MAXBITS + 2);
  for (let len = 1; len <= MAXBITS; len++)
    offs[len + 1] = (offs[len] as number) + (count[len] as number);
  const symbol = new Uint16Array(n);
  for (let s = 0; s < n; s++) {
    const l = lengths[s] as number;
    if (l !== 0) {
      const at = offs[l] as number;
      symbol[at] = s;
      offs[l] = at + 1;
    }
  }
  return { count, symbol };
}

let fixedCodes: { lit: Huffman; dist: Huffman } | null = null;
function fixed(): { lit: Huffman; dist: Huffman } {
  if (fixedCodes === null) {
    const l = new Uint8Array(288);
    l.fill(8, 0, 144);
    l.fill(9, 144, 256);
    l.fill(7, 256, 280);
    l.fill(8, 280, 288);
    fixedCodes = { lit: huffman(l, 288), dist: huffman(new Uint8Array(30).fill(5), 30) };
  }
  return fixedCodes;
}

class Decoder {
  private pos = 0;
  private bitBuf = 0;
  private bitCnt = 0;
  private out: Uint8Array;
  private len = 0;

  constructor(
    private readonly input: Uint8Array,
    private readonly limit: number,
  ) {
    this.out = new Uint8Array(Math.min(limit, Math.max(1024, input.length * 4)));
  }

  private bits(need: number): number {
    let val = this.bitBuf;
    while (this.bitCnt < need) {
      if (this.pos >= this.input.length) throw new Corrupt('unexpected end of data');
      val |= (this.input[this.pos++] as number) << this.bitCnt;
      this.bitCnt += 8;
    }
    this.bitBuf = val >>> need;
    this.bitCnt -= need;
    return val & ((1 << need) - 1);
  }

  private put(byte: number): void {
    if (this.len >= this.out.length) {
      if (this.len >= this.limit) throw new TooLarge();
      const grown = new Uint8Array(Math.min(this.limit, this.out.length * 2));
      grown.set(this.out);
      this.out = grown;
    }
    this.out[this.len++] = byte;
  }

  private decode(h: Huffman): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len <= MAXBITS; len++) {
      code |= this.bits(1);
      const count = h.count[len] as number;
      if (code - count < first) return h.symbol[index + (code - first)] as number;
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw new Corrupt('invalid Huffman code');
  }

  private stored(): void {
    this.bitBuf = 0;
    this.bitCnt = 0;
    if (this.pos + 4 > this.input.length) throw new Corrupt('unexpected end of data');
    const b = this.input;
    const len = (b[this.pos] as number) | ((b[this.pos + 1] as number) << 8);
    const nlen = (b[this.pos + 2] as number) | ((b[this.pos + 3] as number) << 8);
    this.pos += 4;
    if (len !== (~nlen & 0xffff)) throw new Corrupt('stored block length does not match');
    if (this.pos + len > b.length) throw new Corrupt('unexpected end of data');
    for (let i = 0; i < len; i++) this.put(b[this.pos + i] as number);
    this.pos += len;
  }

  private codes(lit: Huffman, dist: Huffman): void {
    for (;;) {
      const sym = this.decode(lit);
      if (sym < 256) this.put(sym);
      else if (sym === 256) return;
      else {
        const li = sym - 257;
        if (li >= 29) throw new Corrupt('invalid length code');
        const length = (LBASE[li] as number) + this.bits(LEXT[li] as number);
        const di = this.decode(dist);
        if (di >= 30) throw new Corrupt('invalid distance code');
        const d = (DBASE[di] as number) + this.bits(DEXT[di] as number);
        if (d > this.len) throw new Corrupt('distance too far back');
        for (let i = 0; i < length; i++) this.put(this.out[this.len - d] as number);
      }
    }
  }

  private dynamic(): void {
    const nlen = this.bits(5) + 257;
    const ndist = this.bits(5) + 1;
    const ncode = this.bits(4) + 4;
    if (nlen > 286 || ndist > 30) throw new Corrupt('too many length or distance codes');
    const lengths = new Uint8Array(316);
    for (let i = 0; i < ncode; i++) lengths[CL_ORDER[i] as number] = this.bits(3);
    const lencode = huffman(lengths, 19);
    lengths.fill(0);
    let i = 0;
    while (i < nlen + ndist) {
      const sym = this.decode(lencode);
      if (sym < 16) {
        lengths[i++] = sym;
        continue;
      }
      let len = 0;
      let rep: number;
      if (sym === 16) {
        if (i === 0) throw new Corrupt('repeat with no previous length');
        len = lengths[i - 1] as number;
        rep = 3 + this.bits(2);
      } else if (sym === 17) rep = 3 + this.bits(3);
      else rep = 11 + this.bits(7);
      if (i + rep > nlen + ndist) throw new Corrupt('too many code lengths');
      while (rep-- > 0) lengths[i++] = len;
    }
    if (lengths[256] === 0) throw new Corrupt('no end-of-block code');
    const lit = huffman(lengths.subarray(0, nlen), nlen);
    const dist = huffman(lengths.subarray(nlen, nlen + ndist), ndist);
    this.codes(lit, dist);
  }

  run(): { bytes: Uint8Array; used: number } {
    let last: number;
    do {
      last = this.bits(1);
      const type = this.bits(2);
      if (type === 0) this.stored();
      else if (type === 1) {
        const f = fixed();
        this.codes(f.lit, f.dist);
      } else if (type === 2) this.dynamic();
      else throw new Corrupt('invalid block type');
    } while (last === 0);
    // Unused bits of the last byte are padding; whole bytes after it are not part of the stream.
    return { bytes: this.out.slice(0, this.len), used: this.pos };
  }
}

/** Decodes raw DEFLATE data, producing at most `limit` bytes. Never throws. */
export function inflateRaw(input: Uint8Array, limit: number): InflateResult {
  try {
    return { ok: true, ...new Decoder(input, limit).run() };
  } catch (e) {
    if (e instanceof TooLarge) return { ok: false, kind: 'too-large' };
    if (e instanceof Corrupt) return { ok: false, kind: 'corrupt', message: e.message };
    return { ok: false, kind: 'corrupt', message: e instanceof Error ? e.message : String(e) };
  }
}
