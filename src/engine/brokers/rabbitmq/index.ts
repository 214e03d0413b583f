/**
 * Builds the RabbitMQ model from a scenario: the cluster nodes with their shared metadata
 * (vhosts, exchanges, bindings, queues and `ha-*` policies), publishers and consumers, all on one
 * simulated network. Groups are queues (`queue`, or `vhost/queue` outside the default vhost); a
 * message is accounted only in the queues routing sent it to (`scope`).
 */
import { compilePattern } from '../../../scenario/pattern';
import type { HeldState, HeldWhere, MsgId } from '../../check/history';
import { Network } from '../../kernel/network';
import type { Sim, SimNode } from '../../kernel/sim';
import { fromMs } from '../../kernel/time';
import type { RabbitMqScenario } from '../../../scenario/systems/rabbitmq';
import { distFromMs, linkSpecs } from '../../scenario-bridge';
import type { FaultTargets, Model } from '../../model';
import type { BindingView, ClusterView, EntryView, NodeView, StoreView } from '../../view';
import { SinkStore } from '../minimal/clients';
import { RabbitNode, type ClusterShared, type QueueMeta } from './broker';
import { IdSource, RabbitConsumer, RabbitPublisher } from './clients';
import type { Wire } from './protocol';
import type { QueueArgs } from './queue';
import type { BindingDef, ExchangeDef } from './routing';
import { VHost, type QueueDecl } from './vhost';

/** The model's own state, for tests and the inspector. */
export interface RabbitMqView {
  system: 'rabbitmq';
  nodes: { id: string; status: string; paused: boolean; leads: string[] }[];
  queues: {
    group: string;
    type: QueueMeta['type'];
    leader: string | null;
    ready: number;
    unacked: number;
  }[];
}

/** The vhost name a group is prefixed with outside the default vhost. */
function groupOf(vhost: string, queue: string): string {
  return vhost === '/' ? queue : `${vhost}/${queue}`;
}

/** Queue arguments in RabbitMQ's names to the queue model's (TTLs in microseconds). */
function queueArgs(
  a: RabbitMqScenario['vhosts'][number]['queues'][number]['arguments'],
): QueueArgs {
  const out: QueueArgs = {
    overflow: a['x-overflow'],
    singleActiveConsumer: a['x-single-active-consumer'],
  };
  if (a['x-message-ttl'] !== undefined) out.messageTtl = fromMs(a['x-message-ttl']);
  if (a['x-max-length'] !== undefined) out.maxLength = a['x-max-length'];
  if (a['x-max-length-bytes'] !== undefined) out.maxLengthBytes = a['x-max-length-bytes'];
  if (a['x-dead-letter-exchange'] !== undefined)
    out.deadLetterExchange = a['x-dead-letter-exchange'];
  if (a['x-dead-letter-routing-key'] !== undefined)
    out.deadLetterRoutingKey = a['x-dead-letter-routing-key'];
  if (a['x-delivery-limit'] !== undefined) out.deliveryLimit = a['x-delivery-limit'];
  return out;
}

export class RabbitMqModel implements Model<RabbitMqView> {
  readonly family = 'amqp' as const;
  readonly net: Network<Wire>;
  readonly nodes: RabbitNode[];
  readonly publishers: RabbitPublisher[];
  readonly consumers: RabbitConsumer[];
  readonly groups: readonly string[];
  readonly shared: ClusterShared;
  private readonly scopes = new Map<string, Set<MsgId>>();
  private readonly byId = new Map<string, RabbitNode>();
  /** A reference copy of each vhost, for routing a publish before it is sent (scope). */
  private readonly routers = new Map<string, VHost>();
  private readonly exchangeNodes: NodeView[] = [];
  private readonly bindingViews: BindingView[] = [];

