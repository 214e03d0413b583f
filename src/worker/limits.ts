/**
 * Resource limits of one run, in one place: what the worker and the CLI allow a run to take
 * before they stop it, and how the page notices a worker that no longer answers. The engine never
 * reads a clock; whoever drives it (the worker, the CLI) measures wall time and memory between
 * slices and asks `overBudget` whether to stop. The scenario validator refuses what is obviously
 * too big before any work starts; these limits catch what it cannot foresee (an event storm from
 * an interaction of settings, a run that is simply slow on this machine).
 *
 * Figures measured 2026-12-07 on the 2-core build machine (Node 20, recording on): the biggest
 * preset fires 30 k events; the UI benchmark's heavy Kafka scenario (9 brokers, 30 partitions x
 * RF 3, 20 consumers, 30 s) 0.87 M events in 11 s with about 0.9 GB of heap (its 3,000 recorded
 * frames are most of it); the 10-minute single-node run 0.41 M events. A recorded run costs about
 * 500 bytes per event (journal + history; README bench: 1.45 M events -> 723 MB).
 */
import { MAX_EVENTS } from '../scenario/budget';
import type { BudgetLimits, StopReason } from './protocol';

export interface RunLimits {
  /** Engine events a run may fire. */
  events: number;
  /** Wall-clock ms the forward pass may take. */
  wallMs: number;
  /** Estimated bytes the run's recording may hold (journal, history, frames). */
  bytes: number;
  /** Share of the JS heap limit (where the runtime reports it) at which a run stops. */
  heapShare: number;
}

/**
 * The browser's limits. Memory is what kills a tab, so memory is what stops a run: the recording's
 * exact size (`Recorder.byteSize()`, the columns) counted twice (the model's state and garbage
 * grow with it), plus the frames, plus what the checker will need (`runBytes`). 3 GB of that stays
 * below what a Chromium worker survives: its V8 heap is capped near 4 GB (pointer compression),
 * and the summary and the lazily materialized entries need the rest. Chromium reports no heap figures in a worker
 * (`browserHeap`), so this estimate is the guard there. The event budget is the validator's own
 * (`MAX_EVENTS`): a run that fires more than any accepted scenario may is stopped whatever its
 * size, so the two budgets cannot disagree. 60 s is as long as a person waits for a lab run to
 * compute (the heavy benchmark takes 11 s). 85 % of a reported heap limit leaves room for the
 * summary and the checker to finish.
 */
export const APP_LIMITS: RunLimits = {
  events: MAX_EVENTS,
  wallMs: 60_000,
  bytes: 3_000_000_000,
  heapShare: 0.85,
};

/**
 * The CLI's defaults (`--max-events`, `--max-wall-s` override the first two). A terminal user runs
 * longer workloads on purpose (the Kafka bench hour is 69 M events), so the event budget is the
 * validator's and the wall budget five times the browser's; the heap guard (Node reports its
 * heap) is what keeps Node from dying of out-of-memory (the largest scenarios drove it
 * past 4 GB before it was killed after 150 s).
 */
export const CLI_LIMITS: RunLimits = {
  events: MAX_EVENTS,
  wallMs: 300_000,
  bytes: Number.POSITIVE_INFINITY,
  heapShare: 0.8,
};

/**
 * Events fired between two looks at the clock and the budgets. At 100 k to 500 k events a second
 * (measured, recording on) 5,000 events take 10 to 50 ms, so a stop or a cancel waits at most
 * that long even when every event lands in one frame interval (an event storm at one instant).
 */
export const EVENTS_PER_CHECK = 5_000;

/**
 * A page-side Cancel first asks the worker to stop (it keeps the frames computed so far). A worker
 * that has not answered after this long is stuck inside one step (a catastrophic regular
 * expression, an endless loop): it is terminated and replaced, so Cancel answers within 200 ms.
 * A healthy worker answers within a slice (12 ms) plus the page's own delay; on the busy 2-core
 * machine a timer of 150 ms fired as late as 210 ms, hence 100.
 */
export const CANCEL_GRACE_MS = 100;

/**
 * Progress is posted at most this often (wall ms). Every post costs the page a store update and a
 * render; at one per 12 ms slice the page fell behind on a busy machine, and a Cancel's answer
 * waited in the queue behind them.
 */
export const PROGRESS_EVERY_MS = 50;

/**
 * A computing worker posts progress after every slice (about every 12 ms). Silence this long
 * while a request is pending means it is stuck: the page terminates and replaces it. The longest
 * silent step measured is the checker at the end of a long run (1.8 s for 1.45 M events; a run
 * at the 3 M event budget needs about 4 s), and a busy 2-core machine can stretch that threefold.
 */
export const HANG_MS = 20_000;

/**
 * When a new run is asked for while a request is unanswered and the worker has been silent this
 * long, the worker is replaced before the request is sent: choosing a preset then works at once
 * even while a hung step holds the worker. A healthy worker answers a frame in milliseconds and
 * posts progress every slice; only the checker at the end of a long run is silent longer, and
 * the new run supersedes that one anyway.
 */
