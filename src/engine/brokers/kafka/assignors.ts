/**
 * Consumer group partition assignors, for one topic with members that all subscribe to it:
 * `range` (RangeAssignor), `roundrobin` (RoundRobinAssignor), `sticky` (StickyAssignor) and
 * `cooperative-sticky` (CooperativeStickyAssignor). Members are ordered by member id, as Kafka
 * orders them. Cooperative-sticky computes the same target as sticky; the model runs the eager
 * protocol for both (its incremental two-phase rebalance is not modelled).
 */

/** member id -> partitions it owns, each list sorted. */
export type Assignment = Map<string, number[]>;

export type AssignorName = 'range' | 'roundrobin' | 'sticky' | 'cooperative-sticky';

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** RangeAssignor: contiguous ranges; the first `partitions % members` members get one extra. */
export function rangeAssign(members: readonly string[], partitions: number): Assignment {
  const ms = [...members].sort(cmp);
  const out: Assignment = new Map();
  const per = Math.floor(partitions / Math.max(1, ms.length));
  const extra = partitions % Math.max(1, ms.length);
  ms.forEach((m, i) => {
    const start = per * i + Math.min(i, extra);
    const len = per + (i < extra ? 1 : 0);
    out.set(
      m,
      Array.from({ length: len }, (_, k) => start + k),
    );
  });
  return out;
}

/** RoundRobinAssignor: partitions in order, dealt to members in id order. */
export function roundRobinAssign(members: readonly string[], partitions: number): Assignment {
  const ms = [...members].sort(cmp);
  const out: Assignment = new Map(ms.map((m) => [m, [] as number[]]));
  for (let p = 0; p < partitions && ms.length > 0; p++)
    out.get(ms[p % ms.length] as string)?.push(p);
  return out;
}

/**
 * StickyAssignor for equal subscriptions (Kafka's `constrainedAssign`): every member keeps what
 * it owned up to its quota (`ceil` for the first `partitions % members` members that need it,
 * `floor` for the rest); the remaining partitions go, in order, to members below quota, in
 * member order.
 */
export function stickyAssign(
  members: readonly string[],
  partitions: number,
  previous: ReadonlyMap<string, readonly number[]>,
): Assignment {
  const ms = [...members].sort(cmp);
  const out: Assignment = new Map(ms.map((m) => [m, [] as number[]]));
  if (ms.length === 0) return out;
  const minQuota = Math.floor(partitions / ms.length);
  let maxQuotaSlots = partitions % ms.length;
  const taken = new Set<number>();
  // Members keep their previous partitions, up to the quota, most-owned first.
  const byOwned = [...ms].sort(
    (a, b) => (previous.get(b)?.length ?? 0) - (previous.get(a)?.length ?? 0) || cmp(a, b),
  );
  for (const m of byOwned) {
    const prev = [...(previous.get(m) ?? [])].filter((p) => p < partitions && !taken.has(p));
    prev.sort((a, b) => a - b);
    let quota = minQuota;
    if (prev.length > minQuota && maxQuotaSlots > 0) {
      quota = minQuota + 1;
      maxQuotaSlots--;
    }
    const keep = prev.slice(0, quota);
    for (const p of keep) taken.add(p);
    out.set(m, keep);
  }
  const unassigned: number[] = [];
  for (let p = 0; p < partitions; p++) if (!taken.has(p)) unassigned.push(p);
  // Fill members below the minimum quota first, then hand out the extra slots.
  for (const m of ms) {
    const own = out.get(m) as number[];
    while (own.length < minQuota && unassigned.length > 0) own.push(unassigned.shift() as number);
  }
  for (const m of ms) {
    if (unassigned.length === 0) break;
    const own = out.get(m) as number[];
    if (own.length === minQuota && maxQuotaSlots > 0) {
      own.push(unassigned.shift() as number);
      maxQuotaSlots--;
    }
  }
  for (const own of out.values()) own.sort((a, b) => a - b);
  return out;
}

/** Runs the named assignor. */
export function assign(
  name: AssignorName,
  members: readonly string[],
  partitions: number,
  previous: ReadonlyMap<string, readonly number[]>,
): Assignment {
  switch (name) {
    case 'range':
      return rangeAssign(members, partitions);
    case 'roundrobin':
      return roundRobinAssign(members, partitions);
    case 'sticky':
    case 'cooperative-sticky':
      return stickyAssign(members, partitions, previous);
    default: {
      const never: never = name;
      throw new Error(`unknown assignor ${String(never)}`);
    }
  }
}