  constructor(
    readonly sim: Sim,
    s: RabbitMqScenario,
  ) {
    const { defaults, overrides } = linkSpecs(s.network);
    this.net = new Network<Wire>(sim, defaults);
    const nodeIds = s.cluster.nodes;
    const queues = new Map<string, QueueMeta>();
    const groups: string[] = [];
    let spread = 0;
    for (const v of s.vhosts) {
      for (const q of v.queues) {
        const key = `${v.name}/${q.name}`;
        const quorum = q.arguments['x-queue-type'] === 'quorum';
        const policy = s.policies.find((p) => p.vhost === v.name && safeTest(p.pattern, q.name));
        const owner = q.node ?? nodeIds[spread++ % nodeIds.length] ?? 'rabbit-1';
        const rotated = [owner, ...nodeIds.filter((n) => n !== owner)];
        let members = [owner];
        let type: QueueMeta['type'] = 'classic';
        if (quorum) {
          type = 'quorum';
          members = rotated.slice(0, q.arguments['x-quorum-initial-group-size'] ?? nodeIds.length);
        } else if (policy && nodeIds.length > 1 && !q.exclusive) {
          // Exclusive queues are never mirrored (RabbitMQ ignores ha-* policies for them).
          type = 'mirrored';
          const d = policy.definition;
          members = d['ha-mode'] === 'all' ? rotated : rotated.slice(0, d['ha-params'] ?? 1);
          if (members.length === 1) type = 'classic';
        }
        const group = groupOf(v.name, q.name);
        groups.push(group);
        this.scopes.set(group, new Set());
        queues.set(key, {
          group,
          vhost: v.name,
          name: q.name,
          type,
          // Quorum queues are always durable.
          durable: quorum || q.durable,
          exclusive: q.exclusive,
          autoDelete: q.autoDelete,
          members,
          haSyncMode: policy?.definition['ha-sync-mode'] ?? 'manual',
          haPromoteOnFailure: policy?.definition['ha-promote-on-failure'] ?? 'always',
          ...(q.arguments['x-expires'] !== undefined
            ? { expiresUs: fromMs(q.arguments['x-expires']) }
            : {}),
        });
      }
    }
    const makeVhost = (name: string): VHost => {
      const v = s.vhosts.find((x) => x.name === name);
      if (!v) return new VHost(name, [], [], []);
      const xs: ExchangeDef[] = v.exchanges.map((x) => ({
        name: x.name,
        type: x.type,
        ...(x.arguments['alternate-exchange'] !== undefined
          ? { alternateExchange: x.arguments['alternate-exchange'] }
          : {}),
      }));
      const bs: BindingDef[] = v.bindings.map((b) => ({
        source: b.source,
        destination: b.destination,
        destinationType: b.destinationType,
        routingKey: b.routingKey,
        arguments: b.arguments,
      }));
      const qs: QueueDecl[] = v.queues.map((q) => ({ name: q.name, args: queueArgs(q.arguments) }));
      return new VHost(name, xs, bs, qs);
    };
    for (const v of s.vhosts) {
      const router = makeVhost(v.name);
      // An auto-deleted queue (until redeclared) is no longer a destination.
      router.gone = (q) => queues.get(`${v.name}/${q}`)?.deleted === 'auto-delete';
      this.routers.set(v.name, router);
    }
    // What the view draws of the routing topology: declared exchanges and their bindings.
    const exchangeId = (vhost: string, name: string): string => {
      const type = s.vhosts
        .find((x) => x.name === vhost)
        ?.exchanges.find((x) => x.name === name)?.type;
      return `${vhost === '/' ? '' : `${vhost}/`}${name}${type ? ` (${type})` : ''}`;
    };
    for (const v of s.vhosts) {
      for (const x of v.exchanges) {
        this.exchangeNodes.push({
          id: exchangeId(v.name, x.name),
          role: 'exchange',
          status: 'up',
          detail: { type: x.type },
        });
      }
      for (const b of v.bindings) {
        const xm = b.arguments['x-match'];
        this.bindingViews.push({
          from: exchangeId(v.name, b.source),
          to:
            b.destinationType === 'queue'
              ? groupOf(v.name, b.destination)
              : exchangeId(v.name, b.destination),
          key: b.routingKey !== '' ? b.routingKey : typeof xm === 'string' ? `x-match=${xm}` : '',
        });
      }
    }
    this.shared = {
      nodes: nodeIds,
      queues,
      makeVhost,
      // Scope only feeds the checker: a run that records nothing (benchmarks) keeps none.
      scope: (g, m) => {
        if (sim.rec.keep) this.scopes.get(g)?.add(m);
      },
      nodeById: (id) => this.byId.get(id),
      partitionHandling: s.cluster.partitionHandling,
      netTicktimeUs: Math.max(1000, fromMs(s.cluster.netTicktimeMs)),
      syncIntervalUs: Math.max(1, fromMs(s.cluster.syncIntervalMs)),
      fsyncLatencyUs: fromMs(s.cluster.fsyncLatencyMs),
      consumerTimeoutUs: Math.max(1, fromMs(s.cluster.consumerTimeoutMs)),
      dlSources: new Map(),
    };
    this.nodes = nodeIds.map((id) => {
      const n = new RabbitNode(sim, id, this.net, this.shared);
      this.byId.set(id, n);
      return n;
    });
    const ids = new IdSource();
    this.publishers = s.publishers.map((p) => {
      const node = p.node ?? nodeIds[0] ?? 'rabbit-1';
      const router = this.routers.get(p.vhost);
      return new RabbitPublisher(
        sim,
        p.id,
        this.net,
        () => this.byId.get(node) ?? null,
        ids,
        {
          vhost: p.vhost,
          exchange: p.exchange,
          routingKeys: p.routingKeys,
          headers: p.headers,
          intervalUs: Math.max(1, Math.round(1_000_000 / p.ratePerSec)),
          messages: p.messages,
          startUs: fromMs(p.startMs),
          bodyBytes: p.bodyBytes,
          persistent: p.deliveryMode === 2,
          ...(p.expiration !== undefined ? { expiration: String(p.expiration) } : {}),
          mandatory: p.mandatory,
          confirms: p.confirms,
          tx: p.tx,
          txBatch: p.txBatch,
          txRollbackEvery: p.txRollbackEvery,
          confirmTimeoutUs: Math.max(1, fromMs(p.confirmTimeoutMs)),
          republishUnconfirmed: p.republishUnconfirmed,
          maxAttempts: p.maxAttempts,
          heartbeatUs: Math.max(1000, fromMs(p.heartbeatMs)),
          reconnectDelayUs: fromMs(p.reconnectDelayMs),
        },
        (msg) => {
          if (!sim.rec.keep) return;
          // The queues this publish is meant for, by the (static) routing table.
          for (const q of router?.routeOf(msg.exchange, [msg.key], msg.headers) ?? [])
            this.scopes.get(groupOf(p.vhost, q))?.add(msg.id);
        },
      );
    });
    this.consumers = s.consumers.map((c) => {
      const key = `${c.vhost}/${c.queue}`;
      return new RabbitConsumer(
        sim,
        c.id,
        this.net,
        // A consumer given a node connects there; if that node does not own the queue, it proxies
        // (classic cluster consumer-side proxying). basic.get pollers go to the owner.
        () =>
          c.node !== undefined && c.mode === 'consume'
            ? this.attachNode(c.node, key)
            : this.leaderNode(key, c.node),
        new SinkStore(c.sink),
        {
          group: groupOf(c.vhost, c.queue),
          vhost: c.vhost,
          queue: c.queue,
          mode: c.mode,
          pollUs: Math.max(1, fromMs(c.pollMs)),
          autoAck: c.autoAck,
          prefetch: c.prefetch,
          channels: c.mode === 'consume' ? c.channels : 1,
          processing: distFromMs(c.processingMs),
          failureRate: c.failureRate,
          onFailure: c.onFailure,
          actions: c.actions,
          startUs: fromMs(c.startMs),
          heartbeatUs: Math.max(1000, fromMs(c.heartbeatMs)),
          reconnectDelayUs: fromMs(c.reconnectDelayMs),
        },
      );
    });
    for (const o of overrides) this.net.setLink(o.from, o.to, o.spec);
    this.groups = groups;
  }

