/**
 * The Monte Carlo fault model: instead of one fault schedule ("broker-1 crashes at 5 s"), rules
 * that draw a schedule per seed ("broker-1 crashes once at a random moment between 0 s and 15 s
 * and restarts 15 s later"). Running many seeds answers "how often does this configuration lose
 * messages?", not "did this run lose any?".
 *
 * Each seed's concrete schedule is drawn from the seed alone (`src/engine/montecarlo/schedule.ts`),
 * so a seed opens as a normal run: the scenario with that seed and that schedule.
 *
 * Validation refuses, before any work starts: a model that can never fire, more seeds than
 * `MAX_SEEDS`, targets the scenario does not declare, and a scenario whose worst-case schedule is
 * over the resource budget (`budget.ts`) or whose seeds together are over `MAX_TOTAL_EVENTS`.
 */
import { z } from 'zod';
import { estimateWork, budgetIssues } from './budget';
import { Fault, Id, Ms, Probability, type FaultType } from './common';
import { nodesOf, type Scenario } from './schema';

/** Most seeds one Monte Carlo request may run. */
export const MAX_SEEDS = 10_000;
/** Seeds when none are given (the browser panel's default). */
export const DEFAULT_SEEDS = 200;
/**
 * Most engine events all seeds of one request may be estimated to need together (upper-bound
 * estimates from `budget.ts`). At the benchmark's engine speed (about 500 k recorded events a
 * second per core) this is some 30 minutes on two cores; more is a job for a batch system.
 */
export const MAX_TOTAL_EVENTS = 2_000_000_000;
/** Most faults one rule may draw in one seed (Poisson tails are cut here). */
export const MAX_PER_RULE = 50;

