/**
 * Short texts for the inspector (a node's `detail` in the cluster view), shared by every broker
 * family so a producer, a consumer and a sink read the same way whichever broker ran. Texts with
 * words come in both languages, built from the glossary's terms; ids and numbers are language-
 * neutral. Lists are capped: a view is recorded every frame of a long run.
 */
import type { MsgId } from '../check/history';
import { both, ZH_SHORT, type Term, type TermKey } from '../text/glossary';
import type { DetailValue } from '../view';

const SHOWN = 6;

/** `#4 #5 #9 +3`: message ids, the first few. */
export function idList(ids: readonly MsgId[], max = SHOWN): string {
  const head = ids
    .slice(0, max)
    .map((m) => `#${m}`)
    .join(' ');
  return ids.length > max ? `${head} +${ids.length - max}` : head;
}

/** The first few items of a list joined, with `+n` for the rest. */
function capped(items: readonly string[], sep: string, max = SHOWN): string {
  const head = items.slice(0, max).join(sep);
  return items.length > max ? `${head} +${items.length - max}` : head;
}

/** Publishes waiting for a confirm: `tag 7 #34, tag 8 #35 (attempt 2)`. */
export function unconfirmedText(
  outstanding: Iterable<readonly [number, { id: MsgId; attempt: number }]>,
): Term {
  const all = [...outstanding];
  return {
    en: capped(
      all.map(
        ([tag, o]) => `tag ${tag} #${o.id}${o.attempt > 0 ? ` (attempt ${o.attempt + 1})` : ''}`,
      ),
      ', ',
    ),
    zh: capped(
      all.map(
        ([tag, o]) =>
          `delivery-tag ${tag} #${o.id}${o.attempt > 0 ? `（第 ${o.attempt + 1} 次发送）` : ''}`,
      ),
      '，',
    ),
  };
}

const SINKS: Readonly<Record<string, TermKey>> = {
  insert: 'sinkInsert',
  'unique-key': 'sinkUniqueKey',
  set: 'sinkSet',
  'dedup-table': 'sinkDedupTable',
};

/** A sink: its kind, rows, the repeats it absorbed, and the newest rows. */
export function sinkText(
  kind: string,
  rows: number,
  absorbed: number,
  newest: readonly MsgId[],
): Term {
  const key = SINKS[kind];
  const name = key ? both(key) : { zh: kind, en: kind };
  const ids = newest.length > 0 ? idList(newest.slice(-SHOWN)) : '';
  return {
    en: `${name.en}: ${rows} rows${absorbed > 0 ? `, ${absorbed} repeats absorbed` : ''}${ids ? `; newest ${ids}` : ''}`,
    zh: `${name.zh}：${rows} 行${absorbed > 0 ? `，吸收了 ${absorbed} 次重复` : ''}${ids ? `；最新 ${ids}` : ''}`,
  };
}

/** The glossary's word for each AMQP connection state (a `Record`, so a new state needs one). */
const CONNECTION: Readonly<Record<'open' | 'connecting' | 'closed', TermKey>> = {
  open: 'connOpen',
  connecting: 'connConnecting',
  closed: 'connClosed',
};

/** An AMQP connection's state (`open`, `connecting`, `closed`) in both languages. */
export function connectionText(state: keyof typeof CONNECTION): Term {
  return both(CONNECTION[state]);
}

const PHASE: Readonly<Record<'joining' | 'idle' | 'processing' | 'committing', TermKey>> = {
  joining: 'phaseJoining',
  idle: 'phaseIdle',
  processing: 'phaseProcessing',
  committing: 'phaseCommitting',
};

/** A Kafka consumer's phase in both languages. */
export function phaseText(phase: keyof typeof PHASE): Term {
  return both(PHASE[phase]);
}

/** Offsets (or sequence numbers) per partition: `p0 500, p1 20` / `分区 0：500，分区 1：20`. */
export function perPartitionText(pairs: readonly (readonly [number, number | string])[]): Term {
  return {
    en: pairs
      .slice(0, 8)
      .map(([p, v]) => `p${p} ${v}`)
      .join(', '),
    zh: pairs
      .slice(0, 8)
      .map(([p, v]) => `${ZH_SHORT.partition} ${p}：${v}`)
      .join('，'),
  };
}

/** Records a Kafka consumer is processing: `#12 (p0@34)` / `#12（分区 0，offset 34）`. */
export function recordsText(recs: readonly { id: MsgId; p: number; offset: number }[]): Term {
  return {
    en: capped(
      recs.map((r) => `#${r.id} (p${r.p}@${r.offset})`),
      ', ',
    ),
    zh: capped(
      recs.map((r) => `#${r.id}（${ZH_SHORT.partition} ${r.p}，offset ${r.offset}）`),
      '，',
    ),
  };
}

/**
 * A Kafka producer's requests on the wire: partition, sequence numbers (idempotent producers),
 * records, attempt and broker. Items are joined by `; ` (the inspector lists them one a line).
 */
export function batchesText(
  batches: readonly {
    partition: number;
    firstSeq: number | null;
    records: number;
    attempt: number;
    broker: string;
  }[],
): Term {
  const items = batches.slice(0, SHOWN);
  const more = batches.length > SHOWN ? [`+${batches.length - SHOWN}`] : [];
  return {
    en: [
      ...items.map((b) => {
        const seq = b.firstSeq === null ? '' : ` seq ${b.firstSeq}-${b.firstSeq + b.records - 1}`;
        return `p${b.partition}${seq}, ${b.records} rec, attempt ${b.attempt} -> ${b.broker}`;
      }),
      ...more,
    ].join('; '),
    zh: [
      ...items.map((b) => {
        const seq =
          b.firstSeq === null ? '' : `，序列号 ${b.firstSeq}-${b.firstSeq + b.records - 1}`;
        return `${ZH_SHORT.partition} ${b.partition}${seq}，${b.records} 条记录，第 ${b.attempt} 次发送 → ${b.broker}`;
      }),
      ...more,
    ].join('; '),
  };
}

/** What an AMQP consumer processes: `#34 (orders, tag 7)` / `#34（orders，delivery-tag 7）`. */
export function deliveryText(id: MsgId, tag: number, queue?: string): Term {
  return {
    en: `#${id} (${queue !== undefined ? `${queue}, ` : ''}tag ${tag})`,
    zh: `#${id}（${queue !== undefined ? `${queue}，` : ''}delivery-tag ${tag}）`,
  };
}

/**
 * An AMQP consumer: its connection, the delivery it is processing (the head of its buffer while
 * busy), the rest of its prefetch buffer, and its sink.
 */
export function amqpConsumerDetail(c: {
  connection: 'open' | 'connecting' | 'closed';
  /** The delivery being processed, or null when idle. */
  processing: Term | null;
  buffered: readonly MsgId[];
  sink: { kind: string; rows: readonly MsgId[]; absorbed: number };
}): Record<string, DetailValue> {
  return {
    connection: connectionText(c.connection),
    processing: c.processing ?? '',
    prefetched: idList(c.processing === null ? c.buffered : c.buffered.slice(1)),
    sink: sinkText(c.sink.kind, c.sink.rows.length, c.sink.absorbed, c.sink.rows.slice(-SHOWN)),
  };
}
