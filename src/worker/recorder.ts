/**
 * The forward pass of a run, as the worker performs it: advances a tracked Run in bounded slices,
 * records a compact frame every `frameUs`, and answers frame requests from the recording. It is
 * plain TypeScript (no worker globals), so unit tests drive it in Node.
 *
 * Why frames and not snapshots of the engine: the engine's state holds closures and cannot be
 * cloned. Seeking shows the recorded frame for that moment (exactly what the straight run showed);
 * stepping rebuilds a live Run from (scenario, seed) by deterministic replay (`LiveRun`).
 */
import {
  ANOMALY_KINDS,
  checkSteps,
  type AnomalyKind,
  type CheckProgress,
  type CheckReport,
} from '../engine/check/checker';
import type { JournalEntry, JournalKind, MsgId } from '../engine/check/history';
import { OP_COMMIT, OP_DELIVER, OP_EFFECT, OP_OUTCOME, OP_SEND } from '../engine/kernel/journal';
import { MECHANISMS } from '../engine/check/mechanisms';
import { groupTallies } from '../engine/check/tallies';
import { Run, type RunResult } from '../engine/run';
import { sameDetail, type ClusterView, type NodeView, type StoreView } from '../engine/view';
import type { Scenario } from '../scenario/schema';
import { EVENTS_PER_CHECK, runBytes } from './limits';
import {
  frameResolutionUs,
  type AnomalySummary,
  type ChainEntry,
  type DropMark,
  type Frame,
  type FrameCounters,
  type MetricPoint,
  type RunStop,
  type RunSummary,
  type SetAsideSummary,
  type StopReason,
  type TimelineEvent,
  type WireFlight,
} from './protocol';

/** Entries per store kept in a recorded frame (the inspector shows the newest ones). */
export const FRAME_ENTRIES = 32;
/** Flights drawn one by one; beyond this they are aggregated per link. */
export const FRAME_FLIGHTS = 600;
/** Flights kept one by one per recorded frame interval; the rest are counted per link. */
export const RECORD_FLIGHTS = 400;
/**
 * Above this many flights in a frame, requests that carry no message (fetches, heartbeats) are
 * left out: they would hide the messages, and on a busy cluster they are most of the wire.
 */
export const BUSY_WIRE = 200;
/** Below this many messages on the wire, the wire is also sampled between frames. */
const SAMPLE_BELOW = 150;
/**
 * At most this many anomalies cross to the UI; counts stay exact. Without their chains (see
 * CHAIN_BUDGET) an anomaly costs about a kilobyte (its explanation in two languages), so the list
 * of a run with thousands is a few MB and the page can page through all of them.
 */
export const MAX_ANOMALIES = 10_000;
/**
 * Cause-chain entries sent with the summary, over all anomalies and set-aside messages (about
 * 150 bytes each). Past it, and for any chain longer than CHAIN_INLINE_MAX, the chain stays in the
 * worker and the page asks for it when the anomaly is selected (`chain` request). Why: a Kafka
 * replication run (kafka-e4-replication) has 1,204 anomalies with chains of about 2,400 entries;
 * sending them all was 194 MB of summary, whose structured clone froze the page for seconds.
 */
export const CHAIN_BUDGET = 20_000;
export const CHAIN_INLINE_MAX = 400;
/** Journal kinds that start an anomaly's story: the page shows the moment before the first. */
const STARTS: ReadonlySet<JournalKind> = new Set(['crash', 'power-loss', 'net-drop', 'drop']);
/** At most this many notable events for the timeline. */
export const MAX_TIMELINE = 3000;

const NOTABLE = new Set<string>([
  'crash',
  'power-loss',
  'restart',
  'recover',
  'pause',
  'resume',
  'partition',
  'heal',
  'leader-elected',
  'truncate',
  'isr-shrink',
  'isr-expand',
  'rebalance',
  'fault-armed',
  'promote',
  'fence',
]);

/**
 * A store with its entries packed into parallel arrays: a 10-minute run of a 90-replica cluster
 * keeps thousands of frames, and plain entry objects would cost the worker hundreds of MB.
 */
interface PackedStore {
  base: Omit<StoreView, 'entries'>;
  msg: number[];
  key: (string | null)[];
  /** Bits: 1 committed known, 2 committed, 4 flushed known, 8 flushed, 16 ready, 32 unacked. */
  flags: number[];
  offset: (number | null)[];
}

