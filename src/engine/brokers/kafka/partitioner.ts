/**
 * Kafka's producer-side placement: the default partitioner (murmur2 of the key bytes, exactly as
 * `org.apache.kafka.common.utils.Utils.murmur2` and `toPositive` compute it), and the built-in
 * sticky choice for null keys (KIP-480/KIP-794: stay on one partition until `batch.size` bytes
 * went to it, then move to another at random).
 */
import type { Rng } from '../../kernel/prng';

/** Kafka's `Utils.murmur2` over a byte array: 32-bit signed, as Java returns it. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  const m = 0x5bd1e995;
  const r = 24;
  let h = (0x9747b28c ^ length) | 0;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k =
      ((data[i4] as number) & 0xff) +
      (((data[i4 + 1] as number) & 0xff) << 8) +
      (((data[i4 + 2] as number) & 0xff) << 16) +
      (((data[i4 + 3] as number) & 0xff) << 24);
    k = Math.imul(k | 0, m);
    k ^= k >>> r;
    k = Math.imul(k, m);
    h = Math.imul(h, m);
    h ^= k;
  }
  const tail = length & ~3;
  // Java's switch falls through from case 3 to case 1; so does this chain of ifs.
  const rest = length % 4;
  if (rest >= 3) h ^= ((data[tail + 2] as number) & 0xff) << 16;
  if (rest >= 2) h ^= ((data[tail + 1] as number) & 0xff) << 8;
  if (rest >= 1) {
    h ^= (data[tail] as number) & 0xff;
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's `Utils.toPositive`: clears the sign bit (not `Math.abs`, which fails on MIN_VALUE). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/** UTF-8 bytes of a string (Kafka's StringSerializer default encoding). */
export function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** The partition Kafka's default partitioner picks for a non-null key. */
export function partitionForKey(key: string, numPartitions: number): number {
  return toPositive(murmur2(utf8(key))) % numPartitions;
}

/** A custom rule (like RocketMQ's `id % n` selector): the number in the key, modulo partitions. */
export function keyModulo(key: string, numPartitions: number): number {
  const digits = key.replace(/\D/g, '');
  const n = digits === '' ? 0 : Number(digits.slice(-9));
  return n % numPartitions;
}

/**
 * The sticky choice for null keys (Kafka 3.3+ BuiltInPartitioner without broker load stats):
 * keep a partition until `batch.size` bytes were produced to it, then pick another uniformly.
 */
export class StickyPartitioner {
  private current = -1;
  private bytes = 0;

  constructor(
    private readonly rng: Rng,
    private readonly batchSize: number,
  ) {}

  next(numPartitions: number, recordBytes: number): number {
    if (this.current < 0 || this.bytes >= this.batchSize) {
      let p = this.rng.int(0, numPartitions - 1);
      if (numPartitions > 1 && p === this.current) p = (p + 1) % numPartitions;
      this.current = p;
      this.bytes = 0;
    }
    this.bytes += recordBytes;
    return this.current;
  }
}

/**
 * Replica placement as Kafka's rack-unaware assignment computes it
 * (`AdminUtils.assignReplicasToBrokersRackUnaware`): partition p's first replica is broker
 * `(p + startIndex) % n`, the others follow at a shift that grows by one every n partitions.
 * Kafka draws `startIndex` and the initial shift at random; here both come from `fixedStart`
 * (Kafka's own tests pass a fixed start index the same way).
 */
export function assignReplicas<B>(
  brokers: readonly B[],
  partitions: number,
  replicationFactor: number,
  fixedStart: number,
): B[][] {
  const n = brokers.length;
  const startIndex = fixedStart % n;
  let nextReplicaShift = fixedStart % n;
  const out: B[][] = [];
  for (let p = 0; p < partitions; p++) {
    if (p > 0 && p % n === 0) nextReplicaShift++;
    const first = (p + startIndex) % n;
    const replicas: B[] = [brokers[first] as B];
    for (let j = 0; j < replicationFactor - 1; j++) {
      const shift = 1 + ((nextReplicaShift + j) % (n - 1));
      replicas.push(brokers[(first + shift) % n] as B);
    }
    out.push(replicas);
  }
  return out;
}
