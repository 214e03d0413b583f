/**
 * One column's run: its own worker (a `SimClient`), loaded with the column's scenario, asked for
 * the counters at the shared clock's moment. Frame requests are latest-wins: while one is in
 * flight only the newest wanted moment is kept, so a fast-moving clock never queues requests.
 */
import type { Scenario } from '../../scenario/schema';
import { SimClient, SimError } from '../../worker/client';
import type { BudgetLimits, FrameCounters, RunSummary } from '../../worker/protocol';

export interface ColumnView {
  phase: 'computing' | 'ready' | 'error';
  summary: RunSummary | null;
  counters: FrameCounters | null;
  /** The moment the counters are for, virtual µs. */
  atUs: number | null;
  error: string | null;
}

const INITIAL: ColumnView = {
  phase: 'computing',
  summary: null,
  counters: null,
  atUs: null,
  error: null,
};

export class ColumnRunner {
  private readonly client: SimClient;
  private runId = 0;
  private inFlight = false;
  private wanted: number | null = null;
  view: ColumnView = INITIAL;
  onChange: () => void = () => undefined;

  constructor(limits?: Partial<BudgetLimits>) {
    this.client = new SimClient({
      progress: () => undefined,
      crashed: (e) => this.set({ phase: 'error', error: e.message }),
    });
    this.limits = limits;
  }

  private readonly limits: Partial<BudgetLimits> | undefined;

  private set(p: Partial<ColumnView>): void {
    this.view = { ...this.view, ...p };
    this.onChange();
  }

  /** Computes `s` (the previous run of this column becomes stale). */
  load(s: Scenario, atUs: number): void {
    const runId = ++this.runId;
    this.view = INITIAL;
    this.inFlight = false;
    this.set({});
    this.client.load(s, runId, undefined, this.limits).then(
      (summary) => {
        if (runId !== this.runId) return;
        this.set({ phase: 'ready', summary });
        this.frameAt(this.wanted ?? atUs);
      },
      (e: unknown) => {
        if (e instanceof SimError && e.kind === 'stale') return;
        if (runId === this.runId)
          this.set({ phase: 'error', error: e instanceof Error ? e.message : String(e) });
      },
    );
  }

  /** Asks for the counters at `tUs` (clamped to this run's end). */
  frameAt(tUs: number): void {
    this.wanted = tUs;
    const summary = this.view.summary;
    if (this.inFlight || this.view.phase !== 'ready' || !summary) return;
    const at = Math.max(0, Math.min(summary.simulatedUs, tUs));
    if (at === this.view.atUs) return;
    this.inFlight = true;
    const runId = this.runId;
    this.client.frame(runId, at, 0, 0).then(
      (f) => {
        this.inFlight = false;
        if (runId !== this.runId) return;
        this.set({ counters: f.counters, atUs: f.atUs });
        if (this.wanted !== null && this.wanted !== tUs) this.frameAt(this.wanted);
      },
      (e: unknown) => {
        this.inFlight = false;
        if (e instanceof SimError && e.kind === 'stale') return;
        this.set({ phase: 'error', error: e instanceof Error ? e.message : String(e) });
      },
    );
  }

  dispose(): void {
    this.runId++;
    this.client.dispose();
  }
}