export const STALL_MS = 1_000;

/** `base` tightened by `tighter` (a request can lower a budget, never raise it). */
export function tightened(base: RunLimits, tighter: Partial<BudgetLimits> | undefined): RunLimits {
  if (!tighter) return base;
  const lower = (a: number, b: unknown) =>
    typeof b === 'number' && Number.isFinite(b) && b >= 0 ? Math.min(a, b) : a;
  return {
    ...base,
    events: lower(base.events, tighter.events),
    wallMs: lower(base.wallMs, tighter.wallMs),
    bytes: lower(base.bytes, tighter.bytes),
  };
}

/** What a runner knows about a run's use of resources between two slices. */
export interface Usage {
  events: number;
  wallMs: number;
  /** Estimated bytes of the recording. */
  bytes: number;
  /** The runtime's heap figures, when it reports them (Chromium's `performance.memory`, Node). */
  heap?: { used: number; limit: number };
}

/** The first limit `u` is over, or null. Memory first: it is the one that kills the tab. */
export function overBudget(u: Usage, l: RunLimits): Exclude<StopReason, 'cancelled'> | null {
  if (u.bytes > l.bytes) return 'memory';
  if (u.heap && u.heap.limit > 0 && u.heap.used > u.heap.limit * l.heapShare) return 'memory';
  if (u.events > l.events) return 'events';
  if (u.wallMs > l.wallMs) return 'wall';
  return null;
}

/**
 * Estimated bytes of a run's recording: the recorder keeps columns (`kernel/journal.ts`), 28 to 38
 * bytes a row (a journal entry with its messages, data and links, or a history operation), measured
 * on the RabbitMQ and Kafka references (708 and 384 bytes a message); 60 a row leaves room for
 * chunk slack, interned tables and entries the UI materializes; plus what the frames hold.
 */
export function estimateBytes(journal: number, history: number, frameBytes: number): number {
  return (journal + history) * 60 + frameBytes;
}

/**
 * Bytes the checker takes per message, and per message and group (`dense.ts`, `checker.ts`: the
 * dense index, send/ack/last rows; per group the counts, first effect, fate, scope marks and
 * candidates; arrays grow by doubling). Measured with `npm run check-refs` (2026-12-07): the
 * check of the Kafka hour (7.2 M messages, 2 groups) added 901 MB of heap, 125 bytes a message.
 */
export const CHECK_BYTES_PER_MESSAGE = 64;
export const CHECK_BYTES_PER_MESSAGE_GROUP = 32;

/**
 * Heap a run holds per byte of its recording: measured with `npm run check-refs -- --quick`
 * (Node 20, 2026-12-07), the heap peaked at 2.2 times the recorded bytes for the RabbitMQ
 * reference (466 MB for 213 MB) and 1.9 times for the Kafka one (267 MB for 138 MB): the models'
 * own state and the garbage not yet collected grow with the run too.
 */
export const HEAP_PER_RECORDED_BYTE = 2;

/**
 * What a recorded run will need by the end of its check: its recording's exact bytes (the
 * recorder's `byteSize()`) times `HEAP_PER_RECORDED_BYTE`, the frames, and the checker's arrays
 * for the messages sent so far.
 */
export function runBytes(
  recordedBytes: number,
  frameBytes: number,
  messages: number,
  groups: number,
): number {
  return (
    recordedBytes * HEAP_PER_RECORDED_BYTE +
    frameBytes +
    messages * (CHECK_BYTES_PER_MESSAGE + groups * CHECK_BYTES_PER_MESSAGE_GROUP)
  );
}

/** The budget named by `reason`, in its unit (events, wall ms, bytes). */
export function limitOf(reason: Exclude<StopReason, 'cancelled'>, l: RunLimits): number {
  switch (reason) {
    case 'events':
      return l.events;
    case 'wall':
      return l.wallMs;
    case 'memory':
      return l.bytes;
    default: {
      const never: never = reason;
      throw new Error(`unknown budget ${String(never)}`);
    }
  }
}

/**
 * Reads Chromium's non-standard `performance.memory`, when the runtime has it. Chromium exposes it
 * on pages but not in workers (checked 2026-12-07 with Debian's Chromium 150: a page reports a 3.76 GB
 * heap limit, a worker has no `performance.memory`), so in the worker the recording estimate is
 * what guards memory; this stays for runtimes that do report it.
 */
export function browserHeap(): { used: number; limit: number } | undefined {
  const m = (
    globalThis.performance as
      (Performance & { memory?: { usedJSHeapSize: number; jsHeapSizeLimit: number } }) | undefined
  )?.memory;
  return m && m.jsHeapSizeLimit > 0
    ? { used: m.usedJSHeapSize, limit: m.jsHeapSizeLimit }
    : undefined;
}