function pack(s: StoreView, cap: number): PackedStore {
  const { entries, ...base } = s;
  const list = entries.length <= cap ? entries : entries.slice(-cap);
  const p: PackedStore = { base, msg: [], key: [], flags: [], offset: [] };
  for (const e of list) {
    p.msg.push(e.msg);
    p.key.push(e.key);
    p.flags.push(
      (e.committed === undefined ? 0 : e.committed ? 3 : 1) |
        (e.flushed === undefined ? 0 : e.flushed ? 12 : 4) |
        (e.state === 'ready' ? 16 : e.state === 'unacked' ? 32 : 0),
    );
    p.offset.push(e.offset ?? null);
  }
  return p;
}

function unpack(p: PackedStore): StoreView {
  const entries: StoreView['entries'] = p.msg.map((msg, i) => {
    const f = p.flags[i] ?? 0;
    const e: StoreView['entries'][number] = { msg, key: p.key[i] ?? null };
    if (f & 1) e.committed = (f & 2) !== 0;
    if (f & 4) e.flushed = (f & 8) !== 0;
    if (f & 16) e.state = 'ready';
    if (f & 32) e.state = 'unacked';
    const o = p.offset[i];
    if (o !== null && o !== undefined) e.offset = o;
    return e;
  });
  return { ...p.base, entries };
}

interface Recorded {
  atUs: number;
  view: Pick<ClusterView, 'nodes' | 'cuts' | 'bindings'> & { stores: PackedStore[] };
  /** Flights seen on the wire during (previous frame, this frame], at most RECORD_FLIGHTS. */
  flights: WireFlight[];
  /** Flights beyond RECORD_FLIGHTS in this interval, counted per link. */
  overflow: Record<string, number>;
  drops: DropMark[];
  counters: Omit<FrameCounters, 'anomalies'>;
}

function zeroKinds(): Record<AnomalyKind, number> {
  const r = {} as Record<AnomalyKind, number>;
  for (const k of ANOMALY_KINDS) r[k] = 0;
  return r;
}

/** Entries kept per store: fewer when there are many stores, so a frame stays small. */
function entryCap(stores: number): number {
  return Math.max(6, Math.min(FRAME_ENTRIES, Math.floor(720 / Math.max(1, stores))));
}

function trimStore(s: StoreView, cap = FRAME_ENTRIES): StoreView {
  return s.entries.length <= cap ? s : { ...s, entries: s.entries.slice(-cap) };
}

export function chainEntry(e: JournalEntry): ChainEntry {
  return {
    id: e.id,
    at: e.at,
    kind: e.kind,
    node: e.node,
    ...(e.msgs ? { msgs: [...e.msgs] } : {}),
    ...(e.data ? { data: { ...e.data } } : {}),
    ...(e.cause !== undefined ? { cause: e.cause } : {}),
    ...(e.mech !== undefined ? { mech: e.mech } : {}),
    ...(e.links ? { links: e.links.map((l) => ({ role: l.role, id: l.id })) } : {}),
  };
}

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? null;
}

/** Incremental reader of history and journal: counters, message keys, drops, notable events. */
class Tally {
  hi = 0;
  ji = 0;
  readonly counters = { events: 0, sent: 0, acked: 0, delivered: 0, processed: 0, journal: 0 };
  readonly keys = new Map<MsgId, string | null>();
  readonly firstSend = new Map<MsgId, number>();
  readonly processedAt = new Map<MsgId, number>();
  readonly timeline: TimelineEvent[] = [];
  private readonly ackedMsgs = new Set<MsgId>();

