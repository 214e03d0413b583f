/**
 * The controller: owns the worker client and the run-control and fault-mode actors, and turns
 * user intent (play, step, seek, inject a fault, open a link) into worker requests and store
 * updates. Components call it; it never reaches into components.
 */
import { createActor, type Actor } from 'xstate';
import type { Fault } from '../scenario/schema';
import { faultModeMachine } from '../flows/faultMode';
import { runControlMachine, type RunControlState } from '../flows/runControl';
import type { AppStore, ScenarioDoc } from '../store';
import { STRINGS, type Lang } from '../i18n/strings';
import { SimClient, SimError, type CancelOutcome, type ClientTimings } from '../worker/client';
import type { WorkerFactory } from '../worker/client';
import type { BudgetLimits, Frame, StepUnit } from '../worker/protocol';

/** How long (wall time) a message takes to cross a link on screen, whatever the speed. */
const TRAVEL_WALL_US = 450_000;
/**
 * While playing, a new frame is fetched at most this often (wall ms). Messages still move every
 * animation frame (they are interpolated from the frame's flights); stores and marks update at
 * 20 Hz, which the eye reads as continuous and which keeps worker-to-UI traffic bounded.
 */
const PLAY_FRAME_INTERVAL_MS = 50;
/**
 * A big cluster's frame costs the main thread in proportion to what it carries (log entries and
 * flights to clone, compare and paint). Past this many the refresh slows down proportionally (to
 * 5 Hz at the most), so playback keeps its frame rate; moving messages stay interpolated every
 * display frame from the last frame's flights.
 */
const ITEMS_AT_FULL_RATE = 600;
const SLOWEST_FRAME_INTERVAL_MS = 200;

/** Wall ms between frame fetches while playing, by the size of the last frame. */
export function playFrameInterval(f: Pick<Frame, 'stores' | 'flights'>): number {
  let items = f.flights.length;
  for (const st of f.stores) items += st.entries.length;
  return Math.min(
    SLOWEST_FRAME_INTERVAL_MS,
    Math.max(PLAY_FRAME_INTERVAL_MS, (PLAY_FRAME_INTERVAL_MS * items) / ITEMS_AT_FULL_RATE),
  );
}

export class Controller {
  readonly client: SimClient;
  readonly run: Actor<typeof runControlMachine>;
  readonly faultMode: Actor<typeof faultModeMachine>;
  private raf = 0;
  private lastWall = 0;
  private lastFetchWall = 0;
  private frameInFlight = false;
  private playFrameIntervalMs = PLAY_FRAME_INTERVAL_MS;
  /** The clock time a pause asked a frame for; the clock moves onto that frame's time. */
  private snapClockTo: number | null = null;
  private frameWanted: number | null = null;
  private listeners = new Set<(t: number) => void>();
  /** Frame-time statistics for the benchmark (wall ms between animation frames). */
  readonly frameTimes: number[] = [];
  recordFrameTimes = false;
  /** Flights drawn one by one; beyond this they are aggregated (the benchmark raises it). */
  maxFlights: number | undefined = undefined;
  /** Tighter run budgets for this page's runs (the e2e tests set a tiny one). */
  limits: Partial<BudgetLimits> | undefined = undefined;
  /** Wall time from navigation start to the first cluster frame on screen. */
  firstFrameMs: number | null = null;

