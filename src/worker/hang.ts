/**
 * The hang detector's decision, apart from the timer that asks for it.
 *
 * The page hears the worker through its own event loop: while the page is busy (rendering
 * thousands of anomalies, a long GC, a tab in the background), the worker's messages wait in the
 * page's queue and its timers fire late. Measuring silence as "now minus the last message heard"
 * then blames the worker for the page's own stall: a 16 s page freeze looked like a 16 s silent
 * worker and got a live worker replaced. So silence is counted only while the page was awake:
 * each watchdog tick adds the time since the previous tick, but at most `2 × everyMs`; a tick that
 * comes late (the page was stalled) adds no more than an on-time one. A page stall can therefore
 * never add more than one capped gap, and after it the queued messages are heard before silence
 * can build up again. A worker that is truly stuck sends nothing while the page's ticks come on
 * time, and is declared hung after `hangMs` of those.
 */
export class HangWatch {
  private silentMs = 0;
  private lastTick: number;

  /**
   * @param hangMs silence (counted while the page is awake) after which the worker is hung
   * @param everyMs how often the watchdog ticks
   * @param now the page's clock (ms) when watching starts
   */
  constructor(
    private readonly hangMs: number,
    private readonly everyMs: number,
    now: number,
  ) {
    this.lastTick = now;
  }

  /** The worker said something: it is alive. */
  heard(): void {
    this.silentMs = 0;
  }

  /** Starts counting afresh (a request to an idle worker, or a new worker). */
  reset(now: number): void {
    this.silentMs = 0;
    this.lastTick = now;
  }

  /** Silence counted so far (ms). */
  get silent(): number {
    return this.silentMs;
  }

  /** A watchdog tick at `now`: true when the worker is to be declared hung. */
  tick(now: number): boolean {
    const gap = Math.max(0, now - this.lastTick);
    this.lastTick = now;
    this.silentMs += Math.min(gap, 2 * this.everyMs);
    return this.silentMs > this.hangMs;
  }
}