  read(run: Run, drops: DropMark[]): void {
    // Reads the recorder's columns: only what the UI keeps (drops, notable events) is
    // materialized.
    const h = run.sim.rec.historyColumns;
    for (; this.hi < h.length; this.hi++) {
      const i = this.hi;
      const msg = h.msg(i);
      const type = h.typeCode(i);
      switch (type) {
        case OP_SEND:
          if (!this.keys.has(msg)) {
            this.keys.set(msg, h.key(i));
            this.firstSend.set(msg, h.at(i));
            this.counters.sent++;
          }
          break;
        case OP_OUTCOME: {
          const r = h.result(i);
          if ((r === 'ack' || r === 'sent') && !this.ackedMsgs.has(msg)) {
            this.ackedMsgs.add(msg);
            this.counters.acked++;
          }
          break;
        }
        case OP_DELIVER:
          this.counters.delivered++;
          break;
        case OP_EFFECT:
          this.counters.processed++;
          if (!this.processedAt.has(msg)) this.processedAt.set(msg, h.at(i));
          break;
        case OP_COMMIT:
          break;
        default:
          throw new Error(`unknown history op code ${type}`);
      }
    }
    const j = run.sim.rec.journalColumns;
    for (; this.ji < j.length; this.ji++) {
      const kind = j.kind(this.ji);
      const drop = kind === 'net-drop' || kind === 'drop' || kind === 'truncate';
      const notable = NOTABLE.has(kind) && this.timeline.length < MAX_TIMELINE;
      if (!drop && !notable) continue;
      const e = j.get(this.ji);
      const k = e.kind;
      if (k === 'net-drop' || k === 'drop' || k === 'truncate') {
        drops.push({ at: e.at, where: e.node, msgs: e.msgs ?? [], kind: k });
      }
      if (notable) {
        this.timeline.push({
          at: e.at,
          kind: e.kind,
          node: e.node,
          ...(e.data ? { data: { ...e.data } } : {}),
        });
      }
    }
    this.counters.journal = j.length;
    this.counters.events = run.sim.eventsFired;
  }
}

export class RunRecorder {
  readonly run: Run;
  readonly frameUs: number;
  readonly durationUs: number;
  readonly frames: Recorded[] = [];
  private readonly tally = new Tally();
  private readonly sampleUs: number;
  private seen = new Map<string, WireFlight>();
  /** Flights listed in the previous frame and still on the wire: not listed again. */
  private carried = new Map<string, WireFlight>();
  private pendingDrops: DropMark[] = [];
  private readonly links = new Set<string>();
  private cursorUs = 0;
  private result: RunResult | null = null;
  /**
   * After the last event: the run's record and the checker's steps over it, until the report is
   * in (`result`). The check runs in the same bounded slices as the engine, so a cancel or a
   * frame request waits at most one slice during it too.
   */
  private checking: {
    head: Omit<RunResult, 'report'>;
    steps: Generator<CheckProgress, CheckReport, void>;
    progress: CheckProgress | null;
  } | null = null;
  /** `at`: when the anomaly became visible; `first`: its first crash or drop, if any. */
  private anomalyTimes: { at: number; kind: AnomalyKind; first?: number }[] = [];
  /** Set when the pass stopped before the end (a budget, or a cancel). */
  private stop: RunStop | null = null;
  /** Where the wire is sampled next, between the last recorded frame and the next one. */
  private sampleAtUs = 0;
  /** Estimated bytes held by the recorded frames (see `frameCost`). */
  frameBytes = 0;
  wallMs = 0;

  constructor(
    readonly scenario: Scenario,
    readonly runId: number,
    seed?: number,
  ) {
    this.run = new Run(scenario, seed === undefined ? { track: true } : { track: true, seed });
    this.durationUs = this.run.endUs;
    this.frameUs = frameResolutionUs(this.durationUs);
    // Sampling the wire between frames catches messages whose flight is shorter than a frame.
    this.sampleUs = Math.max(250, Math.floor(this.frameUs / 40));
    // Frame 0 is recorded by the first slice, not here: the events at time 0 can be a storm too.
  }

  /** True when the pass is over: finished, or stopped early. */
  get done(): boolean {
    return this.result !== null || this.stop !== null;
  }

  get stopped(): RunStop | null {
    return this.stop;
  }

  /**
   * Engine events fired and the bytes the run will hold (recording, frames and the checker's
   * arrays, `runBytes`), for the budget checks.
   */
  usage(): { events: number; bytes: number } {
    return {
      events: this.run.sim.eventsFired,
      bytes: runBytes(
        this.run.sim.rec.byteSize(),
        this.frameBytes,
        this.tally.counters.sent,
        this.run.model.groups.length,
      ),
    };
  }

  /**
   * Ends the pass where it stands: the frames recorded so far stay seekable, the summary says
   * why and where it stopped. Does nothing once the pass is over.
   */
  halt(reason: StopReason, limit?: number): void {
    if (this.done) return;
    // What was computed since the last frame is recorded too, off the frame grid: a long run's
    // frames are far apart (28.8 s for a day), and a storm at time 0 can stop a run before its
    // first frame; either way the stopped run shows where it got to.
    if (this.frames.length === 0 || this.run.now > this.cursorUs) this.recordFrame(this.run.now);
    this.stop = {
      reason,
      atUs: this.computedUs,
      ...this.usage(),
      wallMs: this.wallMs,
      ...(limit === undefined ? {} : { limit }),
    };
  }

