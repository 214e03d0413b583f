/**
 * A 64-bit running hash (two 32-bit FNV-1a-style lanes with a murmur finaliser). It pins the
 * identity of a whole run: the same scenario and seed must produce the same hash in Node and in
 * the browser, so it uses only 32-bit integer arithmetic (`Math.imul`), never floating point.
 */
export class TraceHash {
  private hi = 0x811c9dc5 | 0;
  private lo = 0x01000193 | 0;

  mixInt(x: number): void {
    // Split into two 32-bit halves so values up to 2^53 (microsecond times) hash exactly.
    const low = x | 0;
    const high = Math.floor(x / 4294967296) | 0;
    this.lo = Math.imul(this.lo ^ low, 0x01000193);
    this.hi = Math.imul(this.hi ^ high ^ (this.lo >>> 15), 0x5bd1e995);
    this.lo = (this.lo ^ (this.hi >>> 13)) | 0;
  }

  mixStr(s: string): void {
    this.mixInt(hashString(s));
  }

  /** 16 hex digits. */
  hex(): string {
    const f = (v: number): string => (fmix32(v) >>> 0).toString(16).padStart(8, '0');
    return f(this.hi ^ 0x9e3779b9) + f(this.lo);
  }
}

/** murmur3's 32-bit finaliser: good avalanche from cheap integer ops. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** FNV-1a over UTF-16 code units, finalised. Stable across engines. */
export function hashString(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  }
  return fmix32(h);
}
