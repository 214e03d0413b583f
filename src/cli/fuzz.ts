/**
 * `npm run fuzz -- [--count N] [--seed S] [--runs K] [--json]`: the hostile-input fuzz of issue 10.
 *
 * 1. Decodes N generated hostile links and files (see src/share/fuzz.ts) and checks each: nothing
 *    throws, no decode takes more than a second (a hang), nothing accepted is over the resource
 *    budget, Object.prototype is never touched.
 * 2. Runs up to K of the accepted scenarios through the engine with the budget's own estimate as a
 *    hard event cap, to confirm "accepted implies runnable within budget": an exception is a crash,
 *    a run that needs more events than estimated is accepted-but-unrunnable, and a checked run
 *    with `unaccounted` messages is an invariant violation. A run still going after 30 s of wall
 *    time is stopped and reported as slow: within the event budget, but the engine spends too long
 *    per event (the worker's wall-clock watchdog is what stops such a run in the app).
 *
 * Exits 1 if anything was found, 0 otherwise.
 */
import { Run } from '../engine/run';
import { check } from '../engine/check/checker';
import { estimateWork } from '../scenario/budget';
import { PRESET_DOCUMENTS } from '../scenario/presets';
import type { Scenario } from '../scenario/schema';
import { encodeShareFragment } from '../share/codec';
import { fuzzInputs, fuzzOne, type FuzzInput } from '../share/fuzz';

const HANG_MS = 1000;
const RUN_WALL_MS = 30_000;

function parseArgs(argv: string[]): { count: number; seed: number; runs: number; json: boolean } {
  const out = { count: 1000, seed: 1, runs: 300, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = (): number => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 0) {
        process.stderr.write(`error: ${a} needs a non-negative integer\n`);
        process.exit(2);
      }
      return v;
    };
    if (a === '--count') out.count = num();
    else if (a === '--seed') out.seed = num();
    else if (a === '--runs') out.runs = num();
    else if (a === '--json') out.json = true;
    else {
      process.stderr.write(
        'usage: npm run fuzz -- [--count N] [--seed S] [--runs K] [--json]\n' +
          `unknown argument ${String(a)}\n`,
      );
      process.exit(2);
    }
  }
  return out;
}

type RunOutcome =
  | { kind: 'ok'; events: number; estimate: number }
  | { kind: 'crash'; message: string }
  | { kind: 'unrunnable'; events: number; estimate: number }
  | { kind: 'slow'; events: number; estimate: number; simulatedMs: number }
  | { kind: 'violation'; unaccounted: number };

