/**
 * Request timeouts of one node with one armed timer instead of one timer per request.
 *
 * A client sends thousands of requests a second (pulls, sends) and nearly every one is answered
 * long before its timeout: a timer per request left ~185,000 cancelled timers in the event queue
 * of the bench workload (30 s pull timeouts at ~4,000 pulls/s), and every event paid for the
 * deeper heap. Here the node keeps its deadlines in an array (in deadline order: appending is the
 * common case, as the timeout is constant), and one timer is armed at the earliest deadline of a
 * request still waiting. When it fires, every waiting request whose deadline has come times out,
 * in deadline order, at exactly the microsecond its own timer would have fired; answered requests
 * are skipped. A timer that finds the request it was armed for answered fires for nothing and
 * re-arms at the next waiting one: about one such event per timeout period per node.
 */
import type { Sim, SimEvent, SimNode } from '../../kernel/sim';
import type { Micros } from '../../kernel/time';

export class Deadlines<T> {
  private at: Micros[] = [];
  private items: T[] = [];
  private head = 0;
  private timer: SimEvent | null = null;
  private sweeping = false;
  private readonly sim: Sim;

  /**
   * @param node the owner: its crash skips the timer, its pause defers it; it receives `op`
   *   through its `fire` and must call `fire` here.
   * @param label the event label of the timer.
   * @param op the posted op the owner dispatches to `fire`.
   */
  constructor(
    private readonly node: SimNode,
    private readonly label: number,
    private readonly op: number,
  ) {
    this.sim = node.sim;
  }

  /** Requests tracked (waiting or answered but not yet swept). */
  get size(): number {
    return this.at.length - this.head;
  }

  /** `item` times out at `deadline` unless `alive(item)` is false by then. */
  add(deadline: Micros, item: T): void {
    const at = this.at;
    let i = at.length;
    while (i > this.head && (at[i - 1] as Micros) > deadline) i--;
    if (i === at.length) {
      at.push(deadline);
      this.items.push(item);
    } else {
      at.splice(i, 0, deadline);
      this.items.splice(i, 0, item);
    }
    if (this.sweeping) return;
    if (this.timer === null) this.arm(deadline);
    else if (deadline < this.timer.at) {
      // Earlier than the armed timer (a retry keeps its first attempt's deadline): re-arm.
      this.sim.cancel(this.timer);
      this.arm(deadline);
    }
  }

  private arm(deadline: Micros): void {
    const node = this.node;
    this.timer = this.sim.postAt(deadline, this.label, node, this.op, null, null, null, 0, 0, node);
  }

  /**
   * The timer fired: `expire` every item still `alive` whose deadline has come, in deadline
   * order, then re-arm at the next one still alive.
   */
  fire(alive: (item: T) => boolean, expire: (item: T) => void): void {
    this.timer = null;
    const now = this.sim.now;
    this.sweeping = true;
    while (this.head < this.at.length) {
      const item = this.items[this.head] as T;
      if (!alive(item)) {
        this.head++;
        continue;
      }
      if ((this.at[this.head] as Micros) > now) break;
      this.head++;
      expire(item);
    }
    this.sweeping = false;
    this.compact();
    // Drop answered items at the front so the timer waits for a request still waiting.
    while (this.head < this.at.length && !alive(this.items[this.head] as T)) this.head++;
    if (this.head < this.at.length) this.arm(this.at[this.head] as Micros);
    else this.clear();
  }

  private compact(): void {
    if (this.head < 1024 || this.head * 2 < this.at.length) return;
    this.at = this.at.slice(this.head);
    this.items = this.items.slice(this.head);
    this.head = 0;
  }

  /** Forgets every item and the timer (the owner stopped: its timer is stale anyway). */
  clear(): void {
    this.sim.cancel(this.timer);
    this.timer = null;
    this.at = [];
    this.items = [];
    this.head = 0;
  }
}
