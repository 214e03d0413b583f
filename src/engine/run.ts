/**
 * A run: one scenario, one seed, one simulation. The CLI, the tests, the benchmark and the web
 * worker all drive runs through this class, so they all see the same engine.
 */
import type { Scenario } from '../scenario/schema';
import { check, type CheckReport } from './check/checker';
import type { HeldWhere, MsgId, RunRecord } from './check/history';
import { SingleNodeModel, type SingleNodeView } from './brokers/minimal';
import { KafkaModel, type KafkaView } from './brokers/kafka';
import { RabbitMqModel, type RabbitMqView } from './brokers/rabbitmq';
import { RocketMqModel, type RocketMqView } from './brokers/rocketmq';
import { scheduleFaults } from './faults';
import type { Model } from './model';
import { Sim } from './kernel/sim';
import { fromMs, type Micros } from './kernel/time';
import type { RunStats } from './stats';

export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Track what drawing needs (messages on the wire). Never changes the run. */
  track?: boolean;
  /**
   * Keep the history and journal (default). `false` is for engine-only benchmarks: the trace
   * hash is the same, but the checker then has nothing to check.
   */
  record?: boolean;
}

export type ModelView = SingleNodeView | KafkaView | RabbitMqView | RocketMqView;

export interface RunResult {
  name: string;
  seed: number;
  /** Simulated duration in microseconds. */
  simulatedUs: Micros;
  /** Engine events fired. */
  events: number;
  /** 16 hex digits over every fired event, history operation and journal entry. */
  traceHash: string;
  report: CheckReport;
  record: RunRecord;
  /** What the model measured beyond fates (`stats.ts`); empty when the scenario measures nothing. */
  stats: RunStats;
}

function buildModel(sim: Sim, s: Scenario): Model<ModelView> {
  switch (s.system) {
    case 'single-node':
      return new SingleNodeModel(sim, s);
    case 'kafka':
      return new KafkaModel(sim, s);
    case 'rabbitmq':
      return new RabbitMqModel(sim, s);
    case 'rocketmq':
      return new RocketMqModel(sim, s);
    default: {
      const never: never = s;
      throw new Error(`unknown system ${JSON.stringify(never)}`);
    }
  }
}

export class Run {
  readonly sim: Sim;
  readonly model: Model<ModelView>;
  readonly endUs: Micros;
  readonly seed: number;

  constructor(
    readonly scenario: Scenario,
    opts: RunOptions = {},
  ) {
    this.seed = (opts.seed ?? scenario.seed) >>> 0;
    this.sim = new Sim(this.seed, opts.record !== false);
    this.model = buildModel(this.sim, scenario);
    if (opts.track === true) this.model.enableTracking();
    scheduleFaults(this.sim, scenario.faults, this.model.targets());
    this.endUs = fromMs(scenario.durationMs);
  }

  get now(): Micros {
    return this.sim.now;
  }

  get done(): boolean {
    return (
      this.sim.now >= this.endUs &&
      !(this.sim.peekTime() !== undefined && (this.sim.peekTime() as number) <= this.endUs)
    );
  }

  /** Fires one engine event (not past the end of the run). Returns false when none is left. */
  step(): boolean {
    return this.sim.step(this.endUs);
  }

  /** Runs every event up to `us` (clamped to the end of the run). */
  advanceTo(us: Micros): void {
    this.sim.runUntil(Math.min(us, this.endUs));
  }

  record(): RunRecord {
    const heldWhere = new Map<string, Map<MsgId, HeldWhere>>();
    return {
      family: this.model.family,
      history: this.sim.rec.history,
      journal: this.sim.rec.journal,
      groups: this.model.groups,
      held: this.model.held(heldWhere),
      heldWhere,
      ...(this.model.scope ? { scope: this.model.scope() } : {}),
      endAt: this.sim.now,
    };
  }

  /**
   * Like `advanceTo`, but fires at most `maxEvents` events: returns true when `us` was reached,
   * false when it stopped early (call again to go on). Stopping between events changes nothing:
   * the same events fire in the same order as with `advanceTo`, so the trace is the same. This is
   * how a runner that owns a clock (the worker, the CLI) slices an event storm at one instant.
   */
  advanceBounded(us: Micros, maxEvents: number): boolean {
    const until = Math.min(us, this.endUs);
    for (let n = 0; n < maxEvents; n++) {
      if (!this.sim.step(until)) {
        this.sim.runUntil(until);
        return true;
      }
    }
    const next = this.sim.peekTime();
    if (next !== undefined && next <= until) return false;
    this.sim.runUntil(until);
    return true;
  }

  /** Runs to the end and checks the history. */
  finish(): RunResult {
    const { record, ...head } = this.end();
    return { ...head, report: check(record), record };
  }

  /**
   * Runs to the end without checking: what `finish` returns but the report. A driver that owns a
   * clock (the web worker) checks the record itself, in bounded steps (`checkSteps`).
   */
  end(): Omit<RunResult, 'report'> {
    this.advanceTo(this.endUs);
    return {
      name: this.scenario.name,
      seed: this.seed,
      simulatedUs: this.sim.now,
      events: this.sim.eventsFired,
      traceHash: this.sim.hash.hex(),
      record: this.record(),
      stats: this.model.stats?.() ?? {},
    };
  }
}

export function runScenario(s: Scenario, opts: RunOptions = {}): RunResult {
  return new Run(s, opts).finish();
}
