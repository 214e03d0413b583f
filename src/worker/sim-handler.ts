/**
 * The simulation worker's logic (the worker entry `sim.worker.ts` wires it to `self`; tests drive
 * it in Node with their own clock and scheduler). It validates a scenario, computes the run in bounded slices (so frame
 * and step requests are answered while it computes), records frames, and answers:
 * - `load`: resolves with the run's summary when the forward pass ends; `progress` events go out
 *   meanwhile. A newer `load` supersedes an older one, whose request is rejected as `stale`.
 * - `frame`: the recorded frame at a virtual time (or the latest computed one).
 * - `step`: one event or one message hop, on a live Run rebuilt by deterministic replay.
 * - `cancel`: stops the computing run where it stands; its `load` resolves with what it got.
 * Every request gets exactly one response; an engine exception becomes an `engine` error response.
 *
 * The worker owns the clock: between slices it checks the run against the budgets of `limits.ts`
 * (events, wall time, memory) and stops a run that is over one, keeping the frames recorded so far.
 * The end-of-run check runs in the same slices (`checkSteps`), so a cancel during it is answered
 * at the next slice boundary, and progress says how far the check is (`checked`).
 */
import { describeScenarioError, parseScenario } from '../scenario/load';
import {
  PROTOCOL_VERSION,
  type WorkerErrorKind,
  type WorkerReply,
  type WorkerRequest,
  type WorkerResponse,
} from './protocol';
import {
  APP_LIMITS,
  browserHeap,
  limitOf,
  overBudget,
  PROGRESS_EVERY_MS,
  tightened,
  type RunLimits,
} from './limits';
import { LiveRun, RunRecorder } from './recorder';

/** Wall-time budget of one computing slice; short enough that requests wait at most this long. */
export const SLICE_MS = 12;

/** What the handler needs from its host: a way to answer, a clock, and a way to go on later. */
export interface SimHost {
  post(r: WorkerResponse): void;
  /** Wall-clock ms (`performance.now` in the worker). */
  clock(): number;
  /** Runs `f` after the requests already queued (`setTimeout(f, 0)` in the worker). */
  later(f: () => void): void;
}

