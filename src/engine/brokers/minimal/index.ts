/**
 * Builds the single-node model from a scenario: one broker, its queue, the publishers and the
 * consumers, all on one simulated network.
 */
import type { HeldState, HeldWhere, MsgId } from '../../check/history';
import { Network } from '../../kernel/network';
import type { Sim } from '../../kernel/sim';
import { fromMs } from '../../kernel/time';
import type { SingleNodeScenario } from '../../../scenario/schema';
import { forwardIds } from '../../../scenario/systems/single-node';
import { distFromMs, linkSpecs } from '../../scenario-bridge';
import type { FaultTargets, Model } from '../../model';
import type { ClusterView } from '../../view';
import { Broker, type BrokerView } from './broker';
import { Consumer, IdSource, Producer, SinkStore } from './clients';
import { Database } from './database';
import { ForwardBook } from './forwarder';
import type { Wire } from './protocol';
import { Service } from './services';
import { msOf, quantileOf, type RunStats } from '../../stats';

export interface SingleNodeView {
  system: 'single-node';
  broker: BrokerView;
  producers: ReturnType<Producer['view']>[];
  consumers: {
    id: string;
    status: Consumer['status'];
    buffered: MsgId[];
    sink: { kind: string; rows: number };
  }[];
}

export class SingleNodeModel implements Model<SingleNodeView> {
  readonly family = 'amqp' as const;
  readonly net: Network<Wire>;
  readonly broker: Broker;
  readonly producers: Producer[];
  readonly consumers: Consumer[];
  readonly groups: readonly string[];
  readonly ids = new IdSource();
  /** The capacity-limited database the consumers write to, if the scenario has one. */
  readonly database: Database | null;
  /** The downstream services of the request path (`requestPath`), if the scenario has one. */
  readonly services: Service[];
  /** The new queues a forwarding consumer moves the backlog to (`forward`, F1), each its own node. */
  readonly forwardQueues: Broker[];