  /** Virtual time recorded so far. */
  get computedUs(): number {
    return this.frames.length === 0 ? 0 : (this.frames[this.frames.length - 1] as Recorded).atUs;
  }

  /**
   * Messages on the wire now. Models built on the kernel's Network expose it as `net`; reading it
   * directly avoids building the whole view between frames (a read-only duck-typed fast path).
   */
  private wire(): ClusterView['flights'] {
    const net = (this.run.model as { net?: { flights?: () => ClusterView['flights'] } }).net;
    return typeof net?.flights === 'function'
      ? net.flights()
      : this.run.model.clusterView().flights;
  }

  private sample(): void {
    const w = this.wire();
    this.lastWire = w.length;
    for (const f of w) this.noteFlight(f);
  }

  private noteFlight(f: ClusterView['flights'][number]): void {
    const first = f.msgs[0] ?? -1;
    const k = `${f.sentAt}|${f.from}|${f.to}|${f.type}|${first}`;
    if (this.seen.has(k) || this.carried.has(k) || this.overflowSeen.has(k)) return;
    const link = `${f.from}->${f.to}`;
    this.links.add(link);
    // Requests without messages are kept up to what a frame shows of them (BUSY_WIRE); messages
    // up to RECORD_FLIGHTS, and beyond that they are counted per link.
    if (f.msgs.length === 0) {
      if (this.seenEmpty > BUSY_WIRE) return;
      this.seenEmpty++;
    } else if (this.seen.size - this.seenEmpty >= RECORD_FLIGHTS) {
      this.overflowSeen.add(k);
      this.overflow[link] = (this.overflow[link] ?? 0) + f.msgs.length;
      return;
    }
    this.seen.set(k, {
      k,
      from: f.from,
      to: f.to,
      type: f.type,
      msg: first,
      n: f.msgs.length,
      msgs: f.msgs.length <= 4 ? [...f.msgs] : f.msgs.slice(0, 4),
      key: first >= 0 ? (this.tally.keys.get(first) ?? null) : null,
      ack: f.ack,
      sentAt: f.sentAt,
      arriveAt: f.arriveAt,
    });
  }

  private overflow: Record<string, number> = {};
  private overflowSeen = new Set<string>();
  /** Flights in `seen` that carry no message. */
  private seenEmpty = 0;
  private lastWire = 0;

  /**
   * A node as recorded: the previous frame's object when nothing changed, otherwise a new one
   * that reuses the previous frame's unchanged detail values. Thousands of frames of a big
   * cluster would otherwise each hold their own copy of every client's inspector texts.
   */
  private share(n: NodeView): NodeView {
    const prev = this.lastNodes.get(n.id);
    if (prev && prev.status === n.status && prev.role === n.role && prev.group === n.group) {
      let same = true;
      const detail: NodeView['detail'] = {};
      for (const [k, v] of Object.entries(n.detail)) {
        const old = prev.detail[k];
        if (old !== undefined && sameDetail(old, v)) detail[k] = old;
        else {
          detail[k] = v;
          same = false;
        }
      }
      if (same && Object.keys(prev.detail).length === Object.keys(n.detail).length) return prev;
      const next = { ...n, detail };
      this.lastNodes.set(n.id, next);
      return next;
    }
    this.lastNodes.set(n.id, n);
    return n;
  }

  private readonly lastNodes = new Map<string, NodeView>();

