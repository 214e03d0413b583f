/**
 * A NameServer (RocketMQ 4.9.x RouteInfoManager): stateless and independent of the others, it
 * keeps only what brokers tell it. Brokers register every `registerNameServerPeriod` (30 s); a
 * broker whose connection closes (its process died and the OS reset the socket) is removed at
 * once (onChannelDestroy); one that just goes silent (power loss, a network cut, a long pause) is
 * removed by the scan every 10 s once its last registration is older than
 * BROKER_CHANNEL_EXPIRED_TIME (120 s). A crash loses everything: routes come back as brokers
 * register again.
 */
import type { Network } from '../../kernel/network';
import { SimNode, type Sim } from '../../kernel/sim';
import type { Micros } from '../../kernel/time';
import type { BrokerRoute, Wire } from './protocol';

/** scanNotActiveBroker runs every 10 s (5 s after start). */
const SCAN_US = 10_000_000;

interface Live {
  brokerName: string;
  brokerId: number;
  lastUpdate: Micros;
}

/** A topic as the NameServer knows it from its masters' topic configs. */
export interface TopicInfo {
  name: string;
  brokers: readonly string[];
  readQueueNums: number;
  writeQueueNums: number;
}

export class NameServer extends SimNode {
  /** Broker node id -> its registration. */
  readonly live = new Map<string, Live>();
  /** Broker groups whose master registered its topic config since this NameServer started. */
  private readonly queueData = new Set<string>();
  /** Broker groups whose queue data lost PERM_WRITE (wipeWritePermOfBroker). */
  private readonly noWrite = new Set<string>();
  private readonly scanLabel: number;

  constructor(
    sim: Sim,
    id: string,
    private readonly net: Network<Wire>,
    private readonly topics: readonly TopicInfo[],
    private readonly expiredUs: Micros,
  ) {
    super(sim, id);
    this.scanLabel = sim.label('rocketmq.ns-scan');
    net.attach(this, (from, m) => this.onWire(from, m));
    this.scan();
  }

  /** The cluster ran before the run: every broker is registered at time 0. */
  preRegister(node: string, brokerName: string, brokerId: number): void {
    this.live.set(node, { brokerName, brokerId, lastUpdate: 0 });
    if (brokerId === 0) this.queueData.add(brokerName);
  }

  private scan(): void {
    this.timer(SCAN_US, this.scanLabel, () => {
      for (const [node, l] of [...this.live])
        if (this.sim.now - l.lastUpdate > this.expiredUs) this.remove(node, 'expired');
      this.scan();
    });
  }

  private remove(node: string, why: 'expired' | 'channel-closed'): void {
    const l = this.live.get(node);
    if (!l) return;
    this.live.delete(node);
    this.sim.rec.note('remove', this.id, undefined, {
      reason: why === 'expired' ? 'route-expired' : 'route-channel-closed',
      broker: node,
      brokerName: l.brokerName,
    });
    // Queue data goes with the last address of the broker group.
    if (![...this.live.values()].some((x) => x.brokerName === l.brokerName)) {
      this.queueData.delete(l.brokerName);
      // Registering anew creates the queue data with the broker's own permission (read-write).
      this.noWrite.delete(l.brokerName);
    }
  }

  /**
   * `mqadmin wipeWritePerm`: clears PERM_WRITE of the group's queue data (4.9.8
   * RouteInfoManager.wipeWritePermOfBroker). Returns how many topics it changed (0 when down).
   */
  wipeWritePerm(brokerName: string): number {
    if (this.status !== 'up' || !this.queueData.has(brokerName)) return 0;
    this.noWrite.add(brokerName);
    return this.topics.filter((t) => t.brokers.includes(brokerName)).length;
  }

  private onWire(from: SimNode, m: Wire): void {
    if (m.type === 'register') {
      this.live.set(from.id, {
        brokerName: m.brokerName,
        brokerId: m.brokerId,
        lastUpdate: this.sim.now,
      });
      if (m.brokerId === 0) this.queueData.add(m.brokerName);
    } else if (m.type === 'channel-close') this.remove(from.id, 'channel-closed');
    else if (m.type === 'get-route')
      this.net.send(this, from, { type: 'route', req: m.req, routes: this.routes() });
  }

  /** Every topic's route: the broker groups with queue data, and their live addresses. */
  routes(): Record<string, BrokerRoute[]> {
    const out: Record<string, BrokerRoute[]> = {};
    for (const t of this.topics) {
      const rs: BrokerRoute[] = [];
      for (const bn of t.brokers) {
        if (!this.queueData.has(bn)) continue;
        const addrs: Record<number, string> = {};
        for (const [node, l] of this.live) if (l.brokerName === bn) addrs[l.brokerId] = node;
        rs.push({
          brokerName: bn,
          addrs,
          readQueueNums: t.readQueueNums,
          writeQueueNums: t.writeQueueNums,
          ...(this.noWrite.has(bn) ? { noWrite: true as const } : {}),
        });
      }
      out[t.name] = rs;
    }
    return out;
  }

  protected override onStop(): void {
    this.live.clear();
    this.queueData.clear();
    this.noWrite.clear();
  }

  protected override onRestart(): void {
    this.scan();
  }
}