/** The fault kinds a rule can draw. */
export const RULE_KINDS = ['crash', 'power-loss', 'pause', 'partition'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

const Range = z
  .object({ minMs: Ms, maxMs: Ms })
  .strict()
  .refine((r) => r.minMs <= r.maxMs, { message: 'minMs must be <= maxMs', path: ['maxMs'] });

/** One rule: which fault, on which targets, when, how often. */
export const FaultRule = z
  .object({
    kind: z.enum(RULE_KINDS).describe('The fault drawn: crash, power-loss, pause or partition.'),
    targets: z
      .array(Id)
      .min(1, { message: 'needs at least one target node' })
      .max(100)
      .describe('Nodes it may hit; each occurrence picks one at random.'),
    peers: z
      .array(Id)
      .max(100)
      .optional()
      .describe('partition only: the other side; each occurrence cuts a target from one peer.'),
    window: z
      .object({ fromMs: Ms, toMs: Ms })
      .strict()
      .describe('Occurrences fall uniformly in [fromMs, toMs] of virtual time.'),
    count: z
      .number()
      .int()
      .min(0)
      .max(MAX_PER_RULE)
      .optional()
      .describe('Exactly this many occurrences per seed (default 1 unless ratePerSec is set).'),
    ratePerSec: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe('Instead of count: occurrences as a Poisson process at this rate in the window.'),
    probability: Probability.default(1).describe(
      'Chance that the rule fires at all in a seed (each seed draws once).',
    ),
    recoverAfterMs: Range.optional().describe(
      'crash, power-loss: restart after this long; partition: heal after; pause: how long. Absent: no recovery (pause: 1 s).',
    ),
  })
  .strict();
export type FaultRule = z.infer<typeof FaultRule>;

/** A fault model. */
export const FaultModel = z
  .object({
    rules: z.array(FaultRule).max(20).describe('The rules; each seed draws from every rule.'),
    fixed: z
      .array(Fault)
      .max(100)
      .default([])
      .describe('Faults applied in every seed as written (network faults the rules do not draw).'),
  })
  .strict();
export type FaultModel = z.infer<typeof FaultModel>;
export type FaultModelInput = z.input<typeof FaultModel>;

/** A refusal, naming the field. */
export interface ModelIssue {
  path: string;
  message: string;
}

/** Occurrences a rule can draw at most in one seed (0: it can never fire). */
export function maxOccurrences(r: FaultRule): number {
  if (r.probability <= 0 || r.window.toMs < r.window.fromMs) return 0;
  if (r.ratePerSec !== undefined)
    return r.ratePerSec > 0 && r.window.toMs > r.window.fromMs ? MAX_PER_RULE : 0;
  return r.count ?? 1;
}

/** Faults one occurrence schedules (the fault and its recovery). */
function faultsPerOccurrence(r: FaultRule): number {
  return r.kind === 'pause' || r.recoverAfterMs === undefined ? 1 : 2;
}

/**
 * The scenario with the most faults the model can draw in one seed, placed at the start of their
 * windows: what the budget is checked against (its estimate grows with the number of faults).
 */
export function worstCase(s: Scenario, m: FaultModel): Scenario {
  const faults: Fault[] = [...m.fixed];
  for (const r of m.rules) {
    const n = maxOccurrences(r) * faultsPerOccurrence(r);
    const node = r.targets[0] as string;
    for (let i = 0; i < n; i++)
      faults.push({ atMs: r.window.fromMs, type: 'crash', node, when: 'now' });
  }
  return { ...s, faults };
}

/**
 * Checks a validated model against a scenario and a seed count. Empty when the request may run;
 * otherwise every problem, each naming the field to change.
 */
export function modelIssues(s: Scenario, m: FaultModel, seeds: number): ModelIssue[] {
  const issues: ModelIssue[] = [];
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > MAX_SEEDS)
    issues.push({
      path: 'seeds',
      message: `the number of seeds must be a whole number from 1 to ${MAX_SEEDS.toLocaleString('en-US')}; got ${seeds}`,
    });
  const nodes = new Set(nodesOf(s).all);
  const canFire = m.rules.some((r) => maxOccurrences(r) > 0);
  if (!canFire && m.fixed.length === 0)
    issues.push({
      path: 'rules',
      message:
        m.rules.length === 0
          ? 'the fault model has no rules and no fixed faults: every seed would run the same fault-free schedule'
          : 'no rule can ever fire (count 0, rate 0, probability 0 or an empty window): every seed would run without faults',
    });
  m.rules.forEach((r, i) => {
    const at = (k: string) => `rules.${i}.${k}`;
    if (r.window.toMs < r.window.fromMs)
      issues.push({ path: at('window.toMs'), message: 'the window ends before it starts' });
    if (r.window.fromMs > s.durationMs)
      issues.push({
        path: at('window.fromMs'),
        message: `the window starts at ${r.window.fromMs} ms, after the end of the run (${s.durationMs} ms): it can never fire`,
      });
    if (r.count !== undefined && r.ratePerSec !== undefined)
      issues.push({ path: at('ratePerSec'), message: 'give count or ratePerSec, not both' });
    r.targets.forEach((t, j) => {
      if (!nodes.has(t))
        issues.push({ path: `${at('targets')}.${j}`, message: `no node named "${t}"` });
    });
    if (r.kind === 'partition') {
      const peers = r.peers ?? [];
      if (peers.length === 0)
        issues.push({
          path: at('peers'),
          message: 'a partition rule needs peers (the other side)',
        });
      peers.forEach((t, j) => {
        if (!nodes.has(t))
          issues.push({ path: `${at('peers')}.${j}`, message: `no node named "${t}"` });
      });
      if (peers.length > 0 && peers.every((p) => r.targets.length === 1 && p === r.targets[0]))
        issues.push({ path: at('peers'), message: 'a node cannot be partitioned from itself' });
    } else if (r.peers !== undefined) {
      issues.push({ path: at('peers'), message: 'peers apply only to partition rules' });
    }
  });
  m.fixed.forEach((f, i) => {
    if (f.atMs > s.durationMs)
      issues.push({
        path: `fixed.${i}.atMs`,
        message: `at ${f.atMs} ms is after the end of the run (${s.durationMs} ms)`,
      });
  });
  if (issues.length > 0) return issues;
  const worst = worstCase(s, m);
  for (const b of budgetIssues(worst))
    issues.push({
      path: b.path.map(String).join('.'),
      message: `with the most faults the model can draw: ${b.message}`,
    });
  const perSeed = estimateWork(worst).events;
  if (perSeed * seeds > MAX_TOTAL_EVENTS)
    issues.push({
      path: 'seeds',
      message:
        `${seeds.toLocaleString('en-US')} seeds of about ${perSeed.toLocaleString('en-US')} engine events each ` +
        `are over the Monte Carlo budget of ${MAX_TOTAL_EVENTS.toLocaleString('en-US')} events: ` +
        `run at most ${Math.max(1, Math.floor(MAX_TOTAL_EVENTS / perSeed)).toLocaleString('en-US')} seeds, or shorten durationMs`,
    });
  return issues;
}

