/**
 * Headless runner:
 * `npm run sim -- <scenario.json | preset name> [--seed N] [--json] [--max-events N] [--max-wall-s S]`.
 * Prints a readable summary, or with --json one JSON report (documented in README.md).
 * Exits 2 on a usage or validation error, 3 when the run went over a budget (events, wall clock,
 * or 80 % of Node's heap limit; defaults in src/worker/limits.ts) and was stopped, 0 otherwise
 * (anomalies are results, not errors).
 */
import { readFileSync, existsSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { STRINGS, type Lang } from '../i18n/strings';
import { formatSeconds } from '../engine/kernel/time';
import {
  CLI_LIMITS,
  EVENTS_PER_CHECK,
  estimateBytes,
  overBudget,
  type RunLimits,
} from '../worker/limits';
import { describeScenarioError, parseScenarioJson } from '../scenario/load';
import { presetByName, PRESETS } from '../scenario/presets';
import type { Scenario } from '../scenario/schema';
import { Run } from '../engine/run';
import { jsonReport, textReport } from './report';

function usage(msg?: string): never {
  if (msg) process.stderr.write(`error: ${msg}\n`);
  process.stderr.write(
    'usage: npm run sim -- <scenario.json | preset-name> [--seed N] [--json]' +
      ` [--max-events N (default ${CLI_LIMITS.events})]` +
      ` [--max-wall-s S (default ${CLI_LIMITS.wallMs / 1000})]\n` +
      `presets: ${PRESETS.map((p) => p.name).join(', ')}\n`,
  );
  process.exit(2);
}

interface Args {
  target: string;
  seed?: number;
  json: boolean;
  limits: RunLimits;
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
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--json') json = true;
    else if (a === '--max-events') limits.events = Math.floor(positive(a, argv[++i]));
    else if (a === '--max-wall-s') limits.wallMs = positive(a, argv[++i]) * 1000;
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
  return seed === undefined ? { target, json, limits } : { target, seed, json, limits };
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
        bytes: estimateBytes(rec.journal.length, rec.history.length, 0),
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

const args = parseArgs(process.argv.slice(2));
const scenario = loadScenario(args.target);
const result = runWithinBudget(scenario, args);
process.stdout.write(
  args.json ? `${JSON.stringify(jsonReport(result), null, 2)}\n` : textReport(result),
);
