/**
 * The UI side of the worker protocol. Requests resolve with their reply or reject with a
 * `SimError`; nothing is left hanging: a worker `error` or `messageerror` rejects every pending
 * request, and `restart()` replaces a broken worker. Replies and progress events from a run that
 * is no longer current are dropped here (`SimError('stale')` for requests), so callers never see
 * a stale run's frame.
 *
 * A worker can get stuck inside one step, where it reads no messages (a catastrophic regular
 * expression, an endless loop). The page then does not wait for it: `cancel` falls back to
 * terminating and replacing it after CANCEL_GRACE_MS, a new `load` replaces a worker that has left
 * a request unanswered and been silent for STALL_MS, and a watchdog replaces one silent for HANG_MS while anything is pending.
 */
import {
  PROTOCOL_VERSION,
  type BudgetLimits,
  type ChainEntry,
  type Frame,
  type RunMeta,
  type RunStop,
  type RunSummary,
  type StepUnit,
  type WorkerErrorKind,
  type WorkerReply,
  type WorkerRequest,
  type WorkerResponse,
} from './protocol';
import { CANCEL_GRACE_MS, HANG_MS, STALL_MS } from './limits';
import { HangWatch } from './hang';

export class SimError extends Error {
  constructor(
    readonly kind: WorkerErrorKind | 'worker-crashed' | 'hung' | 'cancelled',
    message: string,
  ) {
    super(message);
    this.name = 'SimError';
  }
}

/** A request without its envelope; distributes over the union so each variant keeps its fields. */
type RequestBody = WorkerRequest extends infer R
  ? R extends WorkerRequest
    ? Omit<R, 'v' | 'id'>
    : never
  : never;

type Pending = {
  runId: number | null;
  resolve: (r: WorkerReply) => void;
  reject: (e: SimError) => void;
};

export type WorkerFactory = () => Worker;

export const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('./sim.worker.ts', import.meta.url), {
    type: 'module',
    name: 'brokerlab-sim',
  });

export interface ClientListener {
  /** `checked`: how far the end-of-run check is (0 to 1), once the last event has run. */
  progress(runId: number, computedUs: number, meta: RunMeta, checked?: number): void;
  /**
   * The worker died (uncaught error or unreadable message) or hung (silent for HANG_MS) and was
   * replaced; pending requests were rejected.
   */
  crashed(e: SimError): void;
  /** The worker stopped the current run on a cancel; its summary (saying the same) follows. */
  stopped?(runId: number, stop: RunStop): void;
}

/** How a cancel ended: the worker stopped the run (frames kept), or it was stuck and replaced. */
export type CancelOutcome = 'stopped' | 'replaced';

/** Timing knobs, so tests can shorten them; defaults from `limits.ts`. */
export interface ClientTimings {
  cancelGraceMs: number;
  hangMs: number;
  stallMs: number;
}

export class SimClient {
  private worker: Worker;
  private nextId = 1;
  private currentRunId = 0;
  private readonly pending = new Map<number, Pending>();
  /** Id of the current run's `load` while it computes. */
  private loadId: number | null = null;
  /** When the worker last said anything (Date.now ms). */
  private lastHeard = Date.now();
  /** Silence counted only while the page was awake (see `HangWatch`). */
  private readonly hang: HangWatch;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private readonly timings: ClientTimings;
  /** Bytes received from the worker (approximate, JSON length), for the benchmark. */
  bytesIn = 0;
  /** When set, replies are measured (costs a JSON.stringify per message). */
  measure = false;

  constructor(
    private readonly listener: ClientListener,
    private readonly factory: WorkerFactory = defaultWorkerFactory,
    timings: Partial<ClientTimings> = {},
  ) {
    this.timings = {
      cancelGraceMs: timings.cancelGraceMs ?? CANCEL_GRACE_MS,
      hangMs: timings.hangMs ?? HANG_MS,
      stallMs: timings.stallMs ?? STALL_MS,
    };
    this.hang = new HangWatch(this.timings.hangMs, this.watchEvery(), Date.now());
    this.worker = this.spawn();
  }

