/**
 * The UI side of the worker protocol. Requests resolve with their reply or reject with a
 * `SimError`; nothing is left hanging: a worker `error` or `messageerror` rejects every pending
 * request, and `restart()` replaces a broken worker. Replies and progress events from a run that
 * is no longer current are dropped here (`SimError('stale')` for requests), so callers never see
 * a stale run's frame.
 */
import {
  PROTOCOL_VERSION,
  type Frame,
  type RunMeta,
  type RunSummary,
  type StepUnit,
  type WorkerErrorKind,
  type WorkerReply,
  type WorkerRequest,
  type WorkerResponse,
} from './protocol';

export class SimError extends Error {
  constructor(
    readonly kind: WorkerErrorKind | 'worker-crashed',
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
  progress(runId: number, computedUs: number, meta: RunMeta): void;
  /** The worker died (uncaught error or unreadable message); pending requests were rejected. */
  crashed(e: SimError): void;
}

export class SimClient {
  private worker: Worker;
  private nextId = 1;
  private currentRunId = 0;
  private readonly pending = new Map<number, Pending>();
  /** Bytes received from the worker (approximate, JSON length), for the benchmark. */
  bytesIn = 0;
  /** When set, replies are measured (costs a JSON.stringify per message). */
  measure = false;

  constructor(
    private readonly listener: ClientListener,
    private readonly factory: WorkerFactory = defaultWorkerFactory,
  ) {
    this.worker = this.spawn();
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
    if ('type' in r && r.type === 'progress') {
      if (r.runId === this.currentRunId) this.listener.progress(r.runId, r.computedUs, r.meta);
      return;
    }
    const p = this.pending.get(r.id);
    if (!p) return;
    this.pending.delete(r.id);
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
    for (const p of all) p.reject(e);
  }

  private send(req: RequestBody, runId: number | null): Promise<WorkerReply> {
    const id = this.nextId++;
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
  async load(scenario: unknown, runId: number, seed?: number): Promise<RunSummary> {
    this.currentRunId = runId;
    const r = await this.send(
      seed === undefined
        ? { type: 'load', runId, scenario }
        : { type: 'load', runId, scenario, seed },
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

  /** Test hook: makes the engine throw inside the worker. */
  async crashEngine(): Promise<void> {
    await this.send({ type: 'crash-engine' }, null);
  }

  /** Replaces the worker (after a crash), rejecting anything still pending on the old one. */
  restart(): void {
    this.failAll(new SimError('worker-crashed', 'the simulation worker was restarted'));
    this.worker.terminate();
    this.worker = this.spawn();
  }

  dispose(): void {
    this.failAll(new SimError('worker-crashed', 'the simulation client was closed'));
    this.worker.terminate();
  }
}
