/**
 * Headless runner: `npm run sim -- <scenario.json | preset name> [--seed N] [--json]`.
 * Prints a readable summary, or with --json one JSON report (documented in README.md).
 * Exits 2 on a usage or validation error, 0 otherwise (anomalies are results, not errors).
 */
import { readFileSync, existsSync } from 'node:fs';
import { describeScenarioError, parseScenarioJson } from '../scenario/load';
import { presetByName, PRESETS } from '../scenario/presets';
import type { Scenario } from '../scenario/schema';
import { runScenario } from '../engine/run';
import { jsonReport, textReport } from './report';

function usage(msg?: string): never {
  if (msg) process.stderr.write(`error: ${msg}\n`);
  process.stderr.write(
    'usage: npm run sim -- <scenario.json | preset-name> [--seed N] [--json]\n' +
      `presets: ${PRESETS.map((p) => p.name).join(', ')}\n`,
  );
  process.exit(2);
}

function parseArgs(argv: string[]): { target: string; seed?: number; json: boolean } {
  let target: string | undefined;
  let seed: number | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--json') json = true;
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
  return seed === undefined ? { target, json } : { target, seed, json };
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

const args = parseArgs(process.argv.slice(2));
const scenario = loadScenario(args.target);
const result = runScenario(scenario, args.seed === undefined ? {} : { seed: args.seed });
process.stdout.write(
  args.json ? `${JSON.stringify(jsonReport(result), null, 2)}\n` : textReport(result),
);
