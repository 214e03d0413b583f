/**
 * What the UI draws, in one shape for every broker system: nodes, the stores inside them
 * (partition replicas, queues) with their entries and marks, the messages on the wire, and the
 * network cuts. Each model turns its state into this with `Model.clusterView()`; the renderers
 * know nothing of Kafka or RabbitMQ beyond these fields, so a new model is drawn for free.
 *
 * Views are plain data (structured-clone safe): the worker posts them to the page.
 */
import type { MsgId } from './check/history';
import type { Flight } from './kernel/network';
import type { NodeStatus } from './kernel/sim';
import type { Micros } from './kernel/time';
import type { Term } from './text/glossary';

export type NodeRole =
  | 'broker'
  | 'controller'
  | 'nameserver'
  | 'producer'
  | 'consumer'
  | 'exchange'
  /** A downstream service a request path calls (single node, `requestPath`). */
  | 'service';

export interface NodeView {
  id: string;
  role: NodeRole;
  status: NodeStatus;
  /** Consumer group, queue or cluster the node belongs to, for grouping on screen. */
  group?: string;
  /**
   * Small facts for the inspector: `{ connection: { zh: '已连接', en: 'open' }, produced: 3 }`.
   * Words are given in both languages (`Term`); a plain string is language-neutral (ids, `#4 #5`).
   */
  detail: Record<string, DetailValue>;
}

/** One inspector fact: a number, a yes/no, a language-neutral string, or a text in both languages. */
export type DetailValue = string | number | boolean | Term;

/** A detail value as text in one language (`true`/`false` as such: the UI words them). */
export function detailText(v: DetailValue, lang: 'zh' | 'en'): string {
  if (typeof v === 'object') return v[lang];
  return String(v);
}

/** Two detail values are the same fact (a recorded frame may then share the previous one's). */
export function sameDetail(a: DetailValue | undefined, b: DetailValue): boolean {
  if (a === b) return true;
  return typeof a === 'object' && typeof b === 'object' && a.zh === b.zh && a.en === b.en;
}

export interface EntryView {
  msg: MsgId;
  key: string | null;
  /** Kafka: below the high watermark. RabbitMQ: confirmed to the publisher. */
  committed?: boolean;
  /** On disk (fsynced), not only in the page cache or memory. */
  flushed?: boolean;
  /** Queue entries: waiting for a consumer, or delivered and not yet acknowledged. */
  state?: 'ready' | 'unacked';
  offset?: number;
}

export interface StoreView {
  /** Unique across the view, e.g. `orders-0@broker-1` or `broker-1/orders`. */
  id: string;
  /** The node that holds it. */
  node: string;
  kind: 'replica' | 'queue' | 'store';
  /** What to print: the partition (`orders-0`) or queue (`orders`) name. */
  label: string;
  role?: 'leader' | 'follower' | 'mirror' | 'owner';
  /** Kafka: in the ISR. Mirrors: synchronised. */
  inSync?: boolean;
  /** The newest entries (capped by the model), oldest first. */
  entries: EntryView[];
  /** How many entries exist in all (the capped list may show fewer). */
  total: number;
  /** Offsets or counts that matter: `{ leo, hw, flushed, logStart }` or `{ ready, unacked }`. */
  marks: Record<string, number>;
}

/** A message on the wire: where it goes, what it carries, when it left and arrives. */
export type FlightView = Flight;

export interface ClusterView {
  system: string;
  now: Micros;
  nodes: NodeView[];
  stores: StoreView[];
  flights: FlightView[];
  /** Directed links that are cut: `a -> b` means messages from a to b are lost. */
  cuts: { from: string; to: string }[];
  /**
   * AMQP bindings: from an exchange node to another exchange node or to a queue (`to` is then
   * the queue's store label), with the binding key. Absent for systems without routing.
   */
  bindings?: BindingView[];
}

export interface BindingView {
  from: string;
  to: string;
  /** Binding key, or `x-match=all` style text for headers bindings. */
  key: string;
}
