/**
 * The UI side of the worker protocol. Requests resolve with their response or reject with a
 * `SimError`; nothing is left hanging: a worker `error` or `messageerror` rejects every pending
 * request, and `restart()` replaces a broken worker. Callers that start a new run simply ignore
 * answers to older requests (`isLatest`).
 */
import {
  PROTOCOL_VERSION,
  type RunSummary,
  type WorkerErrorKind,
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

type Pending = { resolve: (r: RunSummary) => void; reject: (e: SimError) => void };

export type WorkerFactory = () => Worker;

export const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('./sim.worker.ts', import.meta.url), {
    type: 'module',
    name: 'brokerlab-sim',
  });

export class SimClient {
  private worker: Worker;
  private nextId = 1;
  private latestId = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly factory: WorkerFactory = defaultWorkerFactory) {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const w = this.factory();
    w.onmessage = (ev: MessageEvent<WorkerResponse>) => this.onResponse(ev.data);
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      this.failAll(
        new SimError('worker-crashed', ev.message || 'the simulation worker stopped unexpectedly'),
      );
    };
    w.onmessageerror = () =>
      this.failAll(
        new SimError('protocol', 'a message from the simulation worker could not be read'),
      );
    return w;
  }

  private onResponse(r: WorkerResponse): void {
    const p = this.pending.get(r.id);
    if (!p) return;
    this.pending.delete(r.id);
    if (r.v !== PROTOCOL_VERSION) {
      p.reject(
        new SimError(
          'protocol',
          `worker speaks protocol ${String(r.v)}, page speaks ${PROTOCOL_VERSION}`,
        ),
      );
    } else if (r.ok) {
      p.resolve(r.summary);
    } else {
      p.reject(new SimError(r.error.kind, r.error.message));
    }
  }

  private failAll(e: SimError): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(e);
  }

  private send(req: RequestBody): { id: number; promise: Promise<RunSummary> } {
    const id = this.nextId++;
    this.latestId = id;
    const promise = new Promise<RunSummary>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.worker.postMessage({ ...req, v: PROTOCOL_VERSION, id });
      } catch (e) {
        this.pending.delete(id);
        reject(new SimError('protocol', e instanceof Error ? e.message : String(e)));
      }
    });
    return { id, promise };
  }

  simulate(scenario: unknown, seed?: number): { id: number; promise: Promise<RunSummary> } {
    return this.send(
      seed === undefined ? { type: 'simulate', scenario } : { type: 'simulate', scenario, seed },
    );
  }

  /** Test hook: makes the engine throw inside the worker. */
  crashEngine(): { id: number; promise: Promise<RunSummary> } {
    return this.send({ type: 'crash-engine' });
  }

  /** True when `id` is the most recent request: older answers belong to a stale run. */
  isLatest(id: number): boolean {
    return id === this.latestId;
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