  /**
   * The node a consumer of `key` connects to: the queue's leader as the cluster sees it (a client
   * given every node's address finds it). `prefer` is asked first.
   */
  private leaderNode(key: string, prefer: string | undefined): SimNode | null {
    const order = prefer
      ? [prefer, ...this.shared.nodes.filter((n) => n !== prefer)]
      : this.shared.nodes;
    for (const id of order) {
      const n = this.byId.get(id);
      if (!n || !n.up || n.paused) continue;
      const leader = this.byId.get(n.leaders.get(key) ?? '');
      if (leader && leader.up && !leader.paused && leader.replicas.get(key)?.role === 'leader')
        return leader;
    }
    return this.byId.get(prefer ?? this.shared.queues.get(key)?.members[0] ?? '') ?? null;
  }

  /** The node a consumer with a configured node connects to: that one while it serves clients. */
  private attachNode(id: string, key: string): SimNode | null {
    const n = this.byId.get(id);
    return n && n.up && !n.paused ? n : this.leaderNode(key, undefined);
  }

  targets(): FaultTargets {
    return {
      net: this.net,
      armCrash: (node, when, cause) => {
        const c = this.consumers.find((x) => x.id === node);
        if (!c || when === 'after-commit') return false;
        c.armCrash(when, cause);
        return true;
      },
      setProcessing: (node, dist) => {
        const c = this.consumers.find((x) => x.id === node);
        if (!c) return false;
        c.processing = dist;
        return true;
      },
    };
  }