  constructor(
    readonly store: AppStore,
    timings: Partial<ClientTimings> = {},
    factory?: WorkerFactory,
  ) {
    this.client = new SimClient(
      {
        progress: (runId, computedUs, meta, checked) => {
          const first =
            this.store.getState().meta === null || this.store.getState().meta?.runId !== runId;
          this.store.getState().setProgress(runId, computedUs, meta, checked);
          if (first) this.requestFrame(this.store.getState().tUs);
        },
        crashed: (e) => this.fail(e),
        stopped: (runId, stop) => this.store.getState().setCancelStop(runId, stop),
      },
      factory,
      timings,
    );
    // A selected anomaly whose chain the summary left out (a long one) has it fetched now; every
    // view that explains it (list, cluster, timeline) reads it from the summary once it is in.
    this.store.subscribe((s, prev) => {
      if (s.anomaly !== prev.anomaly || s.summary !== prev.summary) this.fetchChain();
    });
    this.run = createActor(runControlMachine).start();
    this.faultMode = createActor(faultModeMachine).start();
    // A two-node fault is complete once its second node is picked: add it at the current moment.
    this.faultMode.subscribe((snap) => {
      if (snap.value !== 'complete') return;
      const { kind, first, second } = snap.context;
      const atMs = Math.round(this.store.getState().tUs / 1000);
      this.faultMode.send({ type: 'DONE' });
      if (!kind || !first || !second) return;
      switch (kind) {
        case 'cut-both':
          this.addFault({ atMs, type: 'partition', a: first, b: second, oneWay: false });
          break;
        case 'cut-one-way':
          this.addFault({ atMs, type: 'partition', a: first, b: second, oneWay: true });
          break;
        case 'lose-ack':
          // The acknowledgement travels from the broker back to the producer.
          this.addFault({
            atMs,
            type: 'drop-next',
            from: second,
            to: first,
            match: 'ack',
            count: 1,
          });
          break;
        case 'split':
          this.addFault({ atMs, type: 'split', sides: [[first], [second]] });
          break;
        default: {
          const never: never = kind;
          throw new Error(`unknown fault kind ${String(never)}`);
        }
      }
    });
  }

  get state(): RunControlState {
    return this.run.getSnapshot().value;
  }

