/**
 * Short texts for the inspector (a node's `detail` in the cluster view), shared by every broker
 * family so a producer, a consumer and a sink read the same way whichever broker ran. Lists are
 * capped: a view is recorded every frame of a long run.
 */
import type { MsgId } from '../check/history';

const SHOWN = 6;

/** `#4 #5 #9 +3`: message ids, the first few. */
export function idList(ids: readonly MsgId[], max = SHOWN): string {
  const head = ids
    .slice(0, max)
    .map((m) => `#${m}`)
    .join(' ');
  return ids.length > max ? `${head} +${ids.length - max}` : head;
}

/** Publishes waiting for a confirm: `tag 7 #34, tag 8 #35 (attempt 2)`. */
export function unconfirmedText(
  outstanding: Iterable<readonly [number, { id: MsgId; attempt: number }]>,
): string {
  const all = [...outstanding];
  const head = all
    .slice(0, SHOWN)
    .map(([tag, o]) => `tag ${tag} #${o.id}${o.attempt > 0 ? ` (attempt ${o.attempt + 1})` : ''}`)
    .join(', ');
  return all.length > SHOWN ? `${head} +${all.length - SHOWN}` : head;
}

/** A sink: its kind, rows, the repeats it absorbed, and the newest rows. */
export function sinkText(
  kind: string,
  rows: number,
  absorbed: number,
  newest: readonly MsgId[],
): string {
  const a = absorbed > 0 ? `, ${absorbed} repeats absorbed` : '';
  const n = newest.length > 0 ? `; newest ${idList(newest.slice(-SHOWN))}` : '';
  return `${kind}: ${rows} rows${a}${n}`;
}

/**
 * An AMQP consumer: its connection, the delivery it is processing (the head of its buffer while
 * busy), the rest of its prefetch buffer, and its sink.
 */
export function amqpConsumerDetail(c: {
  connection: string;
  /** The delivery being processed, as text, or null when idle. */
  processing: string | null;
  buffered: readonly MsgId[];
  sink: { kind: string; rows: readonly MsgId[]; absorbed: number };
}): Record<string, string> {
  return {
    connection: c.connection,
    processing: c.processing ?? '',
    prefetched: idList(c.processing === null ? c.buffered : c.buffered.slice(1)),
    sink: sinkText(c.sink.kind, c.sink.rows.length, c.sink.absorbed, c.sink.rows.slice(-SHOWN)),
  };
}