  held(where?: Map<string, Map<MsgId, HeldWhere>>): Map<string, Map<MsgId, HeldState>> {
    const out = new Map<string, Map<MsgId, HeldState>>();
    const places = new Map<string, Map<MsgId, HeldWhere>>();
    for (const g of this.groups) {
      out.set(g, new Map());
      places.set(g, new Map());
      where?.set(g, places.get(g) as Map<MsgId, HeldWhere>);
    }
    for (const n of this.nodes) n.held(out, places);
    // Published in a transaction not yet committed: in the channel's tx state, for every queue
    // the publish is meant for.
    for (const n of this.nodes)
      for (const id of n.staged())
        for (const [g, set] of this.scopes) {
          const m = out.get(g);
          if (!m || !set.has(id) || m.has(id)) continue;
          m.set(id, 'in-flight');
          places.get(g)?.set(id, { place: 'transaction', node: n.id });
        }
    const buffered = new Set<string>();
    for (const c of this.consumers) {
      const g = out.get(c.group);
      if (!g) continue;
      for (const id of c.bufferedIds()) {
        if (!g.has(id)) g.set(id, 'in-flight');
        // Prefetched into the consumer's buffer: there, though its queue counts it unacked.
        places.get(c.group)?.set(id, { place: 'consumer', node: c.id, queue: c.group });
        buffered.add(`${c.group}#${id}`);
      }
    }
    // A message on the wire is in flight for every queue it is meant for.
    const wire = this.net.inFlight();
    for (const [g, set] of this.scopes) {
      const m = out.get(g);
      if (m)
        for (const id of wire) {
          if (!set.has(id)) continue;
          if (!m.has(id)) m.set(id, 'in-flight');
          if (m.get(id) === 'in-flight' && !buffered.has(`${g}#${id}`))
            places.get(g)?.set(id, { place: 'network' });
        }
    }
    return out;
  }

  scope(): Map<string, Set<MsgId>> {
    return this.scopes;
  }

  enableTracking(): void {
    this.net.trackTraffic = true;
  }