  /** Records the frame at `atUs`; the run has been advanced there (`advanceToward`). */
  private recordFrame(atUs: number): void {
    this.tally.read(this.run, this.pendingDrops);
    const v = this.run.model.clusterView();
    for (const f of v.flights) this.noteFlight(f);
    this.lastWire = v.flights.length;
    const cap = entryCap(v.stores.length);
    const flights = [...this.seen.values()];
    this.frameBytes += frameCost(flights.length, v.stores.length * cap, v.nodes.length);
    this.frames.push({
      atUs,
      view: {
        nodes: v.nodes.map((n) => this.share(n)),
        stores: v.stores.map((x) => pack(x, cap)),
        cuts: v.cuts,
        ...(v.bindings ? { bindings: v.bindings } : {}),
      },
      flights,
      overflow: this.overflow,
      drops: this.pendingDrops,
      counters: { ...this.tally.counters },
    });
    this.overflow = {};
    this.overflowSeen = new Set();
    // Keys of flights still on the wire carry over, so the next frame does not list them again.
    const still = new Map<string, WireFlight>();
    for (const f of v.flights) {
      const k = `${f.sentAt}|${f.from}|${f.to}|${f.type}|${f.msgs[0] ?? -1}`;
      const w = this.seen.get(k);
      if (w) still.set(k, w);
    }
    this.seen = new Map();
    this.seenEmpty = 0;
    this.carried = still;
    this.pendingDrops = [];
    this.cursorUs = atUs;
    this.sampleAtUs = atUs + this.sampleUs;
  }

  /**
   * Advances toward the next frame at `nextUs`, sampling the wire on the way, firing at most
   * EVENTS_PER_CHECK events. Returns true when `nextUs` is reached. Short flights between frames
   * are caught by sampling, unless the wire is busy enough already (then a frame's own flights
   * are plenty, and sampling would dominate the cost).
   */
  private advanceToward(nextUs: number): boolean {
    const start = this.run.sim.eventsFired;
    for (;;) {
      const left = EVENTS_PER_CHECK - (this.run.sim.eventsFired - start);
      if (left <= 0) return false;
      const sampling = this.sampleAtUs < nextUs && this.lastWire < SAMPLE_BELOW;
      const target = sampling ? this.sampleAtUs : nextUs;
      if (!this.run.advanceBounded(target, left)) return false;
      if (!sampling) return true;
      this.tally.read(this.run, this.pendingDrops);
      this.sample();
      this.sampleAtUs += this.sampleUs;
    }
  }

  /**
   * Computes frames until `budgetMs` of wall time has passed (measured by `clock`), so the worker
   * stays responsive. Returns true when the run is finished.
   */
  slice(budgetMs: number, clock: () => number): boolean {
    if (this.done) return true;
    const t0 = clock();
    while (clock() - t0 < budgetMs) {
      const first = this.frames.length === 0;
      if (!first && this.cursorUs >= this.durationUs) {
        if (!this.checking) {
          const head = this.run.end();
          this.checking = { head, steps: checkSteps(head.record), progress: null };
        }
        const r = this.checking.steps.next();
        if (!r.done) {
          this.checking.progress = r.value;
          continue;
        }
        this.finishPass({ ...this.checking.head, report: r.value });
        this.checking = null;
        this.wallMs += clock() - t0;
        return true;
      }
      const next = first ? 0 : Math.min(this.durationUs, this.cursorUs + this.frameUs);
      // An event storm inside one frame interval returns here every EVENTS_PER_CHECK events,
      // so the clock is read (and the slice ends) even when no frame gets recorded.
      if (this.advanceToward(next)) this.recordFrame(next);
    }
    this.wallMs += clock() - t0;
    return false;
  }

  /**
   * How far the end-of-run check is, 0 to 1; null before the last event (or once it is done).
   * Known work only grows, so the share is kept from moving back.
   */
  get checked(): number | null {
    const c = this.checking;
    if (!c) return null;
    const p = c.progress;
    const share = p && p.total > 0 ? Math.min(0.99, p.done / p.total) : 0;
    this.checkedShare = Math.max(this.checkedShare, share);
    return this.checkedShare;
  }

  private checkedShare = 0;

  private finishPass(result: RunResult): void {
    this.result = result;
    this.anomalyTimes = this.result.report.anomalies.map((a) => ({
      kind: a.kind,
      at: a.chain.reduce((m, e) => Math.max(m, e.at), 0),
      first: a.chain.find((e) => STARTS.has(e.kind))?.at,
    }));
  }

  private anomaliesAt(atUs: number): Record<AnomalyKind, number> {
    const r = zeroKinds();
    for (const a of this.anomalyTimes) if (a.at <= atUs) r[a.kind]++;
    return r;
  }

  private indexAt(atUs: number): number {
    // A stopped run's last frame lies off the grid, where it stopped.
    const last = this.frames[this.frames.length - 1];
    if (this.stop && last && atUs >= last.atUs) return this.frames.length - 1;
    const i = Math.floor(atUs / this.frameUs);
    return Math.max(0, Math.min(this.frames.length - 1, i));
  }

