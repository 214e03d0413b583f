/**
 * AMQP 0-9-1 routing as RabbitMQ 3.10 does it, as pure functions over plain data: the simulator
 * and the real-broker conformance suite both call these, so a difference between them and the
 * real broker fails a test instead of hiding in the model.
 *
 * Sources (rabbitmq-server 3.10): `rabbit_exchange_type_topic` (`split_topic_key`, trie match),
 * `rabbit_exchange_type_headers` (`headers_match`), `rabbit_exchange:route/2` (`route1`,
 * `process_alternate`: exchange-to-exchange bindings, alternate exchanges, de-duplication).
 */

/** Exchange types RabbitMQ ships with (the default exchange is a `direct` named ""). */
export type ExchangeType = 'direct' | 'fanout' | 'topic' | 'headers';

/**
 * A header value as the simulator carries it: AMQP field-table values reduced to what a client
 * library infers from plain values (amqplib: a string is a longstr, an integer a signed integer
 * of the smallest width, any other number a double, null is void, an array a field array).
 */
export type HeaderValue = string | number | boolean | null | readonly HeaderValue[];

/** Message headers (`basic.properties.headers`). */
export type Headers = Readonly<Record<string, HeaderValue>>;

export interface ExchangeDef {
  name: string;
  type: ExchangeType;
  /** The `alternate-exchange` argument (or policy key): where unroutable messages go instead. */
  alternateExchange?: string;
}

/** A binding from exchange `source` to a queue or (exchange-to-exchange) to another exchange. */
export interface BindingDef {
  source: string;
  destination: string;
  destinationType: 'queue' | 'exchange';
  routingKey: string;
  /** Binding arguments; a headers exchange reads `x-match` and the non-`x-` keys. */
  arguments?: Headers;
}

/** The routing table of one vhost. */
export interface Topology {
  exchanges: ReadonlyMap<string, ExchangeDef>;
  /** Bindings by source exchange. */
  bindings: ReadonlyMap<string, readonly BindingDef[]>;
  /** Queue names that exist (the default exchange routes only to those). */
  queues: ReadonlySet<string>;
}

/** Builds a topology from lists; the default exchange "" is always present. */
export function topology(
  exchanges: readonly ExchangeDef[],
  bindings: readonly BindingDef[],
  queues: Iterable<string>,
): Topology {
  const xs = new Map<string, ExchangeDef>([['', { name: '', type: 'direct' }]]);
  for (const x of exchanges) xs.set(x.name, x);
  const bs = new Map<string, BindingDef[]>();
  for (const b of bindings) {
    const list = bs.get(b.source) ?? [];
    // RabbitMQ stores bindings as a set: declaring the same binding twice is one binding.
    if (!list.some((o) => sameBinding(o, b))) list.push(b);
    bs.set(b.source, list);
  }
  return { exchanges: xs, bindings: bs, queues: new Set(queues) };
}

function sameBinding(a: BindingDef, b: BindingDef): boolean {
  return (
    a.destination === b.destination &&
    a.destinationType === b.destinationType &&
    a.routingKey === b.routingKey &&
    JSON.stringify(a.arguments ?? {}) === JSON.stringify(b.arguments ?? {})
  );
}

/**
 * Splits a topic routing or binding key into words exactly as `split_topic_key` does: the empty
 * key has zero words, and every "." separates words, so `a..b` has an empty middle word and `a.`
 * ends with an empty word.
 */
export function topicWords(key: string): string[] {
  return key === '' ? [] : key.split('.');
}

/**
 * The real AMQP topic rule: `*` matches exactly one word (which may be empty), `#` matches zero
 * or more words. (One of the source notes has these two the wrong way round.)
 */
