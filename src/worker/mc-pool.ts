/**
 * A pool of Monte Carlo workers, for the browser (Web Workers) and the CLI (worker threads): the
 * caller gives a `spawn` that starts one worker and adapts it to `PoolWorker`. Jobs (one seed of
 * one configuration) go out a few at a time per worker, so a fast worker never waits for the
 * page; results stream back through `onResult` in whatever order they finish (the aggregate does
 * not care, see `aggregate.ts`).
 *
 * A worker that dies (an uncaught exception, out of memory) has every job it held reported as a
 * failed seed with the error, is replaced, and the pool carries on. Cancelling terminates the
 * workers at once (a seed's run cannot be interrupted midway) and resolves the request with what
 * it had.
 */
import type { SeedResult } from '../engine/montecarlo/result';
import type { FaultModel } from '../scenario/faultmodel';
import type { Scenario } from '../scenario/schema';
import type { McRequest, McResponse } from './mc-protocol';

/** One worker as the pool sees it. */
export interface PoolWorker {
  post(req: McRequest): void;
  /** Registers the handlers (called once, right after spawn). */
  listen(onMessage: (r: McResponse) => void, onError: (message: string) => void): void;
  terminate(): void;
}

/** Jobs a worker holds at once: one running, one waiting, so it never idles between seeds. */
const IN_FLIGHT = 2;

export interface McJob {
  configs: Scenario[];
  model: FaultModel;
  seeds: readonly number[];
}

interface Slot {
  worker: PoolWorker;
  /** Jobs sent and not answered, in order. */
  held: { config: number; seed: number }[];
}

export class SeedPool {
  private slots: Slot[] = [];
  private request = 0;
  private queue: { config: number; seed: number }[] = [];
  private job: McJob | null = null;
  private onResult: ((r: SeedResult) => void) | null = null;
  private finish: (() => void) | null = null;
  private left = 0;
  /** Workers that died in a row without answering anything: past a few, the cause is systemic. */
  private barren = 0;

  constructor(
    private readonly spawn: () => PoolWorker,
    readonly size: number,
  ) {
    if (!(size >= 1)) throw new Error('a pool needs at least one worker');
  }

  /**
   * Runs every seed of every configuration (seed-major, so configurations advance together and
   * compare on the same seeds at every moment). Resolves when all are done or on `cancel`.
   * A newer `run` cancels an older one.
   */
  run(job: McJob, onResult: (r: SeedResult) => void): Promise<void> {
    this.cancel();
    this.request++;
    this.barren = 0;
    this.job = job;
    this.onResult = onResult;
    this.queue = job.seeds.flatMap((seed) => job.configs.map((_c, config) => ({ config, seed })));
    this.left = this.queue.length;
    return new Promise<void>((resolve) => {
      this.finish = resolve;
      if (this.left === 0) {
        this.done();
        return;
      }
      while (this.slots.length < Math.min(this.size, this.left)) this.slots.push(this.start());
      for (const s of this.slots) this.init(s);
    });
  }

  /** Stops the current request: nothing more is reported, and its promise resolves. */
  cancel(): void {
    if (!this.finish) return;
    for (const s of this.slots) s.worker.terminate();
    this.slots = [];
    this.queue = [];
    this.done();
  }

  /** Terminates the workers (call when the pool is no longer needed). */
  close(): void {
    this.cancel();
    for (const s of this.slots) s.worker.terminate();
    this.slots = [];
  }

  private done(): void {
    const f = this.finish;
    this.finish = null;
    this.onResult = null;
    this.job = null;
    f?.();
  }

  private start(): Slot {
    const worker = this.spawn();
    const slot: Slot = { worker, held: [] };
    worker.listen(
      (r) => this.received(slot, r),
      (message) => this.died(slot, message),
    );
    return slot;
  }

  private init(slot: Slot): void {
    if (!this.job) return;
    slot.worker.post({
      type: 'mc-init',
      request: this.request,
      configs: this.job.configs,
      model: this.job.model,
    });
    this.feed(slot);
  }

  private feed(slot: Slot): void {
    while (slot.held.length < IN_FLIGHT && this.queue.length > 0) {
      const j = this.queue.shift() as { config: number; seed: number };
      slot.held.push(j);
      slot.worker.post({ type: 'mc-seed', request: this.request, ...j });
    }
  }

  private report(r: SeedResult): void {
    this.left--;
    this.onResult?.(r);
    if (this.left <= 0) this.done();
  }

  private received(slot: Slot, r: McResponse): void {
    if (r.request !== this.request || !this.slots.includes(slot)) return;
    const i = slot.held.findIndex((h) => h.seed === r.result.seed && h.config === r.result.config);
    if (i < 0) return;
    slot.held.splice(i, 1);
    this.barren = 0;
    this.feed(slot);
    this.report(r.result);
  }

  private died(slot: Slot, message: string): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    slot.worker.terminate();
    const lost = slot.held;
    slot.held = [];
    // Workers that die before answering anything (a broken build, no memory) would die for every
    // seed: stop replacing them and report the remaining seeds with the error instead.
    if (++this.barren > this.size + 2) lost.push(...this.queue.splice(0));
    // Replace it before reporting, so the pool keeps its size while the remaining seeds run.
    const fresh = this.queue.length > 0 ? this.start() : null;
    if (fresh) this.slots[i] = fresh;
    else this.slots.splice(i, 1);
    for (const j of lost)
      this.report({
        ok: false,
        config: j.config,
        seed: j.seed,
        error: `worker failed: ${message}`,
      });
    if (fresh && this.finish) this.init(fresh);
  }
}