  /**
   * The recorded frame at `atUs` (the last one at or before it), with the flights of the last
   * `windowUs` merged in so that short flights stay visible long enough to be seen.
   */
  frameAt(atUs: number, windowUs: number, maxFlights = FRAME_FLIGHTS): Frame {
    const i = this.indexAt(atUs);
    const f = this.frames[i] as Recorded;
    const back = Math.max(0, Math.min(60, Math.ceil(windowUs / this.frameUs)));
    const flights = new Map<string, WireFlight>();
    const empty = new Map<string, WireFlight>();
    const drops: DropMark[] = [];
    const overflow: Record<string, number> = {};
    // Newest frames first; once enough flights are listed, older ones only add to the counts.
    for (let j = i; j >= Math.max(0, i - back); j--) {
      const r = this.frames[j] as Recorded;
      for (const w of r.flights) {
        if (w.n === 0) {
          if (empty.size <= BUSY_WIRE) empty.set(w.k, w);
        } else if (flights.size < maxFlights) flights.set(w.k, w);
        else if (!flights.has(w.k)) {
          const l = `${w.from}->${w.to}`;
          overflow[l] = (overflow[l] ?? 0) + w.n;
        }
      }
      for (const d of r.drops) drops.push(d);
      for (const [l, n] of Object.entries(r.overflow)) overflow[l] = (overflow[l] ?? 0) + n;
    }
    drops.sort((a, b) => a.at - b.at);
    const view = {
      nodes: f.view.nodes,
      cuts: f.view.cuts,
      stores: f.view.stores.map(unpack),
      ...(f.view.bindings ? { bindings: f.view.bindings } : {}),
    };
    const frame = this.compose(
      f.atUs,
      view,
      [...flights.values(), ...empty.values()],
      drops.slice(-200),
      f.counters,
      false,
      maxFlights,
    );
    for (const [l, n] of Object.entries(overflow))
      frame.aggregated[l] = (frame.aggregated[l] ?? 0) + n;
    return frame;
  }

  compose(
    atUs: number,
    view: Pick<ClusterView, 'nodes' | 'stores' | 'cuts' | 'bindings'>,
    all: WireFlight[],
    drops: DropMark[],
    counters: Omit<FrameCounters, 'anomalies'>,
    live: boolean,
    maxFlights = FRAME_FLIGHTS,
  ): Frame {
    const aggregated: Record<string, number> = {};
    let flights = all.length > BUSY_WIRE ? all.filter((w) => w.n > 0) : all;
    all = flights;
    if (all.length > maxFlights) {
      // Newest flights one by one; the rest as a count per link.
      flights = all.slice(-maxFlights);
      for (const w of all.slice(0, all.length - maxFlights)) {
        const l = `${w.from}->${w.to}`;
        aggregated[l] = (aggregated[l] ?? 0) + w.n;
      }
    }
    return {
      runId: this.runId,
      atUs,
      live,
      system: this.scenario.system,
      nodes: view.nodes,
      stores: view.stores,
      cuts: view.cuts,
      ...(view.bindings ? { bindings: view.bindings } : {}),
      flights,
      aggregated,
      drops,
      counters: { ...counters, anomalies: this.anomaliesAt(atUs) },
    };
  }

  keyOf(msg: MsgId): string | null {
    return this.tally.keys.get(msg) ?? null;
  }

  /**
   * The cause chain of one anomaly (or set-aside message) of the finished run, by its index in
   * the summary's list: what the summary left out (`chainOmitted`). Null when there is none.
   */
  chainOf(index: number, setAside = false): ChainEntry[] | null {
    const r = this.result;
    if (!r || this.stop) return null;
    const a = (setAside ? r.report.setAside : r.report.anomalies)[index];
    return a ? a.chain.map(chainEntry) : null;
  }