export function topicMatches(bindingKey: string, routingKey: string): boolean {
  const p = topicWords(bindingKey);
  const w = topicWords(routingKey);
  // Memoised search over (pattern index, word index): `#` may consume any number of words, and
  // patterns like `#.#.#` would otherwise backtrack exponentially.
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const k = i * (w.length + 1) + j;
    const hit = memo.get(k);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === p.length) r = j === w.length;
    else {
      const pi = p[i] as string;
      if (pi === '#') r = go(i + 1, j) || (j < w.length && go(i, j + 1));
      else if (j === w.length) r = false;
      else if (pi === '*' || pi === w[j]) r = go(i + 1, j + 1);
      else r = false;
    }
    memo.set(k, r);
    return r;
  };
  return go(0, 0);
}

/**
 * `x-match` of a headers binding. 3.10 accepts `all` (the default), `any`, and `all-with-x` /
 * `any-with-x`, which also match the binding's `x-` keys (other than `x-match` itself) against
 * the message's headers (`rabbit_exchange_type_headers:parse_x_match`).
 */
export type XMatch = 'all' | 'any' | 'all-with-x' | 'any-with-x';

/** The `x-match` values 3.10 accepts on a headers binding. */
export const X_MATCH_VALUES: readonly XMatch[] = ['all', 'any', 'all-with-x', 'any-with-x'];

function xMatchOf(args: Headers): XMatch {
  const v = args['x-match'];
  return X_MATCH_VALUES.find((x) => x === v) ?? 'all';
}

/**
 * Why `queue.bind` / `exchange.bind` on a headers exchange would fail with these arguments, or
 * undefined when the broker accepts them: `x-match`, when given, must be a string naming one of
 * the four kinds (`validate_binding`; the broker closes the channel with 406 PRECONDITION_FAILED).
 */
export function xMatchError(args: Headers): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(args, 'x-match')) return undefined;
  const v = args['x-match'];
  if (typeof v !== 'string') return `x-match must be a string (all, any, all-with-x or any-with-x)`;
  if (!X_MATCH_VALUES.includes(v as XMatch))
    return `invalid x-match "${v}": expected all, any, all-with-x or any-with-x`;
  return undefined;
}

/** AMQP type class of a value, as `rabbit_misc:type_class` groups the wire types. */
function typeClass(v: HeaderValue): string {
  if (v === null) return 'void';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  return typeof v;
}

/**
 * Erlang `==` on two decoded field values. Array elements keep their exact wire types, so an
 * integer element never equals a float one; JSON-like values of the same class compare by value.
 */
