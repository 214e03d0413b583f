/**
 * The typed protocol between the UI thread and the simulation worker (version 4).
 *
 * Requests carry an id and get exactly one response with the same id (`ok: true` or `ok: false`).
 * The worker also posts unsolicited `progress` events while it computes a run. Everything that
 * belongs to a run carries its `runId`; the page drops anything from a run that is no longer
 * current. Bump PROTOCOL_VERSION when a message changes shape: a page and a worker from different
 * builds then refuse each other with a clear error instead of misreading each other.
 *
 * Frames: during the forward pass the worker records a compact ClusterView every `frameUs` of
 * virtual time (see `frameResolutionUs`), plus counters and the messages seen on the wire in that
 * interval. Seeking returns a recorded frame (no recomputation), so a seek shows exactly what the
 * straight run showed. Stepping rebuilds a live Run from (scenario, seed) by deterministic replay.
 */
import type { AnomalyKind, Fate, HeldCount } from '../engine/check/checker';
import type { CauseLink, JournalKind, MechanismId } from '../engine/check/history';
import type { RunStats } from '../engine/stats';
import type { BindingView, NodeView, StoreView } from '../engine/view';

export const PROTOCOL_VERSION = 4;

type Envelope = { v: typeof PROTOCOL_VERSION; id: number };

export type StepUnit = 'event' | 'hop';

/** The budgets a `load` may tighten (see `limits.ts`). */
export interface BudgetLimits {
  events: number;
  wallMs: number;
  bytes: number;
}

export type WorkerRequest = Envelope &
  (
    | {
        type: 'load';
        runId: number;
        scenario: unknown;
        seed?: number;
        /**
         * Tighter budgets than the worker's own (`limits.ts` APP_LIMITS), never looser: the
         * e2e tests set a tiny one to reach an over-budget stop in seconds.
         */
        limits?: Partial<BudgetLimits>;
      }
    | {
        type: 'frame';
        runId: number;
        atUs: number;
        /** Flights sent in this much virtual time before `atUs` are included, to be animated. */
        windowUs: number;
        /** Flights drawn one by one at most; more are aggregated per link. */
        maxFlights?: number;
      }
    | { type: 'step'; runId: number; fromUs: number; unit: StepUnit }
    /**
     * The cause chain of one anomaly (`index` into the summary's `anomalies`, or into `setAside`
     * when `setAside` is true) of the finished run, left out of the summary (`chainOmitted`).
     */
    | { type: 'chain'; runId: number; index: number; setAside?: boolean }
    /**
     * Stops the computing run as it stands (the frames so far stay seekable); its `load` resolves
     * with a summary marked `stopped: { reason: 'cancelled' }`. Answered with `cancelled`.
     */
    | { type: 'cancel'; runId: number }
    /** Makes the engine throw, so the UI's recovery path can be exercised end to end. */
    | { type: 'crash-engine' }
    /** Makes the worker loop forever, so the page's hang recovery can be exercised end to end. */
    | { type: 'hang-engine' }
  );

export interface ChainEntry {
  id: number;
  at: number;
  kind: JournalKind;
  node: string;
  msgs?: readonly number[];
  data?: Readonly<Record<string, string | number | boolean>>;
  /** The earlier entry that caused this one (`JournalEntry.cause`). */
  cause?: number;
  /** The mechanism this entry is an act of (`JournalEntry.mech`). */
  mech?: MechanismId;
  /** Typed links to the entries that made the mechanism act (`JournalEntry.links`). */
  links?: readonly CauseLink[];
}

export interface AnomalySummary {
  kind: AnomalyKind;
  group: string;
  msg: number;
  key: string | null;
  producer: string | null;
  reason: { en: string; zh: string };
  chain: ChainEntry[];
  /** The mechanisms that caused it (catalogue ids). */
  mechanisms: MechanismId[];
  /** Ids of chain entries that are there only for a related message (reordered: the one ahead). */
  relatedIds: number[];
  /** When the anomaly became visible: the time of the last entry of its chain. */
  at: number;
  /**
   * Set when `chain` was left out of the summary (long, or over the summary's budget): its
   * length. The page asks for it with a `chain` request when the anomaly is selected.
   */
  chainOmitted?: number;
  /** The time of the chain's first crash or drop, if any (where the page seeks on selection). */
  startAt?: number;
}

/** A message a broker policy set aside (dead-lettered, expired...), with its explanation. */
export interface SetAsideSummary {
  fate: Fate;
  group: string;
  msg: number;
  key: string | null;
  reason: { en: string; zh: string };
  chain: ChainEntry[];
  mechanisms: MechanismId[];
  /** As `AnomalySummary.chainOmitted`. */
  chainOmitted?: number;
}

/** Counters at one moment of the run; equal at equal times, whatever path led there. */
export interface FrameCounters {
  events: number;
  sent: number;
  acked: number;
  delivered: number;
  processed: number;
  journal: number;
  /** Anomalies whose chain has completed by this moment. */
  anomalies: Record<AnomalyKind, number>;
}

/** A message (or batch) on the wire, compact. */
export interface WireFlight {
  /** Stable identity across frames: sentAt, link, first message. */
  k: string;
  from: string;
  to: string;
  type: string;
  /** First message carried, for colour and highlighting; -1 when none. */
  msg: number;
  /** Messages carried. */
  n: number;
  msgs: readonly number[];
  key: string | null;
  ack: boolean;
  sentAt: number;
  arriveAt: number;
}

/** A message that disappeared: on a link (`a->b`) or inside a node. */
export interface DropMark {
  at: number;
  where: string;
  msgs: readonly number[];
  kind: 'net-drop' | 'drop' | 'truncate';
}