  /** The summary, once the forward pass is done (finished, or stopped early). */
  summary(): RunSummary {
    const r = this.result;
    if (this.stop) return this.partialSummary(this.stop);
    if (!r) throw new Error('the run is not finished');
    let budget = CHAIN_BUDGET;
    /** The chain if it fits the budget, else nothing and the length to fetch later. */
    const inline = (chain: readonly JournalEntry[]) => {
      if (chain.length > CHAIN_INLINE_MAX || chain.length > budget)
        return { chain: [], chainOmitted: chain.length };
      budget -= chain.length;
      return { chain: chain.map(chainEntry) };
    };
    const anomalies: AnomalySummary[] = r.report.anomalies.slice(0, MAX_ANOMALIES).map((a, i) => ({
      kind: a.kind,
      group: a.group,
      msg: a.msg,
      key: a.key,
      producer: a.producer,
      reason: { en: a.reason.en, zh: a.reason.zh },
      ...inline(a.chain),
      mechanisms: [...a.mechanisms],
      relatedIds: [...a.relatedIds],
      at: this.anomalyTimes[i]?.at ?? 0,
      ...(this.anomalyTimes[i]?.first === undefined ? {} : { startAt: this.anomalyTimes[i].first }),
    }));
    const setAside: SetAsideSummary[] = r.report.setAside.slice(0, MAX_ANOMALIES).map((x) => ({
      fate: x.fate,
      group: x.group,
      msg: x.msg,
      key: x.key,
      reason: { en: x.reason.en, zh: x.reason.zh },
      ...inline(x.chain),
      mechanisms: [...x.mechanisms],
    }));
    const tallies = groupTallies(r.report, r.record);
    return {
      runId: this.runId,
      name: r.name,
      seed: r.seed,
      simulatedUs: r.simulatedUs,
      events: r.events,
      traceHash: r.traceHash,
      messages: r.report.messages,
      counts: { ...r.report.counts },
      groups: r.report.groups.map((g) => ({
        group: g.group,
        counts: { ...g.counts },
        fates: { ...g.fates },
        ...(g.held ? { held: g.held.map((h) => ({ n: h.n, where: { ...h.where } })) } : {}),
        ...tallies.get(g.group),
      })),
      anomalies,
      setAside,
      protections: r.report.protections.map((p) => ({
        ...p,
        title: { ...MECHANISMS[p.mech].title },
      })),
      timeline: this.tally.timeline,
      metrics: this.metrics(),
      ...(Object.keys(r.stats).length > 0 ? { stats: { ...r.stats } } : {}),
      links: [...this.links].sort(),
      frameUs: this.frameUs,
      frames: this.frames.length,
      wallMs: this.wallMs,
    };
  }

  /**
   * What a stopped pass got: counters, timeline, metrics and frames up to where it stopped. The
   * checker is not run on a cut-off history (every message still in flight would look lost).
   */
  private partialSummary(stop: RunStop): RunSummary {
    const counts = zeroKinds();
    return {
      runId: this.runId,
      name: this.scenario.name,
      seed: this.run.seed,
      simulatedUs: stop.atUs,
      events: stop.events,
      traceHash: this.run.sim.hash.hex(),
      messages: this.tally.counters.sent,
      counts,
      groups: [],
      anomalies: [],
      setAside: [],
      protections: [],
      timeline: this.tally.timeline,
      metrics: this.metrics(stop.atUs),
      links: [...this.links].sort(),
      frameUs: this.frameUs,
      frames: this.frames.length,
      wallMs: this.wallMs,
      stopped: stop,
    };
  }

  /** Throughput, latency quantiles, lag and backlog per bucket of about 1/100 of the run. */
  private metrics(endUs = this.durationUs): MetricPoint[] {
    const bucketUs = Math.max(this.frameUs, Math.ceil(endUs / 100 / this.frameUs) * this.frameUs);
    const buckets = Math.max(1, Math.ceil(endUs / bucketUs));
    const lat: number[][] = Array.from({ length: buckets }, () => []);
    for (const [msg, at] of this.tally.processedAt) {
      const sent = this.tally.firstSend.get(msg);
      const b = Math.min(buckets - 1, Math.floor(at / bucketUs));
      if (sent !== undefined) lat[b]?.push((at - sent) / 1000);
    }
    const out: MetricPoint[] = [];
    for (let b = 0; b < buckets; b++) {
      const l = (lat[b] ?? []).sort((x, y) => x - y);
      const end = Math.min(endUs, (b + 1) * bucketUs);
      const f = this.frames[this.indexAt(end)] as Recorded;
      let backlog = 0;
      for (const { base: s } of f.view.stores) {
        if (s.role === 'follower' || s.role === 'mirror') continue;
        backlog +=
          s.kind === 'queue' ? (s.marks['ready'] ?? 0) + (s.marks['unacked'] ?? 0) : s.total;
      }
      out.push({
        at: b * bucketUs,
        throughput: (l.length * 1e6) / Math.max(1, end - b * bucketUs),
        p50Ms: quantile(l, 0.5),
        p99Ms: quantile(l, 0.99),
        lag: Math.max(0, f.counters.sent - countProcessedBy(this.tally.processedAt, end)),
        backlog,
      });
    }
    return out;
  }
}

