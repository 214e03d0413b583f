/**
 * A small typed hook for e2e tests and the UI benchmark (`window.__brokerlab`). It reads state and
 * triggers what a person cannot do by clicking (make the engine throw, measure frames); every
 * journey the tests check is still driven through the UI itself.
 */
import type { AppStore, ScenarioDoc } from '../store';
import type { BudgetLimits, FrameCounters } from '../worker/protocol';
import type { Controller } from './controller';

export interface TestHook {
  state(): {
    runState: string;
    phase: string;
    tUs: number;
    frameAtUs: number | null;
    live: boolean;
    counters: FrameCounters | null;
    traceHash: string | null;
    doc: ScenarioDoc;
    flights: number;
    aggregated: number;
    /** The ids of the nodes in the current frame (what the cluster view must draw). */
    frameNodes: string[];
    /** The current run, and the run the current frame belongs to (equal once it has a frame). */
    runId: number;
    frameRunId: number | null;
  };
  crashEngine(): void;
  /** Makes the worker hang inside one step (as a catastrophic regular expression would). */
  hangEngine(): void;
  /** Tightens the run budgets of the next runs (a tiny event budget reaches the limit fast). */
  setLimits(l: Partial<BudgetLimits> | undefined): void;
  /** Presses Cancel's logic and resolves with how it ended and how long it took (wall ms). */
  cancelTimed(): Promise<{ outcome: string | null; ms: number }>;
  /** What the autosave holds for the next start. */
  autosave(): { good: string | null; pending: string | null };
  loadDoc(doc: ScenarioDoc): void;
  setSpeed(s: number): void;
  /** Starts or stops recording frame intervals and worker bytes; returns what was recorded. */
  measure(on: boolean): { frameMs: number[]; bytes: number };
  seekAndWait(us: number): Promise<number>;
  play(): void;
  setMaxFlights(n: number | undefined): void;
  firstFrameMs(): number | null;
  heapBytes(): number | null;
}

declare global {
  interface Window {
    __brokerlab?: TestHook;
  }
}

export function installTestHook(store: AppStore, controller: Controller): void {
  // Budgets set before the page starts (Playwright's addInitScript), so even the first run, a
  // share link opened at start, computes under them.
  const early = (window as { __brokerlabLimits?: Partial<BudgetLimits> }).__brokerlabLimits;
  if (early) controller.limits = early;
  window.__brokerlab = {
    state: () => {
      const s = store.getState();
      return {
        runState: controller.state,
        phase: s.phase,
        tUs: s.tUs,
        frameAtUs: s.frame?.atUs ?? null,
        live: s.frame?.live ?? false,
        counters: s.frame?.counters ?? null,
        traceHash: s.summary?.traceHash ?? null,
        doc: s.doc,
        flights: s.frame?.flights.length ?? 0,
        aggregated: Object.values(s.frame?.aggregated ?? {}).reduce((a, b) => a + b, 0),
        frameNodes: s.frame?.nodes.map((n) => n.id) ?? [],
        runId: s.runId,
        frameRunId: s.frame?.runId ?? null,
      };
    },
    crashEngine: () => controller.crashEngine(),
    hangEngine: () => controller.hangEngine(),
    setLimits: (l) => {
      controller.limits = l;
    },
    cancelTimed: async () => {
      const t0 = performance.now();
      const outcome = await controller.cancel();
      return { outcome, ms: performance.now() - t0 };
    },
    autosave: () => {
      const a = store.getState().autosave;
      const name = (d: ScenarioDoc | null) =>
        d === null ? null : typeof d['name'] === 'string' ? d['name'] : '?';
      return { good: name(a.good), pending: name(a.pending) };
    },
    loadDoc: (doc) => controller.loadDoc(doc, { dirty: true }),
    setSpeed: (x) => store.getState().setSpeed(x),
    measure: (on) => {
      const out = { frameMs: [...controller.frameTimes], bytes: controller.client.bytesIn };
      controller.frameTimes.length = 0;
      controller.client.bytesIn = 0;
      controller.recordFrameTimes = on;
      controller.client.measure = on;
      return out;
    },
    play: () => controller.play(),
    setMaxFlights: (n) => {
      controller.maxFlights = n;
    },
    firstFrameMs: () => controller.firstFrameMs,
    heapBytes: () =>
      (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory
        ?.usedJSHeapSize ?? null,
    seekAndWait: (us) =>
      new Promise((resolve) => {
        const t0 = performance.now();
        const unsub = store.subscribe((s) => {
          if (
            s.frame &&
            !s.frame.live &&
            s.frame.atUs <= us &&
            us - s.frame.atUs < (s.meta?.frameUs ?? 1e9)
          ) {
            unsub();
            resolve(performance.now() - t0);
          }
        });
        controller.seek(us);
      }),
  };
}