function sameValue(a: HeaderValue, b: HeaderValue): boolean {
  if (typeClass(a) !== typeClass(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return (
      a.length === b.length &&
      a.every((x: HeaderValue, i) => sameValue(x, (b as readonly HeaderValue[])[i] ?? null))
    );
  return a === b;
}

/**
 * The headers exchange match, a port of `headers_match/5`: `x-match` itself never has to match;
 * with `all`/`any` every other binding key starting with `x-` is ignored too, with the
 * `-with-x` kinds those keys take part; a binding argument whose value is null (AMQP void) asks
 * only that the header be present; other values match only a header of the same type class
 * (integers, floats, strings, booleans, arrays) and value; `all` with no keys left matches every
 * message, `any` with none matches nothing.
 */
export function headersMatch(bindingArgs: Headers, headers: Headers | undefined): boolean {
  const kind = xMatchOf(bindingArgs);
  const withX = kind === 'all-with-x' || kind === 'any-with-x';
  const all0 = kind === 'all' || kind === 'all-with-x';
  const pattern = Object.keys(bindingArgs)
    .filter((k) => k !== 'x-match' && (withX || !k.startsWith('x-')))
    .sort(compareBinary);
  const data = headers ?? {};
  let all = true;
  let any = false;
  for (const k of pattern) {
    if (!Object.prototype.hasOwnProperty.call(data, k)) {
      all = false;
    } else {
      const pv = bindingArgs[k] as HeaderValue;
      if (pv === null || sameValue(pv, data[k] as HeaderValue)) any = true;
      else all = false;
    }
    if (all0 && !all) return false;
    if (!all0 && any) return true;
  }
  return all0 ? all : any;
}

/** Erlang compares binaries byte by byte; for the keys used here that is UTF-16 code order. */
function compareBinary(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What one exchange's own type routes to (its bindings' destinations), without AEs. */
export function exchangeRoute(
  t: Topology,
  x: ExchangeDef,
  routingKey: string,
  headers: Headers | undefined,
): BindingDef[] {
  if (x.name === '') {
    // The default exchange: an implicit binding from every queue by its own name.
    return t.queues.has(routingKey)
      ? [{ source: '', destination: routingKey, destinationType: 'queue', routingKey }]
      : [];
  }
  const bs = t.bindings.get(x.name) ?? [];
  switch (x.type) {
    case 'fanout':
      return [...bs];
    case 'direct':
      return bs.filter((b) => b.routingKey === routingKey);
    case 'topic':
      return bs.filter((b) => topicMatches(b.routingKey, routingKey));
    case 'headers':
      return bs.filter((b) => headersMatch(b.arguments ?? {}, headers));
    default: {
      const never: never = x.type;
      throw new Error(`unknown exchange type ${String(never)}`);
    }
  }
}

/** The result of routing one publish. */
export interface RouteResult {
  /** Destination queues, each once, in the order routing reached them. */
  queues: string[];
  /** Exchanges visited (the published-to one first), for the journal. */
  exchanges: string[];
  /** Alternate exchanges that were used. */
  alternates: string[];
  /** The published-to exchange does not exist: RabbitMQ closes the channel (404 NOT_FOUND). */
  notFound: boolean;
}

/**
 * Routes a publish through exchange-to-exchange bindings and alternate exchanges, as
 * `rabbit_exchange:route1/4` does: an exchange whose own bindings give no destination (no queue
 * and no exchange) hands the message to its alternate exchange; each exchange is visited once, so
 * binding cycles end; each queue appears once however many paths reach it.
 */
/** Route results per topology: the tables are immutable, so a (exchange, key, headers) repeats. */
const routeCache = new WeakMap<Topology, Map<string, RouteResult>>();
const ROUTE_CACHE_MAX = 10_000;

export function route(
  t: Topology,
  exchange: string,
  routingKey: string,
  headers?: Headers,
): RouteResult {
  let cache = routeCache.get(t);
  if (!cache) {
    cache = new Map();
    routeCache.set(t, cache);
  }
  const ck = `${exchange}\u0000${routingKey}\u0000${headers === undefined ? '' : JSON.stringify(headers)}`;
  const hit = cache.get(ck);
  if (hit) return hit;
  const r = routeUncached(t, exchange, routingKey, headers);
  // Callers must not mutate results; a bounded cache keeps generated-key workloads small.
  if (cache.size < ROUTE_CACHE_MAX) cache.set(ck, r);
  return r;
}

function routeUncached(
  t: Topology,
  exchange: string,
  routingKey: string,
  headers?: Headers,
): RouteResult {
  const first = t.exchanges.get(exchange);
  if (!first) return { queues: [], exchanges: [], alternates: [], notFound: true };
  const queues: string[] = [];
  const seenQ = new Set<string>();
  const seenX = new Set<string>([exchange]);
  const exchanges: string[] = [];
  const alternates: string[] = [];
  const work: ExchangeDef[] = [first];
  while (work.length > 0) {
    const x = work.shift() as ExchangeDef;
    exchanges.push(x.name);
    const dests = exchangeRoute(t, x, routingKey, headers);
    const next: { name: string; type: 'queue' | 'exchange' }[] = [];
    if (dests.length === 0 && x.alternateExchange !== undefined) {
      next.push({ name: x.alternateExchange, type: 'exchange' });
      alternates.push(x.alternateExchange);
    }
    for (const d of dests) next.push({ name: d.destination, type: d.destinationType });
    for (const d of next) {
      if (d.type === 'queue') {
        if (!seenQ.has(d.name) && t.queues.has(d.name)) {
          seenQ.add(d.name);
          queues.push(d.name);
        }
      } else if (!seenX.has(d.name)) {
        seenX.add(d.name);
        const dx = t.exchanges.get(d.name);
        if (dx) work.push(dx);
      }
    }
  }
  return { queues, exchanges, alternates, notFound: false };
}