  /** Called every animation frame with the continuous time, for smooth motion. */
  onTick(fn: (tUs: number) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  travelUs(): number {
    const s = this.store.getState();
    const frameUs = s.meta?.frameUs ?? 10_000;
    return Math.max(frameUs, Math.min(60 * frameUs, TRAVEL_WALL_US * s.speed));
  }

  private fail(e: unknown): void {
    const err = e instanceof SimError ? e : new SimError('engine', String(e));
    if (err.kind === 'stale') return;
    if (err.kind === 'cancelled') {
      // The worker was stuck and replaced: the run and its frames are gone, nothing to show.
      this.store.setState({ phase: 'idle', meta: null, frame: null, computedUs: 0 });
      this.store.getState().setNotice({ tone: 'info', text: STRINGS[this.lang].cancelledStuck });
      this.run.send({ type: 'RESET' });
      this.stopLoop();
      return;
    }
    this.store.getState().setRunError({ kind: err.kind, message: err.message });
    this.run.send({ type: 'FAIL' });
    this.stopLoop();
  }

  /** Starts a run of the current scenario (from the start); keeps the time cursor if asked. */
  rerun(keepTime = false): void {
    const s = this.store.getState();
    if (s.issues.length > 0 || s.docError) return;
    const runId = s.startRun();
    const t = keepTime ? s.tUs : 0;
    const doc = s.doc;
    this.store.setState({ meta: null, tUs: t });
    this.run.send({ type: 'RESET' });
    this.run.send({ type: 'LOADED' });
    this.stopLoop();
    // Saved as pending before the worker sees it: if this run kills the tab or hangs the worker,
    // the next start reopens the last good scenario instead of this one.
    s.noteRun({ type: 'RUN_STARTED', doc });
    this.client.load(doc, runId, undefined, this.limits).then(
      (summary) => {
        const st = this.store.getState();
        st.noteRun({ type: summary.stopped ? 'RUN_ABORTED' : 'RUN_FINISHED', doc });
        st.setSummary(summary);
        if (summary.stopped && st.runId === runId && st.tUs > summary.simulatedUs)
          st.setT(summary.simulatedUs);
        this.requestFrame(this.store.getState().tUs);
      },
      (e: unknown) => {
        this.store.getState().noteRun({ type: 'RUN_ABORTED', doc });
        this.fail(e);
      },
    );
  }

  private get lang(): Lang {
    return this.store.getState().lang;
  }

  /**
   * Stops the computing run. The worker keeps what it computed (the summary says `cancelled`);
   * a stuck worker is replaced. Resolves with how it ended, within CANCEL_GRACE_MS.
   */
  cancel(): Promise<CancelOutcome | null> {
    const s = this.store.getState();
    if (s.phase !== 'computing') return Promise.resolve(null);
    return this.client.cancel(s.runId);
  }

  /** Chains being fetched, by `runId:index`, so a selection asks once. */
  private readonly chainsWanted = new Set<string>();

  private fetchChain(): void {
    const s = this.store.getState();
    const index = s.anomaly;
    const a = index === null ? undefined : s.summary?.anomalies[index];
    if (index === null || !a || a.chainOmitted === undefined) return;
    const runId = s.runId;
    const key = `${runId}:${index}`;
    if (this.chainsWanted.has(key)) return;
    this.chainsWanted.add(key);
    this.client.chain(runId, index).then(
      (chain) => {
        this.chainsWanted.delete(key);
        this.store.getState().setAnomalyChain(runId, index, chain);
      },
      (e: unknown) => {
        this.chainsWanted.delete(key);
        this.fail(e);
      },
    );
  }

  /** Opens the scenario a crashed or hung session left unfinished (the recovery notice). */
  retryRecovered(): void {
    const doc = this.store.getState().recovered;
    if (!doc) return;
    this.store.getState().setRecovered(null);
    this.loadDoc(doc, { dirty: true });
  }

  /** Replaces the scenario (preset, link, file, editor) and reruns it. */
  loadDoc(doc: ScenarioDoc, opts: { dirty: boolean; keepTime?: boolean }): void {
    this.store.getState().setDoc(doc, { dirty: opts.dirty });
    this.store.getState().select(null);
    this.rerun(opts.keepTime ?? false);
  }

  requestFrame(tUs: number): void {
    this.frameWanted = tUs;
    if (this.frameInFlight) return;
    const s = this.store.getState();
    if (s.meta === null && s.summary === null) return;
    this.frameInFlight = true;
    const want = tUs;
    this.frameWanted = null;
    this.client.frame(s.runId, want, this.travelUs(), this.maxFlights).then(
      (f) => {
        this.frameInFlight = false;
        this.playFrameIntervalMs = playFrameInterval(f);
        this.store.getState().setFrame(f);
        this.firstFrameMs ??= performance.now();
        if (this.snapClockTo === want) {
          this.snapClockTo = null;
          if (this.state === 'paused' && this.store.getState().tUs === want) {
            this.store.getState().setT(f.atUs);
            for (const l of this.listeners) l(f.atUs);
          }
        }
        if (this.frameWanted !== null && this.frameWanted !== want)
          this.requestFrame(this.frameWanted);
        if (this.state === 'seeking') {
          this.run.send({ type: 'SEEK_DONE' });
          const st = this.store.getState();
          if (st.summary && st.tUs >= this.endUs()) this.run.send({ type: 'END' });
        }
      },
      (e: unknown) => {
        this.frameInFlight = false;
        this.fail(e);
      },
    );
  }

  private endUs(): number {
    const s = this.store.getState();
    // A run stopped early ends where it stopped: nothing was recorded after that.
    if (s.summary?.stopped) return s.summary.simulatedUs;
    return s.meta?.durationUs ?? s.summary?.simulatedUs ?? 0;
  }

  play(): void {
    if (this.state === 'finished' || this.store.getState().tUs >= this.endUs()) {
      this.store.getState().setT(0);
    }
    this.run.send({ type: 'PLAY' });
    if (this.state === 'running') this.startLoop();
  }

  pause(): void {
    this.run.send({ type: 'PAUSE' });
    this.stopLoop();
    // While playing, frames are fetched only every playFrameIntervalMs, so the last picture is
    // up to that much older than the clock. Fetch the paused moment itself, and put the clock on
    // the recorded frame it gets (frames are frameUs apart), so what is drawn is what it says.
    const t = this.store.getState().tUs;
    this.snapClockTo = t;
    this.requestFrame(t);
  }

  toggle(): void {
    if (this.state === 'running') this.pause();
    else this.play();
  }

  private startLoop(): void {
    this.stopLoop();
    this.lastWall = performance.now();
    const tick = (now: number) => {
      const dt = now - this.lastWall;
      this.lastWall = now;
      if (this.recordFrameTimes) this.frameTimes.push(dt);
      const s = this.store.getState();
      if (this.state === 'running') {
        const limit = s.summary ? this.endUs() : s.computedUs;
        let t = s.tUs + dt * 1000 * s.speed;
        if (t >= this.endUs() && s.summary) {
          t = this.endUs();
          s.setT(t);
          this.requestFrame(t);
          this.run.send({ type: 'END' });
        } else {
          t = Math.min(t, limit);
          s.setT(t);
          if (now - this.lastFetchWall >= this.playFrameIntervalMs) {
            this.lastFetchWall = now;
            this.requestFrame(t);
          }
        }
      }
      for (const l of this.listeners) l(this.store.getState().tUs);
      if (this.state === 'running' || this.recordFrameTimes) this.raf = requestAnimationFrame(tick);
      else this.raf = 0;
    };
    this.raf = requestAnimationFrame(tick);
  }

  private stopLoop(): void {
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
  }

  seek(tUs: number): void {
    const end = this.endUs();
    const t = Math.max(0, Math.min(end > 0 ? end : tUs, Math.round(tUs)));
    this.stopLoop();
    this.run.send({ type: 'SEEK' });
    this.store.getState().setT(t);
    this.requestFrame(t);
    for (const l of this.listeners) l(t);
  }

  step(unit: StepUnit): Promise<Frame | null> {
    const s = this.store.getState();
    if (!s.summary && !s.meta) return Promise.resolve(null);
    this.stopLoop();
    this.run.send({ type: 'STEP' });
    const from = s.frame?.live ? s.frame.atUs : s.tUs;
    return this.client.step(s.runId, from, unit).then(
      (f) => {
        this.store.getState().setFrame(f);
        this.store.getState().setT(f.atUs);
        for (const l of this.listeners) l(f.atUs);
        this.run.send({ type: f.atUs >= this.endUs() ? 'END' : 'STEP_DONE' });
        return f;
      },
      (e: unknown) => {
        this.fail(e);
        return null;
      },
    );
  }

  /**
   * Shows a frame computed earlier in this run (presenter mode's step back): no worker request,
   * the picture is exactly what it was. A frame of another run is ignored.
   */
  showFrame(f: Frame): void {
    const s = this.store.getState();
    if (f.runId !== s.runId) return;
    this.stopLoop();
    this.run.send({ type: 'SEEK' });
    s.setFrame(f);
    s.setT(f.atUs);
    this.run.send({ type: 'SEEK_DONE' });
    for (const l of this.listeners) l(f.atUs);
  }

  /** Jumps to the end; the machine reaches `finished` once that frame is shown. */
  runToEnd(): void {
    this.seek(this.endUs());
  }

  /** Adds a fault to the schedule at the current moment and recomputes the run from the start. */
  addFault(fault: Fault): void {
    const s = this.store.getState();
    const faults = [...((s.doc['faults'] as Fault[] | undefined) ?? []), fault].sort(
      (a, b) => a.atMs - b.atMs,
    );
    this.loadDoc({ ...s.doc, faults }, { dirty: true, keepTime: true });
  }

  moveFault(index: number, atMs: number): void {
    const s = this.store.getState();
    const faults = [...((s.doc['faults'] as Fault[] | undefined) ?? [])];
    const f = faults[index];
    if (!f) return;
    faults[index] = { ...f, atMs };
    faults.sort((a, b) => a.atMs - b.atMs);
    this.loadDoc({ ...s.doc, faults }, { dirty: true, keepTime: true });
  }

  /** Replaces a fault (the fault editor: its time or its target changed). */
  replaceFault(index: number, fault: Fault): void {
    const s = this.store.getState();
    const faults = [...((s.doc['faults'] as Fault[] | undefined) ?? [])];
    if (!faults[index]) return;
    faults[index] = fault;
    faults.sort((a, b) => a.atMs - b.atMs);
    this.loadDoc({ ...s.doc, faults }, { dirty: true, keepTime: true });
  }

  deleteFault(index: number): void {
    const s = this.store.getState();
    const faults = ((s.doc['faults'] as Fault[] | undefined) ?? []).filter((_f, i) => i !== index);
    this.loadDoc({ ...s.doc, faults }, { dirty: true, keepTime: true });
  }

  /** After an engine error: a fresh worker, the same scenario, the same moment. */
  restartWorker(): void {
    this.client.restart();
    this.store.getState().setRunError(null);
    this.rerun(true);
  }

  /** Test hook: makes the worker hang in one step. */
  hangEngine(): void {
    this.client.hangEngine();
  }

  /** Test hook: makes the engine throw. */
  crashEngine(): void {
    this.client.crashEngine().catch((e: unknown) => this.fail(e));
  }

  dispose(): void {
    this.stopLoop();
    this.run.stop();
    this.faultMode.stop();
    this.client.dispose();
  }
}
