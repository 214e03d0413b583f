/**
 * The client's AllocateMessageQueueStrategy implementations (rocketmq-all-4.9.8,
 * client/src/main/java/org/apache/rocketmq/client/consumer/rebalance/):
 * AllocateMessageQueueAveragely, AllocateMessageQueueAveragelyByCircle,
 * AllocateMessageQueueConsistentHash (with common/.../consistenthash/ConsistentHashRouter.java and
 * VirtualNode.java), AllocateMessageQueueByConfig and AllocateMessageQueueByMachineRoom.
 *
 * Every consumer of a group runs the same function over the same sorted queue and client-id lists
 * and keeps what it returns for itself; nothing coordinates them, so strategies that ignore the
 * members (CONFIG) or some queues (MACHINE_ROOM) leave queues that nobody reads.
 */
import { md5 } from './md5';

/** The strategy names this model accepts (the scenario's `allocateMessageQueueStrategy`). */
export type AllocateStrategy =
  'AVERAGELY' | 'AVERAGELY_BY_CIRCLE' | 'CONSISTENT_HASH' | 'CONFIG' | 'MACHINE_ROOM';

/** A message queue as the strategies see it. */
export interface AllocQueue {
  /** The model's key for the queue (`brokerName|topic|queueId`). */
  key: string;
  brokerName: string;
  topic: string;
  queueId: number;
}

export interface AllocateOptions {
  strategy: AllocateStrategy;
  /** CONSISTENT_HASH: virtual nodes per client on the ring (the constructor's `virtualNodeCnt`, 10). */
  virtualNodes: number;
  /** CONFIG: the queue keys `setMessageQueueList` gave this consumer. */
  configQueues: readonly string[];
  /** MACHINE_ROOM: the rooms (`setConsumeridcs`) this group reads. */
  idcs: ReadonlySet<string>;
}

/** The queues `cid` keeps out of `all` (sorted) when the group's clients are `cids` (sorted). */
export function allocate(
  o: AllocateOptions,
  cid: string,
  all: readonly AllocQueue[],
  cids: readonly string[],
): string[] {
  // AbstractAllocateMessageQueueStrategy.check: a client not in cidAll gets nothing.
  const index = cids.indexOf(cid);
  if (o.strategy === 'CONFIG') return [...o.configQueues];
  if (index < 0 || all.length === 0) return [];
  switch (o.strategy) {
    case 'AVERAGELY':
      return averagely(
        all.map((q) => q.key),
        index,
        cids.length,
      );
    case 'AVERAGELY_BY_CIRCLE':
      return all.filter((_, i) => i % cids.length === index).map((q) => q.key);
    case 'CONSISTENT_HASH': {
      const ring = hashRing(cids, o.virtualNodes);
      return all.filter((q) => ring.route(mqString(q)) === cid).map((q) => q.key);
    }
    case 'MACHINE_ROOM':
      return byMachineRoom(all, o.idcs, index, cids.length);
    default: {
      const never: never = o.strategy;
      throw new Error(`unknown strategy ${String(never)}`);
    }
  }
}

/** AllocateMessageQueueAveragely: contiguous blocks, the first `n % k` clients one more. */
function averagely(all: readonly string[], index: number, k: number): string[] {
  const n = all.length;
  const mod = n % k;
  const avg = n <= k ? 1 : mod > 0 && index < mod ? Math.floor(n / k) + 1 : Math.floor(n / k);
  const startIndex = mod > 0 && index < mod ? index * avg : index * avg + mod;
  const range = Math.min(avg, n - startIndex);
  const out: string[] = [];
  for (let i = 0; i < range; i++) out.push(all[(startIndex + i) % n] as string);
  return out;
}

/**
 * AllocateMessageQueueByMachineRoom: only queues whose brokerName is `room@name` with `room` in
 * consumeridcs; each client takes `size / clients` of them in a block, and the first
 * `size % clients` clients one more from the tail.
 */
function byMachineRoom(
  all: readonly AllocQueue[],
  idcs: ReadonlySet<string>,
  index: number,
  k: number,
): string[] {
  const pre = all.filter((q) => {
    const parts = q.brokerName.split('@');
    return parts.length === 2 && idcs.has(parts[0] as string);
  });
  const mod = Math.floor(pre.length / k);
  const rem = pre.length % k;
  const out: string[] = [];
  for (let i = mod * index; i < mod * index + mod; i++) out.push((pre[i] as AllocQueue).key);
  if (rem > index) out.push((pre[index + mod * k] as AllocQueue).key);
  return out;
}

/** `MessageQueue.toString()`: the string ConsistentHashRouter hashes for a queue. */
export function mqString(q: AllocQueue): string {
  return `MessageQueue [topic=${q.topic}, brokerName=${q.brokerName}, queueId=${q.queueId}]`;
}

/** ConsistentHashRouter's MD5Hash: the digest's first 4 bytes, big-endian, unsigned. */
export function ringHash(key: string): number {
  const d = md5(key);
  return (
    (((d[0] as number) << 24) >>> 0) +
    ((d[1] as number) << 16) +
    ((d[2] as number) << 8) +
    (d[3] as number)
  );
}

interface Ring {
  route(key: string): string;
}

/** The last ring built, reused while the group and the virtual node count stay the same. */
let lastRing: { id: string; ring: Ring } | null = null;

/**
 * ConsistentHashRouter over the clients: each adds `vnodes` virtual nodes keyed `cid-i`, put in
 * a TreeMap by hash (a later node with the same hash replaces the earlier); a queue goes to the
 * first virtual node at or after its hash, wrapping to the first.
 */
export function hashRing(cids: readonly string[], vnodes: number): Ring {
  const id = `${vnodes}|${cids.join('\u0000')}`;
  if (lastRing?.id === id) return lastRing.ring;
  const byHash = new Map<number, string>();
  for (const cid of cids) for (let i = 0; i < vnodes; i++) byHash.set(ringHash(`${cid}-${i}`), cid);
  const hashes = [...byHash.keys()].sort((a, b) => a - b);
  const ring: Ring = {
    route(key) {
      if (hashes.length === 0) return '';
      const h = ringHash(key);
      let lo = 0;
      let hi = hashes.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((hashes[mid] as number) < h) lo = mid + 1;
        else hi = mid;
      }
      return byHash.get(hashes[lo === hashes.length ? 0 : lo] as number) as string;
    },
  };
  lastRing = { id, ring };
  return ring;
}