/** Returns the worker's message handler, answering through `host`. */
export function simHandler(host: SimHost): (req: WorkerRequest) => void {
  let current: {
    rec: RunRecorder;
    limits: RunLimits;
    loadId: number;
    seed: number | undefined;
    live: LiveRun | null;
  } | null = null;

  const clock = () => host.clock();
  /** When progress was last posted (worker clock ms); a new run's first slice always posts. */
  let lastProgressAt = Number.NEGATIVE_INFINITY;
  const yieldToEvents = () =>
    new Promise<void>((r) => {
      post({ v: PROTOCOL_VERSION, id: 0, type: 'alive' });
      host.later(r);
    });

  function post(r: WorkerResponse): void {
    host.post(r);
  }

  function ok(id: number, reply: WorkerReply): void {
    post({ v: PROTOCOL_VERSION, id, ok: true, ...reply });
  }

  function fail(id: number, kind: WorkerErrorKind, message: string): void {
    post({ v: PROTOCOL_VERSION, id, ok: false, error: { kind, message } });
  }

  function describe(e: unknown): string {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }

  function compute(rec: RunRecorder, loadId: number, limits: RunLimits): void {
    if (current?.rec !== rec) return;
    try {
      let done = rec.slice(SLICE_MS, clock);
      if (!done) {
        const heap = browserHeap();
        const over = overBudget(
          { ...rec.usage(), wallMs: rec.wallMs, ...(heap ? { heap } : {}) },
          limits,
        );
        if (over) {
          rec.halt(over, limitOf(over, limits));
          done = true;
        }
      }
      const now = clock();
      if (done || now - lastProgressAt >= PROGRESS_EVERY_MS) {
        lastProgressAt = now;
        progress(rec);
      }
      if (done) ok(loadId, { type: 'loaded', summary: rec.summary() });
      else host.later(() => compute(rec, loadId, limits));
    } catch (e) {
      current = null;
      fail(loadId, 'engine', describe(e));
    }
  }

  /**
   * Tells the page how far the run is. Before the first frame only a sign of life: the page asks
   * for a frame when it hears of a run, and a storm at time 0 can hold the first frame back.
   */
  function progress(rec: RunRecorder): void {
    if (rec.frames.length === 0) post({ v: PROTOCOL_VERSION, id: 0, type: 'alive' });
    else
      post({
        v: PROTOCOL_VERSION,
        id: 0,
        type: 'progress',
        runId: rec.runId,
        computedUs: rec.computedUs,
        ...(rec.checked === null ? {} : { checked: rec.checked }),
        meta: {
          runId: rec.runId,
          name: rec.scenario.name,
          seed: rec.run.seed,
          durationUs: rec.durationUs,
          frameUs: rec.frameUs,
        },
      });
  }

  function runOf(id: number, runId: number): RunRecorder | null {
    if (!current || current.rec.runId !== runId) {
      fail(id, 'stale', `run ${runId} is not the current run`);
      return null;
    }
    return current.rec;
  }

  async function handle(req: WorkerRequest): Promise<void> {
    const id = req.id;
    switch (req.type) {
      case 'load': {
        const parsed = parseScenario(req.scenario);
        if (!parsed.ok) {
          fail(id, 'invalid-scenario', describeScenarioError(parsed.error));
          return;
        }
        if (current && !current.rec.done)
          fail(current.loadId, 'stale', 'superseded by a newer run');
        const rec = new RunRecorder(parsed.value, req.runId, req.seed);
        const limits = tightened(APP_LIMITS, req.limits);
        current = { rec, limits, loadId: id, seed: req.seed, live: null };
        lastProgressAt = Number.NEGATIVE_INFINITY;
        compute(rec, id, limits);
        return;
      }
      case 'frame': {
        const rec = runOf(id, req.runId);
        if (rec)
          ok(id, {
            type: 'frame',
            frameJson: JSON.stringify(rec.frameAt(req.atUs, req.windowUs, req.maxFlights)),
          });
        return;
      }
      case 'step': {
        const rec = runOf(id, req.runId);
        if (!rec || !current) return;
        const cur = current;
        cur.live ??= new LiveRun(rec, cur.seed);
        const live = cur.live;
        // Continue the live run when the user steps on from where it is; otherwise replay.
        if (live.nowUs !== req.fromUs) await live.seek(req.fromUs, SLICE_MS, clock, yieldToEvents);
        if (current !== cur) {
          fail(id, 'stale', 'superseded by a newer run');
          return;
        }
        ok(id, { type: 'frame', frameJson: JSON.stringify(live.step(req.unit)) });
        return;
      }
      case 'chain': {
        const rec = runOf(id, req.runId);
        if (!rec) return;
        const chain = rec.chainOf(req.index, req.setAside === true);
        if (chain) ok(id, { type: 'chain', index: req.index, chain });
        else fail(id, 'stale', `run ${req.runId} has no anomaly ${req.index}`);
        return;
      }
      case 'cancel': {
        // The run's own `load` is answered by `compute`, which sees the halt on its next slice.
        // The reply says where it stopped at once: the summary that follows may take a while to
        // build and cross (a long timeline), and the page shows the stop from this.
        if (current?.rec.runId === req.runId) {
          current.rec.halt('cancelled');
          const stopped = current.rec.stopped;
          ok(
            id,
            stopped?.reason === 'cancelled'
              ? { type: 'cancelled', stopped }
              : { type: 'cancelled' },
          );
        } else ok(id, { type: 'cancelled' });
        return;
      }
      case 'crash-engine':
        throw new Error('engine failure requested for testing (crash-engine)');
      case 'hang-engine':
        // A stuck step, as a catastrophic regular expression would make one: nothing is answered.
        for (;;) {
          /* spin */
        }
      default: {
        const never: never = req;
        fail(id, 'protocol', `unknown request ${JSON.stringify(never)}`);
      }
    }
  }

  return (req: WorkerRequest) => {
    const id = typeof req?.id === 'number' ? req.id : -1;
    if (req?.v !== PROTOCOL_VERSION) {
      fail(
        id,
        'protocol',
        `protocol version ${String(req?.v)} does not match the worker's ${PROTOCOL_VERSION}`,
      );
      return;
    }
    handle(req).catch((e: unknown) => {
      current = null;
      fail(id, 'engine', describe(e));
    });
  };
}
