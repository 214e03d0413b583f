/**
 * Headless runner:
 * `npm run sim -- <scenario.json | preset name> [--seed N] [--json] [--max-events N] [--max-wall-s S]`.
 * Prints a readable summary, or with --json one JSON report (documented in README.md).
 *
 * Monte Carlo: `--seeds N [--model file|default] [--compare variant,...] [--workers W]` runs N
 * seeds with fault schedules drawn from the fault model (`src/scenario/faultmodel.ts`; `default`,
 * the default, makes the scenario's own faults random) on worker threads (`montecarlo.ts`).
 * `--model` without `--seeds` runs one seed's drawn schedule as a normal run: how a worst seed of
 * a Monte Carlo report is reproduced.
 * Exits 2 on a usage or validation error, 3 when the run went over a budget (events, wall clock,
 * or 80 % of Node's heap limit; defaults in src/worker/limits.ts) and was stopped, 0 otherwise
 * (anomalies are results, not errors).
 */
import { readFileSync, existsSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { STRINGS, type Lang } from '../i18n/strings';
import { formatSeconds } from '../engine/kernel/time';
import { CLI_LIMITS, EVENTS_PER_CHECK, overBudget, type RunLimits } from '../worker/limits';
import { describeScenarioError, parseScenarioJson } from '../scenario/load';
import { presetByName, PRESETS } from '../scenario/presets';
import type { Scenario } from '../scenario/schema';
import { Run } from '../engine/run';
import { jsonReport, textReport } from './report';
import {
  defaultModel,
  DEFAULT_SEEDS,
  MAX_SEEDS,
  parseFaultModel,
  type FaultModel,
} from '../scenario/faultmodel';
import { seedScenario } from '../engine/montecarlo/schedule';
import { variantDocument } from '../scenario/schema';
import { parseScenario } from '../scenario/load';
import { mcText, progressLine, runMonteCarlo } from './montecarlo';

function usage(msg?: string): never {
  if (msg) process.stderr.write(`error: ${msg}\n`);
  process.stderr.write(
    'usage: npm run sim -- <scenario.json | preset-name> [--seed N] [--json]' +
      ` [--max-events N (default ${CLI_LIMITS.events})]` +
      ` [--max-wall-s S (default ${CLI_LIMITS.wallMs / 1000})]\n` +
      `       npm run sim -- <scenario> --seeds N (1..${MAX_SEEDS}, e.g. ${DEFAULT_SEEDS}) [--model file.json|default]` +
      ' [--compare variant,...] [--workers W] [--json]\n' +
      '       npm run sim -- <scenario> --seed S --model file.json|default [--variant name]  (one seed)\n' +
      `presets: ${PRESETS.map((p) => p.name).join(', ')}\n`,
  );
  process.exit(2);
}

interface Args {
  target: string;
  seed?: number;
  json: boolean;
  limits: RunLimits;
  /** Monte Carlo: how many seeds. */
  seeds?: number;
  /** A fault model file, or `default`. */
  model?: string;
  compare: string[];
  /** A single run of one of the scenario's variants (how a compared worst seed is reproduced). */
  variant?: string;
  workers?: number;
}

function positive(flag: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || !/^\d+(\.\d+)?$/.test(v) || !(n > 0))
    usage(`${flag} needs a positive number`);
  return n;
}

function parseArgs(argv: string[]): Args {
  let target: string | undefined;
  let seed: number | undefined;
  let json = false;
  const limits = { ...CLI_LIMITS };
  const mc: Pick<Args, 'seeds' | 'model' | 'workers' | 'variant'> = {};
  let compare: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--json') json = true;
    else if (a === '--max-events') limits.events = Math.floor(positive(a, argv[++i]));
    else if (a === '--max-wall-s') limits.wallMs = positive(a, argv[++i]) * 1000;
    else if (a === '--seeds') {
      const v = argv[++i];
      if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1 || Number(v) > MAX_SEEDS)
        usage(`--seeds needs a whole number from 1 to ${MAX_SEEDS}`);
      mc.seeds = Number(v);
    } else if (a === '--model') {
      const v = argv[++i];
      if (v === undefined) usage('--model needs a file or "default"');
      mc.model = v;
    } else if (a === '--variant') {
      const v = argv[++i];
      if (v === undefined) usage('--variant needs a variant name');
      mc.variant = v;
    } else if (a === '--workers') mc.workers = Math.floor(positive(a, argv[++i]));
    else if (a === '--compare') compare = (argv[++i] ?? '').split(',').filter((x) => x !== '');
    else if (a === '--seed') {
      const v = argv[++i];
      if (v === undefined || !/^\d+$/.test(v) || Number(v) > 4294967295)
        usage('--seed needs an integer 0..4294967295');
      seed = Number(v);
    } else if (a === '--help' || a === '-h') usage();
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else if (target === undefined) target = a;
    else usage(`unexpected argument ${a}`);
  }
  if (target === undefined) usage('no scenario given');
  const base = { target, json, limits, compare, ...mc };
  return seed === undefined ? base : { ...base, seed };
}

function loadScenario(target: string): Scenario {
  if (existsSync(target)) {
    const r = parseScenarioJson(readFileSync(target, 'utf8'));
    if (!r.ok) {
      process.stderr.write(`invalid scenario ${target}:\n${describeScenarioError(r.error)}\n`);
      process.exit(2);
    }
    return r.value;
  }
  const p = presetByName(target);
  if (!p) usage(`no file or preset named "${target}"`);
  return p;
}