/** Runs one accepted scenario with its estimate as the event cap. */
function runCapped(s: Scenario): RunOutcome {
  const estimate = estimateWork(s).events;
  try {
    const run = new Run(s);
    const t0 = performance.now();
    let events = 0;
    while (run.step()) {
      events++;
      if (events > estimate) return { kind: 'unrunnable', events, estimate };
      if (events % 10_000 === 0 && performance.now() - t0 > RUN_WALL_MS)
        return { kind: 'slow', events, estimate, simulatedMs: run.now / 1000 };
    }
    const report = check(run.record(), { explain: false });
    if (report.unaccounted > 0) return { kind: 'violation', unaccounted: report.unaccounted };
    return { kind: 'ok', events, estimate };
  } catch (e) {
    return { kind: 'crash', message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const links = await Promise.all(PRESET_DOCUMENTS.slice(0, 8).map((d) => encodeShareFragment(d)));
  const inputs = fuzzInputs(args.seed, args.count, PRESET_DOCUMENTS, links);

  const decode = {
    inputs: inputs.length,
    accepted: 0,
    crashes: 0,
    hangs: 0,
    overBudget: 0,
    pollution: 0,
    slowestMs: 0,
    refusals: {} as Record<string, number>,
  };
  const findings: { stage: string; what: string; input: FuzzInput; detail: string }[] = [];
  const accepted: { s: Scenario; input: FuzzInput }[] = [];
  for (const input of inputs) {
    const o = fuzzOne(input, () => performance.now());
    decode.slowestMs = Math.max(decode.slowestMs, o.ms);
    if (o.threw !== null) {
      decode.crashes++;
      findings.push({ stage: 'decode', what: 'crash', input, detail: o.threw });
    }
    if (o.ms > HANG_MS) {
      decode.hangs++;
      findings.push({ stage: 'decode', what: 'hang', input, detail: `${Math.round(o.ms)} ms` });
    }
    if (o.overBudget) {
      decode.overBudget++;
      findings.push({ stage: 'decode', what: 'over-budget', input, detail: '' });
    }
    if (o.polluted) {
      decode.pollution++;
      findings.push({ stage: 'decode', what: 'pollution', input, detail: '' });
    }
    if (o.result?.ok) {
      decode.accepted++;
      accepted.push({ s: o.result.value, input });
    } else if (o.result) {
      const e = o.result.error;
      const k = e.kind === 'invalid-scenario' ? `invalid-scenario/${e.error.kind}` : e.kind;
      decode.refusals[k] = (decode.refusals[k] ?? 0) + 1;
    }
  }
  const decodeMs = performance.now() - t0;

  // An even sample of the accepted scenarios, in input order (deterministic for the seed).
  const step = Math.max(1, accepted.length / Math.max(1, args.runs));
  const sample: { s: Scenario; input: FuzzInput }[] = [];
  for (let i = 0; i < accepted.length && sample.length < args.runs; i += step)
    sample.push(accepted[Math.floor(i)] as { s: Scenario; input: FuzzInput });
  const runs = {
    ran: 0,
    crashes: 0,
    unrunnable: 0,
    slow: 0,
    violations: 0,
    events: 0,
    maxRatio: 0,
  };
  const r0 = performance.now();
  for (const { s, input } of sample) {
    const o = runCapped(s);
    runs.ran++;
    switch (o.kind) {
      case 'ok':
        runs.events += o.events;
        runs.maxRatio = Math.max(runs.maxRatio, o.events / o.estimate);
        break;
      case 'crash':
        runs.crashes++;
        findings.push({ stage: 'run', what: 'crash', input, detail: o.message });
        break;
      case 'unrunnable':
        runs.unrunnable++;
        findings.push({
          stage: 'run',
          what: 'accepted-but-unrunnable',
          input,
          detail: `over the estimate: ${o.events} events, estimate ${o.estimate}`,
        });
        break;
      case 'slow':
        runs.slow++;
        findings.push({
          stage: 'run',
          what: 'slow',
          input,
          detail:
            `stopped after ${RUN_WALL_MS / 1000} s of wall time at ${o.events} events ` +
            `(estimate ${o.estimate}), ${Math.round(o.simulatedMs)} of ${s.durationMs} ms simulated (${s.system}, ${s.name})`,
        });
        break;
      case 'violation':
        runs.violations++;
        findings.push({
          stage: 'run',
          what: 'invariant',
          input,
          detail: `${o.unaccounted} unaccounted (${s.system}, ${s.name})`,
        });
        break;
      default: {
        const never: never = o;
        throw new Error(`unknown outcome ${JSON.stringify(never)}`);
      }
    }
  }
  const runMs = performance.now() - r0;
  const totalMs = performance.now() - t0;
  const summary = {
    seed: args.seed,
    count: args.count,
    crashes: decode.crashes + runs.crashes,
    hangs: decode.hangs,
    overBudget: decode.overBudget,
    pollution: decode.pollution,
    acceptedButUnrunnable: runs.unrunnable,
    slowRuns: runs.slow,
    invariantViolations: runs.violations,
    decode: { ...decode, slowestMs: Math.round(decode.slowestMs), ms: Math.round(decodeMs) },
    runs: {
      ...runs,
      maxEventsOverEstimate: Number(runs.maxRatio.toFixed(3)),
      ms: Math.round(runMs),
    },
    totalMs: Math.round(totalMs),
    findings: findings.slice(0, 50).map((f) => ({
      stage: f.stage,
      what: f.what,
      detail: f.detail.split('\n')[0],
      note: f.input.note,
      input: f.input.text.length > 4000 ? `${f.input.text.slice(0, 4000)}...` : f.input.text,
    })),
  };
  if (args.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    const n = (v: number): string => v.toLocaleString('en');
    process.stdout.write(
      `fuzz: ${n(args.count)} inputs, seed ${args.seed}, ${(totalMs / 1000).toFixed(1)} s\n` +
        `decode: ${n(decode.accepted)} accepted, ${n(args.count - decode.accepted)} refused; ` +
        `slowest ${decode.slowestMs.toFixed(1)} ms (${(decodeMs / 1000).toFixed(1)} s)\n` +
        `  refusals: ${Object.entries(decode.refusals)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => `${k} ${n(v)}`)
          .join(', ')}\n` +
        `runs: ${n(runs.ran)} accepted scenarios run, ${n(runs.events)} events, at most ` +
        `${(runs.maxRatio * 100).toFixed(1)}% of the estimate (${(runMs / 1000).toFixed(1)} s)\n` +
        `crashes ${summary.crashes}, hangs ${summary.hangs}, over budget ${summary.overBudget}, ` +
        `pollution ${summary.pollution}, accepted-but-unrunnable ${summary.acceptedButUnrunnable}, ` +
        `invariant violations ${summary.invariantViolations}; slow runs ${summary.slowRuns}\n`,
    );
    for (const f of summary.findings.slice(0, 10))
      process.stdout.write(`  [${f.stage} ${f.what}] ${f.detail} :: ${f.note}\n`);
  }
  process.exitCode = findings.length > 0 ? 1 : 0;
}

void main();