/** Parses and checks a model document against a scenario. */
export function parseFaultModel(
  doc: unknown,
  s: Scenario,
  seeds: number,
): { ok: true; value: FaultModel } | { ok: false; issues: ModelIssue[] } {
  const r = FaultModel.safeParse(doc);
  if (!r.success)
    return {
      ok: false,
      issues: r.error.issues.map((i) => ({
        path: i.path.map(String).join('.'),
        message: i.message,
      })),
    };
  const issues = modelIssues(s, r.data, seeds);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: r.data };
}

/** The rule kind a scheduled fault corresponds to, or null when rules cannot draw it. */
function ruleKindOf(t: FaultType): RuleKind | null {
  switch (t) {
    case 'crash':
    case 'power-loss':
    case 'pause':
    case 'partition':
      return t;
    case 'restart':
    case 'split':
    case 'heal':
    case 'drop-next':
    case 'duplicate-next':
    case 'delay-next':
    case 'slow-consumer':
      return null;
    default: {
      const never: never = t;
      throw new Error(`unknown fault ${String(never)}`);
    }
  }
}

/**
 * The default model for a scenario, from its own schedule: each crash, power loss, pause or
 * partition becomes "the same fault, on the same node(s), once, at a random moment", with the
 * recovery the schedule gave it (the next restart of that node, or heal of that pair) kept at the
 * same distance. The window runs from 0 to the latest moment the recovery still falls inside the
 * run. Other faults (a consumer crash at a chosen message, network drops, slow consumers) stay
 * fixed, as written. A scenario without faults gets "crash one broker node once".
 */
export function defaultModel(s: Scenario): FaultModel {
  const rules: FaultRule[] = [];
  const fixed: Fault[] = [];
  const used = new Set<number>();
  s.faults.forEach((f, i) => {
    if (used.has(i)) return;
    const kind = ruleKindOf(f.type);
    if (kind === null || (f.type === 'crash' && f.when !== 'now')) {
      fixed.push(f);
      return;
    }
    let recoverMs: number | undefined;
    if (f.type === 'pause') recoverMs = f.durationMs;
    else {
      const node = f.type === 'crash' || f.type === 'power-loss' ? f.node : undefined;
      const pair = f.type === 'partition' ? f : undefined;
      const j = s.faults.findIndex(
        (g, k) =>
          k > i &&
          !used.has(k) &&
          (pair
            ? g.type === 'heal' &&
              ((g.a === pair.a && g.b === pair.b) || (g.a === undefined && g.b === undefined))
            : g.type === 'restart' && g.node === node),
      );
      const rec = s.faults[j];
      if (j >= 0 && rec) {
        used.add(j);
        recoverMs = rec.atMs - f.atMs;
      }
    }
    const latest = Math.max(0, s.durationMs - (recoverMs ?? 0));
    const base = {
      kind,
      window: { fromMs: 0, toMs: Math.max(Math.min(latest, s.durationMs), 0) },
      probability: 1,
      ...(recoverMs !== undefined
        ? { recoverAfterMs: { minMs: recoverMs, maxMs: recoverMs } }
        : {}),
    };
    if (f.type === 'partition') rules.push({ ...base, targets: [f.a], peers: [f.b] });
    else if (f.type === 'crash' || f.type === 'power-loss' || f.type === 'pause')
      rules.push({ ...base, targets: [f.node] });
  });
  if (rules.length === 0 && fixed.length === 0) {
    const brokers = brokerNodes(s);
    if (brokers.length > 0)
      rules.push({
        kind: 'crash',
        targets: brokers,
        window: { fromMs: 0, toMs: Math.round(s.durationMs / 2) },
        probability: 1,
        recoverAfterMs: {
          minMs: Math.round(s.durationMs / 4),
          maxMs: Math.round(s.durationMs / 4),
        },
      });
  }
  return { rules, fixed };
}

/** Broker nodes: declared nodes that are neither producers nor consumers. */
function brokerNodes(s: Scenario): string[] {
  const ids = nodesOf(s);
  const clients = new Set<string>(ids.consumers);
  switch (s.system) {
    case 'single-node':
    case 'kafka':
    case 'rocketmq':
      for (const p of s.producers) clients.add(p.id);
      break;
    case 'rabbitmq':
      for (const p of s.publishers) clients.add(p.id);
      break;
    default: {
      const never: never = s;
      throw new Error(`unknown system ${JSON.stringify(never)}`);
    }
  }
  return ids.all.filter((n) => !clients.has(n));
}