  constructor(
    readonly sim: Sim,
    s: SingleNodeScenario,
  ) {
    const { defaults, overrides } = linkSpecs(s.network);
    this.net = new Network<Wire>(sim, defaults);
    const path = s.requestPath;
    this.services = (path?.services ?? []).map(
      (v) => new Service(sim, v.id, this.net, distFromMs(v.serviceMs)),
    );
    this.broker = new Broker(sim, s.broker.id, this.net, {
      queueName: s.queue.name,
      durable: s.queue.durable,
      syncIntervalUs: Math.max(1, fromMs(s.broker.syncIntervalMs)),
      fsyncLatencyUs: fromMs(s.broker.fsyncLatencyMs),
      ...(s.queue.singleActiveConsumer ? { singleActive: true } : {}),
    });
    const fw = s.forward;
    const fwIds = fw ? forwardIds(s.queue.name, fw) : { queues: [], consumers: [] };
    const book = new ForwardBook();
    this.forwardQueues = fwIds.queues.map(
      (q) =>
        new Broker(sim, q, this.net, {
          queueName: q,
          durable: s.queue.durable,
          syncIntervalUs: Math.max(1, fromMs(s.broker.syncIntervalMs)),
          fsyncLatencyUs: fromMs(s.broker.fsyncLatencyMs),
        }),
    );
    this.producers = s.producers.map(
      (p) =>
        new Producer(sim, p.id, this.net, this.broker, this.ids, {
          intervalUs: Math.max(1, Math.round(1_000_000 / p.ratePerSec)),
          messages: p.messages,
          startUs: fromMs(p.startMs),
          keys: p.keys,
          persistent: p.deliveryMode === 2,
          confirms: p.confirms,
          confirmTimeoutUs: Math.max(1, fromMs(p.confirmTimeoutMs)),
          republishUnconfirmed: p.republishUnconfirmed,
          maxAttempts: p.maxAttempts,
          heartbeatUs: Math.max(1000, fromMs(p.heartbeatMs)),
          reconnectDelayUs: fromMs(p.reconnectDelayMs),
          ...(p.bursts
            ? {
                bursts: p.bursts.map((b) => ({
                  startUs: fromMs(b.atMs),
                  endUs: fromMs(b.atMs + b.durationMs),
                  intervalUs: Math.max(1, Math.round(1_000_000 / b.ratePerSec)),
                })),
              }
            : {}),
          ...(path
            ? {
                request: {
                  mode: path.calls,
                  localWriteUs: fromMs(path.localWriteMs),
                  services: path.calls === 'sync' ? this.services : [],
                },
              }
            : {}),
        }),
    );
    const db = s.database
      ? new Database({
          serviceUs: Math.max(1, Math.round(1_000_000 / s.database.maxQps)),
          maxWaiting: s.database.maxWaiting,
          retryAfterUs: fromMs(s.database.retryAfterMs),
        })
      : null;
    this.database = db;
    this.consumers = s.consumers.map(
      (c) =>
        new Consumer(
          sim,
          c.id,
          this.net,
          this.broker,
          new SinkStore(c.sink),
          {
            group: s.queue.name,
            autoAck: c.autoAck,
            prefetch: c.prefetch,
            processing: distFromMs(c.processingMs),
            startUs: fromMs(c.startMs),
            heartbeatUs: Math.max(1000, fromMs(c.heartbeatMs)),
            reconnectDelayUs: fromMs(c.reconnectDelayMs),
            ...(c.stopMs !== undefined ? { stopUs: fromMs(c.stopMs) } : {}),
            ...(c.workers ? { workers: c.workers } : {}),
            ...(c.forward && fw
              ? {
                  forward: {
                    targets: this.forwardQueues,
                    dispatch: fw.dispatch,
                    book,
                    heartbeatUs: Math.max(1000, fromMs(c.heartbeatMs)),
                    reconnectDelayUs: fromMs(c.reconnectDelayMs),
                  },
                }
              : {}),
            ...(c.receiveMode === 'pull'
              ? {
                  delivery: {
                    mode: 'pull' as const,
                    pollIntervalUs: Math.max(1, fromMs(c.pollIntervalMs ?? 100)),
                  },
                }
              : c.receiveMode === 'long-poll'
                ? {
                    delivery: {
                      mode: 'long-poll' as const,
                      waitUs: Math.max(1, fromMs(c.longPollWaitMs ?? 15_000)),
                    },
                  }
                : {}),
          },
          db,
          // Asynchronous: the consumer makes the calls the user no longer waits for.
          path?.calls === 'async' ? this.services : [],
        ),
    );
    // The consumers of the new queues: processing, not forwarding, and counted in the same group.
    fwIds.consumers.forEach((ids, i) => {
      const q = this.forwardQueues[i] as Broker;
      for (const id of ids)
        this.consumers.push(
          new Consumer(sim, id, this.net, q, new SinkStore('insert'), {
            group: s.queue.name,
            autoAck: false,
            prefetch: fw?.prefetch ?? 10,
            processing: distFromMs(fw?.processingMs ?? { kind: 'fixed', ms: 5 }),
            startUs: fromMs(fw?.startMs ?? 0),
            heartbeatUs: 60_000_000,
            reconnectDelayUs: 5_000_000,
            forwarded: { book, queue: q.id },
          }),
        );
    });
    for (const o of overrides) this.net.setLink(o.from, o.to, o.spec);
    this.groups = [s.queue.name];
  }