  view(): RabbitMqView {
    return {
      system: 'rabbitmq',
      nodes: this.nodes.map((n) => ({
        id: n.id,
        status: n.status,
        paused: n.paused,
        leads: [...n.replicas].filter(([, r]) => r.role === 'leader').map(([, r]) => r.meta.group),
      })),
      queues: [...this.shared.queues.entries()].map(([key, meta]) => {
        const leader = this.nodes.find((n) => n.up && n.replicas.get(key)?.role === 'leader');
        const q = leader?.vhosts.get(meta.vhost)?.queues.get(meta.name);
        return {
          group: meta.group,
          type: meta.type,
          leader: leader?.id ?? null,
          ready: q?.readyMessages.length ?? 0,
          unacked: q?.unackedMessages().length ?? 0,
        };
      }),
    };
  }

  clusterView(): ClusterView {
    const nodes: NodeView[] = [
      ...this.exchangeNodes,
      ...this.nodes.map((n) => ({
        id: n.id,
        role: 'broker' as const,
        // pause_minority pauses a running node (it refuses clients until the partition heals):
        // the view draws it paused, as an injected pause is, not as running with a leader star.
        status: n.status === 'up' && n.paused ? ('paused' as const) : n.status,
        group: 'cluster',
        detail: { paused: n.paused },
      })),
      ...this.publishers.map((p) => ({
        id: p.id,
        role: 'producer' as const,
        status: p.status,
        detail: p.inspect(),
      })),
      ...this.consumers.map((c) => ({
        id: c.id,
        role: 'consumer' as const,
        status: c.status,
        detail: c.inspect(),
      })),
    ];
    const stores: StoreView[] = [];
    for (const n of this.nodes) {
      for (const [key, r] of n.replicas) {
        const meta = r.meta;
        const q = n.vhosts.get(meta.vhost)?.queues.get(meta.name);
        const entries: EntryView[] = [];
        if (r.role === 'leader' && q) {
          for (const m of q.unackedMessages())
            entries.push({ msg: m.id, key: m.routingKeys[0] ?? null, state: 'unacked' });
          for (const m of q.readyMessages) {
            if (entries.length >= 200) break;
            entries.push({ msg: m.id, key: m.routingKeys[0] ?? null, state: 'ready' });
          }
        } else {
          for (const m of r.copy.values()) {
            if (entries.length >= 200) break;
            entries.push({ msg: m.id, key: m.routingKeys[0] ?? null });
          }
        }
        stores.push({
          id: `${n.id}/${key}`,
          node: n.id,
          kind: 'queue',
          label: meta.group,
          role:
            r.role === 'leader'
              ? meta.type === 'classic'
                ? 'owner'
                : 'leader'
              : meta.type === 'quorum'
                ? 'follower'
                : 'mirror',
          inSync: r.synced,
          entries,
          total:
            r.role === 'leader' && q
              ? q.readyMessages.length + q.unackedMessages().length
              : r.copy.size,
          marks:
            r.role === 'leader' && q
              ? { ready: q.readyMessages.length, unacked: q.unackedMessages().length }
              : { copies: r.copy.size },
        });
      }
    }
    const cuts: { from: string; to: string }[] = [];
    const all = nodes.filter((n) => n.role !== 'exchange').map((n) => n.id);
    for (const a of all)
      for (const b of all) if (a !== b && this.net.isCut(a, b)) cuts.push({ from: a, to: b });
    return {
      system: 'rabbitmq',
      now: this.sim.now,
      nodes,
      stores,
      flights: this.net.flights(),
      cuts,
      bindings: this.bindingViews,
    };
  }
}

/**
 * Validation accepts only patterns of the linear-time subset; one that does not compile (a
 * scenario built without validation) matches nothing.
 */
function safeTest(pattern: string, name: string): boolean {
  const r = compilePattern(pattern);
  return r.ok && r.pattern.test(name);
}
