/**
 * One AMQP connection as a client sees it, shared by the single-node and RabbitMQ models: opened
 * with a handshake, kept alive by heartbeats, closed by the broker's FIN (the broker process died,
 * its OS did not) or by two silent heartbeat intervals (the broker's machine lost power, or the
 * network is cut), and reopened after `reconnectDelayUs`, as client libraries' automatic recovery
 * does. `target` is asked again on every attempt, so a client can follow a queue to a new node.
 */
import type { Network, NetMessage } from '../../kernel/network';
import type { SimEvent, SimNode } from '../../kernel/sim';
import type { Micros } from '../../kernel/time';

/** The connection-level frames both models' wire protocols contain. */
export type ConnectionFrame =
  | { type: 'connect-ok'; session: number }
  | { type: 'consume-ok'; session: number }
  | { type: 'heartbeat'; session: number }
  | { type: 'heartbeat-ok'; session: number }
  | { type: 'heartbeat-fail' }
  | { type: 'close' };

export interface ConnectionOptions<W> {
  heartbeatUs: Micros;
  reconnectDelayUs: Micros;
  /**
   * Prefix of the event labels (`<prefix>.heartbeat`, `<prefix>.reconnect`). Labels feed the
   * trace hash, so each model keeps the names its recorded runs were made with.
   */
  labelPrefix: string;
  /** The frame that opens this client's channel (a bare connect, or a consume). */
  open: () => W;
  onOpen: () => void;
  onClosed: (reason: string) => void;
}

export class Connection<W extends NetMessage> {
  state: 'closed' | 'connecting' | 'open' = 'closed';
  session = -1;
  broker: SimNode | null = null;
  private lastHeard = 0;
  private hbTimer: SimEvent | null = null;
  private retryTimer: SimEvent | null = null;
  private readonly labels: { hb: number; retry: number };

  constructor(
    private readonly node: SimNode,
    private readonly net: Network<W>,
    private readonly target: () => SimNode | null,
    private readonly opts: ConnectionOptions<W>,
  ) {
    this.labels = {
      hb: node.sim.label(`${opts.labelPrefix}.heartbeat`),
      retry: node.sim.label(`${opts.labelPrefix}.reconnect`),
    };
  }

  connect(): void {
    this.node.sim.cancel(this.retryTimer);
    this.retryTimer = null;
    this.broker = this.target();
    if (!this.broker) {
      this.state = 'closed';
      this.retryTimer = this.node.timer(this.opts.reconnectDelayUs, this.labels.retry, () =>
        this.connect(),
      );
      return;
    }
    this.state = 'connecting';
    this.lastHeard = this.node.sim.now;
    this.net.send(this.node, this.broker, this.opts.open());
    this.heartbeat();
  }

  send(w: W): void {
    if (this.broker) this.net.send(this.node, this.broker, w);
  }

  private heartbeat(): void {
    const hbUs = this.opts.heartbeatUs;
    this.node.sim.cancel(this.hbTimer);
    this.hbTimer = this.node.timer(hbUs, this.labels.hb, () => {
      if (this.node.sim.now - this.lastHeard >= 2 * hbUs) {
        this.closed('heartbeat-timeout', 0);
        return;
      }
      // Both models' wire types contain the heartbeat frame (ConnectionFrame).
      if (this.state === 'open')
        this.send({ type: 'heartbeat', session: this.session } as unknown as W);
      else this.send(this.opts.open());
      this.heartbeat();
    });
  }

  /** Handles connection-level frames; returns false for anything else (which still counts as life). */
  handle(from: SimNode, w: W): boolean {
    if (from !== this.broker) return true; // a frame from a node this client left: ignore
    const f = w as unknown as ConnectionFrame | { type: string };
    switch (f.type) {
      case 'connect-ok':
      case 'consume-ok':
        this.lastHeard = this.node.sim.now;
        if (this.state !== 'open') {
          this.state = 'open';
          this.session = (f as { session: number }).session;
          this.opts.onOpen();
        }
        return true;
      case 'heartbeat-ok':
        this.lastHeard = this.node.sim.now;
        return true;
      case 'heartbeat-fail':
        this.closed('channel-gone', this.opts.reconnectDelayUs);
        return true;
      case 'close':
        this.closed('broker-closed-connection', this.opts.reconnectDelayUs);
        return true;
      default:
        this.lastHeard = this.node.sim.now;
        return false;
    }
  }

  private closed(reason: string, delayUs: Micros): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.session = -1;
    this.node.sim.cancel(this.hbTimer);
    this.hbTimer = null;
    this.opts.onClosed(reason);
    this.retryTimer = this.node.timer(delayUs, this.labels.retry, () => this.connect());
  }

  /** The client process died: forget everything. */
  reset(): void {
    this.state = 'closed';
    this.session = -1;
    this.hbTimer = null;
    this.retryTimer = null;
  }
}