/**
 * Estimated bytes a recorded frame adds: a flight (object, key string, message list) about 250, a
 * packed store entry about 40, a node about 100 (unchanged nodes are shared with the previous
 * frame, so this errs on the large side). Calibrated on the heavy benchmark (3,000 frames of a
 * 9-broker cluster, about 0.6 GB).
 */
function frameCost(flights: number, entries: number, nodes: number): number {
  return 1_000 + flights * 250 + entries * 40 + nodes * 100;
}

function countProcessedBy(processedAt: Map<MsgId, number>, atUs: number): number {
  let n = 0;
  for (const at of processedAt.values()) if (at <= atUs) n++;
  return n;
}

/**
 * A live Run for stepping: rebuilt from (scenario, seed) and advanced to the requested moment by
 * deterministic replay, then stepped one event (or one message hop) at a time. It is reused while
 * the user steps forward, and rebuilt when they step from an earlier moment.
 */
export class LiveRun {
  private run: Run;
  private readonly tally = new Tally();

  constructor(
    private readonly rec: RunRecorder,
    private readonly seed?: number,
  ) {
    this.run = this.fresh();
  }

  private fresh(): Run {
    return new Run(
      this.rec.scenario,
      this.seed === undefined ? { track: true } : { track: true, seed: this.seed },
    );
  }

  get nowUs(): number {
    return this.run.now;
  }

  /**
   * Brings the live run to `atUs`, in slices of `budgetMs` (yielding between them through
   * `yieldFn`), rebuilding it when `atUs` lies in its past.
   */
  async seek(atUs: number, budgetMs: number, clock: () => number, yieldFn: () => Promise<void>) {
    if (atUs < this.run.now) {
      this.run = this.fresh();
      Object.assign(this.tally, new Tally());
    }
    const chunk = Math.max(1000, this.rec.frameUs);
    let t0 = clock();
    while (this.run.now < atUs) {
      this.run.advanceTo(Math.min(atUs, this.run.now + chunk));
      if (clock() - t0 > budgetMs) {
        await yieldFn();
        t0 = clock();
      }
    }
    this.run.advanceTo(atUs);
    this.tally.read(this.run, []);
  }

  /** Fires one event, or events until a message arrives somewhere (`hop`). */
  step(unit: 'event' | 'hop'): Frame {
    const j0 = this.run.sim.rec.journal.length;
    const before = new Set(
      this.run.model.clusterView().flights.map((f) => `${f.sentAt}|${f.from}|${f.to}`),
    );
    let fired = this.run.step();
    if (unit === 'hop' && before.size > 0) {
      for (let n = 0; fired && n < 100_000; n++) {
        const now = new Set(
          this.run.model.clusterView().flights.map((f) => `${f.sentAt}|${f.from}|${f.to}`),
        );
        let arrived = false;
        for (const k of before) if (!now.has(k)) arrived = true;
        if (arrived) break;
        fired = this.run.step();
      }
    }
    const drops: DropMark[] = [];
    this.tally.read(this.run, drops);
    const v = this.run.model.clusterView();
    const flights: WireFlight[] = v.flights.map((f) => {
      const first = f.msgs[0] ?? -1;
      return {
        k: `${f.sentAt}|${f.from}|${f.to}|${f.type}|${first}`,
        from: f.from,
        to: f.to,
        type: f.type,
        msg: first,
        n: f.msgs.length,
        msgs: f.msgs.slice(0, 4),
        key: first >= 0 ? this.rec.keyOf(first) : null,
        ack: f.ack,
        sentAt: f.sentAt,
        arriveAt: f.arriveAt,
      };
    });
    const frame = this.rec.compose(
      this.run.now,
      {
        nodes: v.nodes,
        stores: v.stores.map((x) => trimStore(x, entryCap(v.stores.length))),
        cuts: v.cuts,
        ...(v.bindings ? { bindings: v.bindings } : {}),
      },
      flights,
      drops,
      { ...this.tally.counters },
      true,
    );
    frame.stepped = this.run.sim.rec.journal.slice(j0, j0 + 50).map(chainEntry);
    return frame;
  }
}