  targets(): FaultTargets {
    return {
      net: this.net,
      armCrash: (node, when, cause) => {
        const c = this.consumers.find((x) => x.id === node);
        // An AMQP consumer acknowledges after processing: it has no "after-commit" moment.
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
    const g = new Map<MsgId, HeldState>();
    const w = new Map<MsgId, HeldWhere>();
    this.broker.held(g, w);
    for (const q of this.forwardQueues) q.held(g, w);
    const buffered = new Set<MsgId>();
    for (const c of this.consumers)
      for (const id of c.bufferedIds()) {
        if (!g.has(id)) g.set(id, 'in-flight');
        // In a consumer's buffer: there, even if the broker also counts it as unacknowledged.
        w.set(id, { place: 'consumer', node: c.id });
        buffered.add(id);
      }
    for (const id of this.net.inFlight()) {
      if (!g.has(id)) g.set(id, 'in-flight');
      // On the wire (a delivery on its way, a publish not yet received), unless stored.
      if (!buffered.has(id) && g.get(id) === 'in-flight') w.set(id, { place: 'network' });
    }
    const group = this.groups[0] as string;
    where?.set(group, w);
    return new Map([[group, g]]);
  }

  /**
   * The queue's backlog (F1): its peak, and when it was last drained (-1 while it still holds
   * messages at the end); with a request path, the caller's latency (A2).
   */
  stats(): RunStats {
    const b = this.broker;
    const waited = [...b.waitedUs].sort((x, y) => x - y);
    const backlog: RunStats = {
      emptyPolls: b.emptyGets,
      queueWaitP50Ms: msOf(quantileOf(waited, 0.5)),
      backlogPeak: b.backlogPeak,
      drainedAtMs: drainedAt([b, ...this.forwardQueues]),
    };
    if (!this.services.length) return backlog;
    const lat = this.producers.flatMap((p) => p.requestLatenciesUs).sort((a, b) => a - b);
    return {
      ...backlog,
      requests: lat.length,
      callerLatencyP50Ms: msOf(quantileOf(lat, 0.5)),
      callerLatencyMaxMs: msOf(lat[lat.length - 1] ?? 0),
    };
  }

  enableTracking(): void {
    this.net.trackTraffic = true;
  }

  clusterView(): ClusterView {
    return {
      system: 'single-node',
      now: this.sim.now,
      nodes: [
        brokerNode(this.broker),
        ...this.forwardQueues.map(brokerNode),
        ...this.producers.map((p) => {
          const v = p.view();
          return {
            id: v.id,
            role: 'producer' as const,
            status: v.status,
            detail: {
              connection: v.connection,
              produced: v.produced,
              unconfirmed: v.unconfirmed,
              retries: v.retries,
            },
          };
        }),
        ...this.consumers.map((c) => ({
          id: c.id,
          role: 'consumer' as const,
          status: c.status,
          group: this.groups[0] as string,
          detail: c.inspect(),
        })),
        ...this.services.map((v) => ({
          id: v.id,
          role: 'service' as const,
          status: v.status,
          detail: { answered: v.answered },
        })),
      ],
      stores: [
        queueStore(this.broker, this.groups[0] as string),
        ...this.forwardQueues.map((q) => queueStore(q, q.id)),
      ],
      flights: this.net.flights(),
      cuts: this.net.cuts(),
    };
  }

  view(): SingleNodeView {
    return {
      system: 'single-node',
      broker: this.broker.view(),
      producers: this.producers.map((p) => p.view()),
      consumers: this.consumers.map((c) => ({
        id: c.id,
        status: c.status,
        buffered: c.bufferedIds(),
        sink: { kind: c.sink.kind, rows: c.sink.rows.length },
      })),
    };
  }
}

/**
 * When every queue (the backlogged one and any forward queues) was last drained, in ms; -1 while
 * one still holds messages, is down, or the backlogged queue never held any.
 */
function drainedAt(queues: readonly Broker[]): number {
  const first = queues[0] as Broker;
  if (first.drainedAtUs < 0) return -1;
  let at = first.drainedAtUs;
  for (const q of queues) {
    if (q.status !== 'up' || q.depth() !== 0) return -1;
    at = Math.max(at, q.drainedAtUs);
  }
  return msOf(at);
}

/** A broker (or a forward queue's process) as a node of the cluster view. */
function brokerNode(q: Broker): ClusterView['nodes'][number] {
  const b = q.view();
  return {
    id: b.id,
    role: 'broker',
    status: b.status,
    detail: {
      ready: b.ready.length,
      unacked: b.unacked.reduce((n, u) => n + u.msgs.length, 0),
      pendingWrites: b.pendingWrites,
    },
  };
}

/** A queue's messages as a store of the cluster view. */
function queueStore(q: Broker, label: string): ClusterView['stores'][number] {
  const b = q.view();
  const entries = q.entriesView(200);
  return {
    id: `${b.id}/${label}`,
    node: b.id,
    kind: 'queue',
    label,
    role: 'owner',
    entries,
    total: entries.length,
    marks: {
      ready: b.ready.length,
      unacked: b.unacked.reduce((n, u) => n + u.msgs.length, 0),
      storeRecords: b.storeLength,
      storeSynced: b.storeSynced,
    },
  };
}
