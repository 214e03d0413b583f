/**
 * The request path of curriculum A2 (sync vs async): downstream services that answer calls after
 * a service time, and the chain of calls a client makes one after another. The latency a caller
 * sees is the sum of every hop it waits for, so a synchronous path costs the sum of the services'
 * times and an asynchronous one only the publish.
 */
import type { Network } from '../../kernel/network';
import { sample, type Dist, type Rng } from '../../kernel/prng';
import { Sim, SimNode } from '../../kernel/sim';
import type { Wire } from './protocol';

/**
 * A downstream service (system B, C or D): answers each call after its service time. Calls are
 * served concurrently, one thread each, so it adds latency and never queues. A crash loses the
 * answers it had not sent; the caller then waits forever, as a caller without a timeout does.
 */
export class Service extends SimNode {
  private readonly rng: Rng;
  private readonly answerLabel: number;
  /** Calls answered, for the inspector. */
  answered = 0;

  constructor(
    sim: Sim,
    id: string,
    private readonly net: Network<Wire>,
    readonly serviceTime: Dist,
  ) {
    super(sim, id);
    this.rng = sim.streams.get(`service:${id}`);
    this.answerLabel = sim.label('service.answer');
    net.attach(this, (from, w) => {
      if (w.type !== 'call') return;
      this.timer(sample(this.rng, this.serviceTime), this.answerLabel, () => {
        this.answered++;
        this.net.send(this, from, { type: 'call-ok', req: w.req });
      });
    });
  }
}

/**
 * The calls a client node makes to services, one after another: the next call leaves when the
 * previous one has answered. Request numbers never repeat, so an answer that arrives after the
 * client crashed and restarted matches nothing and is ignored.
 */
export class CallChain {
  private nextReq = 1;
  private readonly pending = new Map<number, { left: readonly Service[]; done: () => void }>();

  constructor(
    private readonly owner: SimNode,
    private readonly net: Network<Wire>,
    readonly services: readonly Service[],
  ) {}

  /** Calls every service in order, then `done`. */
  run(done: () => void): void {
    this.step(this.services, done);
  }

  private step(left: readonly Service[], done: () => void): void {
    const to = left[0];
    if (to === undefined) {
      done();
      return;
    }
    const req = this.nextReq++;
    this.pending.set(req, { left: left.slice(1), done });
    this.net.send(this.owner, to, { type: 'call', req });
  }

  /** Takes a service's answer; false when `w` is not one (the owner handles it). */
  handle(w: Wire): boolean {
    if (w.type !== 'call-ok') return false;
    const p = this.pending.get(w.req);
    if (p) {
      this.pending.delete(w.req);
      this.step(p.left, p.done);
    }
    return true;
  }

  /** Calls waiting for an answer. */
  get waiting(): number {
    return this.pending.size;
  }

  /** The owner crashed: what it waited for is forgotten. */
  reset(): void {
    this.pending.clear();
  }
}