  private watchEvery(): number {
    return Math.max(10, Math.min(1000, this.timings.hangMs / 4));
  }

  /** Checks for a hung worker while requests are pending; stops itself when none are. */
  private armWatchdog(): void {
    if (this.watchdog !== null) return;
    const every = this.watchEvery();
    this.hang.reset(Date.now());
    this.watchdog = setInterval(() => {
      if (this.pending.size === 0) {
        if (this.watchdog !== null) clearInterval(this.watchdog);
        this.watchdog = null;
        return;
      }
      if (this.hang.tick(Date.now())) {
        const e = new SimError(
          'hung',
          `the simulation worker did not answer for ${Math.round(this.timings.hangMs / 1000)} s`,
        );
        this.replace(e);
        this.listener.crashed(e);
      }
    }, every);
  }

  private spawn(): Worker {
    const w = this.factory();
    w.onmessage = (ev: MessageEvent<WorkerResponse>) => this.onResponse(ev.data);
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      const e = new SimError(
        'worker-crashed',
        ev.message || 'the simulation worker stopped unexpectedly',
      );
      this.failAll(e);
      this.listener.crashed(e);
    };
    w.onmessageerror = () => {
      const e = new SimError('protocol', 'a message from the simulation worker could not be read');
      this.failAll(e);
      this.listener.crashed(e);
    };
    return w;
  }

  private onResponse(r: WorkerResponse): void {
    this.lastHeard = Date.now();
    this.hang.heard();
    if (this.measure) {
      this.bytesIn +=
        'frameJson' in r && typeof r.frameJson === 'string'
          ? r.frameJson.length
          : JSON.stringify(r).length;
    }
    if (r.v !== PROTOCOL_VERSION) {
      const e = new SimError(
        'protocol',
        `worker speaks protocol ${String(r.v)}, page speaks ${PROTOCOL_VERSION}`,
      );
      const p = this.pending.get(r.id);
      this.pending.delete(r.id);
      p?.reject(e);
      return;
    }
    if ('type' in r && r.type === 'alive') return;
    if ('type' in r && r.type === 'progress') {
      if (r.runId === this.currentRunId) {
        this.listener.progress(r.runId, r.computedUs, r.meta, r.checked);
      }
      return;
    }
    const p = this.pending.get(r.id);
    if (!p) return;
    this.pending.delete(r.id);
    if (r.id === this.loadId) this.loadId = null;
    if (p.runId !== null && p.runId !== this.currentRunId) {
      p.reject(new SimError('stale', 'reply from an earlier run'));
    } else if (r.ok) {
      p.resolve(r);
    } else {
      p.reject(new SimError(r.error.kind, r.error.message));
    }
  }

  private failAll(e: SimError): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    this.loadId = null;
    for (const p of all) p.reject(e);
  }

  /** Terminates the worker and starts a fresh one; what was pending is rejected with `e`. */
  private replace(e: SimError): void {
    this.worker.terminate();
    this.worker = this.spawn();
    this.lastHeard = Date.now();
    this.hang.reset(this.lastHeard);
    this.failAll(e);
  }

  private send(req: RequestBody, runId: number | null): Promise<WorkerReply> {
    const id = this.nextId++;
    if (req.type === 'load') this.loadId = id;
    // A request to an idle worker starts the silence count now, not at its last reply.
    if (this.pending.size === 0) {
      this.lastHeard = Date.now();
      this.hang.reset(this.lastHeard);
    }
    this.armWatchdog();
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending.set(id, { runId, resolve, reject });
      try {
        this.worker.postMessage({ ...req, v: PROTOCOL_VERSION, id });
      } catch (e) {
        this.pending.delete(id);
        reject(new SimError('protocol', e instanceof Error ? e.message : String(e)));
      }
    });
  }

  /** Starts a new run; the previous run becomes stale. Resolves with the finished run's summary. */
  async load(
    scenario: unknown,
    runId: number,
    seed?: number,
    limits?: Partial<BudgetLimits>,
  ): Promise<RunSummary> {
    // Something is pending and the worker has been silent: it is stuck in one step and would
    // never read this request. Replace it (its requests are now stale).
    if (this.pending.size > 0 && Date.now() - this.lastHeard > this.timings.stallMs)
      this.replace(new SimError('stale', 'the stuck worker was replaced for a newer run'));
    this.currentRunId = runId;
    const r = await this.send(
      {
        type: 'load',
        runId,
        scenario,
        ...(seed === undefined ? {} : { seed }),
        ...(limits === undefined ? {} : { limits }),
      },
      runId,
    );
    if (r.type !== 'loaded') throw new SimError('protocol', `expected loaded, got ${r.type}`);
    return r.summary;
  }

  async frame(runId: number, atUs: number, windowUs: number, maxFlights?: number): Promise<Frame> {
    const r = await this.send(
      maxFlights === undefined
        ? { type: 'frame', runId, atUs, windowUs }
        : { type: 'frame', runId, atUs, windowUs, maxFlights },
      runId,
    );
    if (r.type !== 'frame') throw new SimError('protocol', `expected frame, got ${r.type}`);
    return JSON.parse(r.frameJson) as Frame;
  }

  async step(runId: number, fromUs: number, unit: StepUnit): Promise<Frame> {
    const r = await this.send({ type: 'step', runId, fromUs, unit }, runId);
    if (r.type !== 'frame') throw new SimError('protocol', `expected frame, got ${r.type}`);
    return JSON.parse(r.frameJson) as Frame;
  }

  /** The cause chain the summary left out of anomaly `index` (`chainOmitted`). */
  async chain(runId: number, index: number, setAside = false): Promise<ChainEntry[]> {
    const r = await this.send(
      setAside ? { type: 'chain', runId, index, setAside } : { type: 'chain', runId, index },
      runId,
    );
    if (r.type !== 'chain') throw new SimError('protocol', `expected chain, got ${r.type}`);
    return r.chain;
  }

  /** Whether a run is computing (its `load` is pending). */
  get computing(): boolean {
    return this.loadId !== null;
  }

  /**
   * Stops the computing run. The worker stops between two slices and the run's `load` resolves
   * with what it got (`stopped: { reason: 'cancelled' }`); a worker that has not answered within
   * the grace period is stuck, and is terminated and replaced (the `load` then rejects with
   * `cancelled`). Resolves within the grace period plus a task, whatever the worker does.
   */
  cancel(runId: number): Promise<CancelOutcome> {
    return new Promise<CancelOutcome>((resolve) => {
      let settled = false;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        this.replace(new SimError('cancelled', 'the run was cancelled'));
        resolve('replaced');
      }, this.timings.cancelGraceMs);
      this.send({ type: 'cancel', runId }, null).then(
        (r) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (r.type === 'cancelled' && r.stopped && runId === this.currentRunId)
            this.listener.stopped?.(runId, r.stopped);
          resolve('stopped');
        },
        () => {
          // Rejected because the worker was replaced or crashed meanwhile: nothing is running.
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve('replaced');
        },
      );
    });
  }

  /** Test hook: makes the worker loop forever (a hung step). */
  hangEngine(): void {
    this.send({ type: 'hang-engine' }, null).catch(() => undefined);
  }

  /** Test hook: makes the engine throw inside the worker. */
  async crashEngine(): Promise<void> {
    await this.send({ type: 'crash-engine' }, null);
  }

  /** Replaces the worker (after a crash), rejecting anything still pending on the old one. */
  restart(): void {
    this.replace(new SimError('worker-crashed', 'the simulation worker was restarted'));
  }

  dispose(): void {
    if (this.watchdog !== null) clearInterval(this.watchdog);
    this.watchdog = null;
    this.failAll(new SimError('worker-crashed', 'the simulation client was closed'));
    this.worker.terminate();
  }
}