/** The message language: Chinese when the locale says so, English otherwise. */
function cliLang(): Lang {
  const l = process.env['LC_ALL'] || process.env['LC_MESSAGES'] || process.env['LANG'] || '';
  return l.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/**
 * Runs the scenario in slices of EVENTS_PER_CHECK events, checking the budgets between them as
 * the worker does; a run over one is stopped with a message and exit code 3.
 */
function runWithinBudget(scenario: Scenario, a: Args) {
  const run = new Run(scenario, a.seed === undefined ? {} : { seed: a.seed });
  const t0 = performance.now();
  const heapLimit = getHeapStatistics().heap_size_limit;
  while (!run.advanceBounded(run.endUs, EVENTS_PER_CHECK)) {
    const rec = run.sim.rec;
    const over = overBudget(
      {
        events: run.sim.eventsFired,
        wallMs: performance.now() - t0,
        bytes: rec.byteSize(),
        heap: { used: process.memoryUsage().heapUsed, limit: heapLimit },
      },
      a.limits,
    );
    if (over) {
      const limit =
        over === 'events'
          ? a.limits.events
          : over === 'wall'
            ? a.limits.wallMs / 1000
            : Math.round((heapLimit * a.limits.heapShare) / 1e6);
      const text = STRINGS[cliLang()].cliStopped({
        reason: over,
        at: formatSeconds(run.now),
        end: formatSeconds(run.endUs),
        limit,
      });
      process.stderr.write(`stopped: ${text}\n`);
      process.exit(3);
    }
  }
  return run.finish();
}

/** The fault model of `--model` (a file, or `default`), checked; exits 2 on a refusal. */
function loadModel(s: Scenario, a: Args, seeds: number): FaultModel {
  let doc: unknown = defaultModel(s);
  if (a.model !== undefined && a.model !== 'default') {
    if (!existsSync(a.model)) usage(`no fault model file "${a.model}"`);
    try {
      doc = JSON.parse(readFileSync(a.model, 'utf8'));
    } catch (e) {
      process.stderr.write(`invalid fault model ${a.model}: not valid JSON: ${String(e)}\n`);
      process.exit(2);
    }
  }
  const r = parseFaultModel(doc, s, seeds);
  if (!r.ok) {
    process.stderr.write(
      `refused before running: the fault model ${a.model ?? 'default'}:\n` +
        r.issues.map((i) => `${i.path === '' ? '(model)' : i.path}: ${i.message}`).join('\n') +
        '\n',
    );
    process.exit(2);
  }
  return r.value;
}

/** The scenario and the variants `--compare` names, each validated. */
function configurations(s: Scenario, names: string[]): { name: string; scenario: Scenario }[] {
  const out = [{ name: s.name, scenario: s }];
  for (const name of names) {
    const v = s.claims?.variants?.find((x) => x.name === name);
    if (!v)
      usage(
        `no variant "${name}" in ${s.name} (variants: ${s.claims?.variants?.map((x) => x.name).join(', ') || 'none'})`,
      );
    const d = variantDocument(s, v);
    const r = d.ok ? parseScenario(d.doc) : null;
    if (!r?.ok) usage(`variant "${name}" does not apply to ${s.name}`);
    out.push({ name, scenario: r.value });
  }
  return out;
}

async function monteCarlo(s: Scenario, a: Args, seeds: number): Promise<void> {
  const base = a.seed === undefined ? s : { ...s, seed: a.seed };
  const model = loadModel(base, a, seeds);
  const configs = configurations(base, a.compare);
  let last = 0;
  const out = await runMonteCarlo(
    configs.map((c) => c.scenario),
    model,
    {
      seeds,
      ...(a.workers === undefined ? {} : { workers: a.workers }),
      progress: (done, total, ms) => {
        if (done === total || ms - last >= 1000) {
          last = ms;
          process.stderr.write(`${progressLine(done, total, ms)}\n`);
        }
      },
    },
  );
  const reproduce = (config: number) => (seed: number) =>
    `npm run sim -- ${a.target} --seed ${seed} --model ${a.model ?? 'default'}` +
    (config > 0 ? ` --variant ${configs[config]?.name}` : '');
  if (a.json) {
    const report = {
      scenario: base.name,
      seeds,
      firstSeed: out.firstSeed,
      workers: out.workers,
      wallMs: Math.round(out.wallMs),
      model,
      configs: configs.map((c, i) => ({
        name: c.name,
        ...out.summaries[i],
        worst: out.summaries[i]?.worst.map((w) => ({ ...w, reproduce: reproduce(i)(w.seed) })),
      })),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    process.stdout.write(
      `${base.name}: ${seeds} seeds from ${out.firstSeed}, ${out.workers} worker threads, ${(out.wallMs / 1000).toFixed(1)} s\n`,
    );
    configs.forEach((c, i) => {
      const sum = out.summaries[i];
      if (sum) process.stdout.write(mcText(c.name, sum, reproduce(i)));
    });
  }
}

const args = parseArgs(process.argv.slice(2));
const loaded = loadScenario(args.target);
const scenario =
  args.variant === undefined
    ? loaded
    : (configurations(loaded, [args.variant])[1]?.scenario as Scenario);
if (args.seeds !== undefined) {
  await monteCarlo(scenario, args, args.seeds);
} else {
  // With --model, one seed's drawn schedule, run as a normal run.
  const s =
    args.model === undefined
      ? scenario
      : seedScenario(scenario, loadModel(scenario, args, 1), args.seed ?? scenario.seed);
  const result = runWithinBudget(s, args);
  process.stdout.write(
    args.json ? `${JSON.stringify(jsonReport(result), null, 2)}\n` : textReport(result),
  );
}