export interface Frame {
  runId: number;
  atUs: number;
  /** True for a state computed by a live replay (stepping), false for a recorded frame. */
  live: boolean;
  system: string;
  nodes: NodeView[];
  stores: StoreView[];
  cuts: { from: string; to: string }[];
  /** AMQP bindings (exchange -> queue label or exchange), when the system routes. */
  bindings?: BindingView[];
  flights: WireFlight[];
  /** Flights beyond what is drawn one by one, per directed link: `{ 'a->b': count }`. */
  aggregated: Record<string, number>;
  drops: DropMark[];
  counters: FrameCounters;
  /** Journal entries of the step that produced a live frame (empty otherwise). */
  stepped?: ChainEntry[];
}

/** A notable moment for the timeline's event list. */
export interface TimelineEvent {
  at: number;
  kind: JournalKind;
  node: string;
  data?: Readonly<Record<string, string | number | boolean>>;
}

export interface MetricPoint {
  /** Bucket start, virtual microseconds. */
  at: number;
  /** Messages processed per second in this bucket. */
  throughput: number;
  /** End-to-end latency (first send to first effect) of messages processed in this bucket, ms. */
  p50Ms: number | null;
  p99Ms: number | null;
  /** Sent and not yet processed (per group, summed), at the bucket end. */
  lag: number;
  /** Entries held in the brokers' stores at the bucket end. */
  backlog: number;
}

/**
 * Why a run stopped before its end: over the event, wall-clock or memory budget
 * (`limits.ts`), or cancelled by the user.
 */
export type StopReason = 'events' | 'wall' | 'memory' | 'cancelled';

export interface RunStop {
  reason: StopReason;
  /** Virtual time reached: frames up to here are recorded and seekable. */
  atUs: number;
  events: number;
  wallMs: number;
  /** Estimated bytes of the recording when it stopped. */
  bytes: number;
  /** The budget it went over, in its unit (events, wall ms, bytes); absent for a cancel. */
  limit?: number;
}

export interface RunSummary {
  runId: number;
  name: string;
  seed: number;
  simulatedUs: number;
  events: number;
  traceHash: string;
  messages: number;
  counts: Record<AnomalyKind, number>;
  groups: {
    group: string;
    counts: Record<AnomalyKind, number>;
    fates: Record<Fate, number>;
    /** Where the held messages are (see `GroupReport.held`). */
    held?: HeldCount[];
    /** Per producer, per consumer and harmful-duplicate tallies (`engine/check/tallies.ts`). */
    producers?: Record<string, Record<AnomalyKind, number>>;
    consumers?: Record<string, number>;
    duplicateEffects?: number;
  }[];
  anomalies: AnomalySummary[];
  /** Messages set aside by a broker policy (not anomalies), with their explanations. */
  setAside: SetAsideSummary[];
  /** Protecting mechanisms that acted in the run, most frequent first, with their titles. */
  protections: { mech: MechanismId; count: number; title: { en: string; zh: string } }[];
  timeline: TimelineEvent[];
  metrics: MetricPoint[];
  /** What the model measured beyond fates (`engine/stats.ts`), when the scenario measures any. */
  stats?: RunStats;
  /** Every directed link that carried traffic during the run, `a->b`. */
  links: string[];
  frameUs: number;
  frames: number;
  /** Wall time the worker spent on the forward pass. */
  wallMs: number;
  /**
   * Set when the run stopped before its end. Then `simulatedUs` is where it stopped, and the
   * checker did not run (a cut-off history would call every message still in flight lost), so
   * `counts`, `groups` and `anomalies` are empty.
   */
  stopped?: RunStop;
}

export interface RunMeta {
  runId: number;
  name: string;
  seed: number;
  durationUs: number;
  frameUs: number;
}

export type WorkerErrorKind = 'invalid-scenario' | 'engine' | 'protocol' | 'stale';

/**
 * A frame crosses as JSON text: the page parses a big cluster's frame (thousands of small
 * objects) several times faster than it deserializes the same objects from a structured clone,
 * and the worker pays for the stringify, off the UI thread. `frameJson` parses to a `Frame`.
 */
export type WorkerReply =
  | { type: 'loaded'; summary: RunSummary }
  | { type: 'frame'; frameJson: string }
  | { type: 'crashed' }
  | { type: 'chain'; index: number; chain: ChainEntry[] }
  /**
   * `stopped`: where the cancelled run stopped, as its summary will say (absent when the run was
   * already over or not current), so the page can show the stop before the summary arrives.
   */
  | { type: 'cancelled'; stopped?: RunStop };

export type WorkerResponse =
  | (Envelope & { ok: true } & WorkerReply)
  | (Envelope & { ok: false; error: { kind: WorkerErrorKind; message: string } })
  | {
      v: typeof PROTOCOL_VERSION;
      id: 0;
      type: 'progress';
      runId: number;
      computedUs: number;
      /** Present after the last event: how far the end-of-run check is, 0 to 1. */
      checked?: number;
      meta: RunMeta;
    }
  /** Sent while the worker replays for a step, so the page knows it is alive (not hung). */
  | { v: typeof PROTOCOL_VERSION; id: 0; type: 'alive' };

/**
 * Frame resolution: one recorded frame per 10 ms of virtual time, coarser for long runs so a run
 * keeps at most 3,000 frames (a 10-minute run: one frame per 200 ms). 10 ms is below what the eye
 * separates at 1x; the cap bounds the worker's memory (a few MB for the largest views).
 */
export function frameResolutionUs(durationUs: number): number {
  return Math.max(10_000, Math.ceil(durationUs / 3000));
}
