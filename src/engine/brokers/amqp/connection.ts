/**
 * One AMQP connection as a client sees it, shared by the single-node and RabbitMQ models: opened
 * with a handshake, kept alive by heartbeats, closed by the broker's FIN (the broker process died,
 * its OS did not) or by two silent heartbeat intervals (the broker's machine lost power, or the
 * network is cut), and reopened as the Java client's automatic recovery does (4.0+ enables it by
 * default; api-guide.md "Automatic Recovery From Network Failures"): every recovery attempt waits
 * `reconnectDelayUs` (`networkRecoveryInterval`, default 5000 ms in ConnectionFactory.java), and
 * a failed attempt is retried after the same interval until one succeeds. An attempt fails at once
 * when the node's process is down but its machine is up (the OS refuses the TCP connection), and
 * after `CONNECTION_TIMEOUT_US` when nothing answers (machine off, network cut). The open frame
 * re-subscribes a consumer (topology recovery); `target` is asked again on every attempt, so a
 * client can follow a queue to a new node.
 */
import type { Network, NetMessage } from '../../kernel/network';
import type { SimEvent, SimNode } from '../../kernel/sim';
import type { Micros } from '../../kernel/time';

/**
 * How long a connection attempt waits for an answer before it fails: the Java client's
 * `ConnectionFactory.DEFAULT_CONNECTION_TIMEOUT` (60000 ms).
 */
export const CONNECTION_TIMEOUT_US: Micros = 60_000_000;

/**
 * A server as a connecting client's TCP stack sees it. A node whose process is down on a machine
 * that is up refuses connections (TCP reset); a machine without power answers nothing.
 */
export interface TcpListener {
  refusesConnections(): boolean;
}

function refuses(node: SimNode): boolean {
  const l = node as Partial<TcpListener>;
  return typeof l.refusesConnections === 'function' && l.refusesConnections();
}

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
  private attemptTimer: SimEvent | null = null;
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
    const sim = this.node.sim;
    sim.cancel(this.retryTimer);
    this.retryTimer = null;
    sim.cancel(this.attemptTimer);
    this.attemptTimer = null;
    this.broker = this.target();
    const b = this.broker;
    if (
      !b ||
      (refuses(b) && !this.net.isCut(this.node.id, b.id) && !this.net.isCut(b.id, this.node.id))
    ) {
      // No node to go to, or its OS answered the SYN with a reset: this attempt failed, and
      // automatic recovery tries again after networkRecoveryInterval.
      this.state = 'closed';
      this.retryLater();
      return;
    }
    this.state = 'connecting';
    this.lastHeard = sim.now;
    this.net.send(this.node, b, this.opts.open());
    this.attemptTimer = this.node.timer(CONNECTION_TIMEOUT_US, this.labels.retry, () => {
      this.attemptTimer = null;
      if (this.state !== 'connecting') return;
      // Nothing answered (the machine is off or the network is cut): the attempt timed out.
      this.state = 'closed';
      this.retryLater();
    });
  }

  private retryLater(): void {
    this.node.sim.cancel(this.retryTimer);
    this.retryTimer = this.node.timer(this.opts.reconnectDelayUs, this.labels.retry, () =>
      this.connect(),
    );
  }

  send(w: W): void {
    if (this.broker) this.net.send(this.node, this.broker, w);
  }

  private heartbeat(): void {
    const hbUs = this.opts.heartbeatUs;
    this.node.sim.cancel(this.hbTimer);
    this.hbTimer = this.node.timer(hbUs, this.labels.hb, () => {
      if (this.state !== 'open') return;
      if (this.node.sim.now - this.lastHeard >= 2 * hbUs) {
        this.closed('heartbeat-timeout');
        return;
      }
      // Both models' wire types contain the heartbeat frame (ConnectionFrame).
      this.send({ type: 'heartbeat', session: this.session } as unknown as W);
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
          this.node.sim.cancel(this.attemptTimer);
          this.attemptTimer = null;
          this.heartbeat();
          this.opts.onOpen();
        }
        return true;
      case 'heartbeat-ok':
        this.lastHeard = this.node.sim.now;
        return true;
      case 'heartbeat-fail':
        this.closed('channel-gone');
        return true;
      case 'close':
        this.closed('broker-closed-connection');
        return true;
      default:
        this.lastHeard = this.node.sim.now;
        return false;
    }
  }

  private closed(reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.session = -1;
    this.node.sim.cancel(this.hbTimer);
    this.hbTimer = null;
    this.node.sim.cancel(this.attemptTimer);
    this.attemptTimer = null;
    this.opts.onClosed(reason);
    // Recovery starts after one networkRecoveryInterval (AutorecoveringConnection waits first).
    this.retryLater();
  }

  /** The client process died: forget everything. */
  reset(): void {
    this.state = 'closed';
    this.session = -1;
    this.hbTimer = null;
    this.retryTimer = null;
    this.attemptTimer = null;
  }
}
