import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runs the CLI as a user would, in a fresh process. */
function sim(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync('node_modules/.bin/tsx', ['src/cli/sim.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', ...env },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('CLI budgets', () => {
  it('stops a run over the event budget with exit code 3 and says which option to change', () => {
    const r = sim(['kafka-d3-key-ordering', '--max-events', '6000']);
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^stopped: the run stopped at \d+\.\d{3} s of \d+\.\d{3} s/);
    expect(r.err).toContain('more than 6000 engine events (--max-events)');
  });

  it('stops a run over the wall-clock budget, in Chinese under a Chinese locale', () => {
    const r = sim(['kafka-d3-key-ordering', '--max-wall-s', '0.001'], { LANG: 'zh_CN.UTF-8' });
    expect(r.code).toBe(3);
    expect(r.err).toContain('计算时间超过了 0.001 秒（--max-wall-s）');
  });

  it('a run within the budgets reports as before, and a bad budget is a usage error', () => {
    const ok = sim(['kafka-d3-key-ordering', '--json', '--max-events', '1000000']);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.out) as { events: number }).events).toBeGreaterThan(6000);
    const bad = sim(['kafka-d3-key-ordering', '--max-events', '0']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--max-events needs a positive number');
  });
});

describe('npm run sim refuses bad input', () => {
  it('refuses a scenario outside the bounds before running, naming the field (exit 2)', () => {
    const r = sim(['src/scenario/fixtures/fuzz-repros/min-zero-interval-kafka-heartbeat.json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('consumers.0.heartbeat.interval.ms: must be at least 1 ms');
    expect(r.out).toBe('');
  });
});

describe('npm run sim -- <scenario> --seeds N (Monte Carlo)', () => {
  it('runs N seeds on worker threads, streams progress, and a worst seed reproduces as a normal run', () => {
    const r = sim(['kafka-acks1-leader-crash', '--seeds', '4', '--workers', '2', '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/seeds 4\/4 \(100%\)/);
    const rep = JSON.parse(r.out) as {
      seeds: number;
      workers: number;
      configs: {
        seeds: number;
        failed: unknown[];
        kinds: { kind: string; seedsWithAny: number; atLeastOne: { low: number; high: number } }[];
        worst: { seed: number; counts: { lost: number }; reproduce: string }[];
      }[];
    };
    expect(rep.workers).toBe(2);
    const c = rep.configs[0];
    expect(c?.seeds).toBe(4);
    expect(c?.failed).toEqual([]);
    const lost = c?.kinds.find((k) => k.kind === 'lost');
    expect(lost?.atLeastOne.low).toBeLessThanOrEqual(lost?.atLeastOne.high ?? -1);
    const worst = c?.worst[0];
    if (!worst) return;
    expect(worst.reproduce).toBe(
      `npm run sim -- kafka-acks1-leader-crash --seed ${worst.seed} --model default`,
    );
    const one = sim([
      'kafka-acks1-leader-crash',
      '--seed',
      String(worst.seed),
      '--model',
      'default',
      '--json',
    ]);
    expect((JSON.parse(one.out) as { counts: { lost: number } }).counts.lost).toBe(
      worst.counts.lost,
    );
  });

  it('refuses a model that can never fire and N above the limit before any work (exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mc-'));
    const file = join(dir, 'never.json');
    writeFileSync(
      file,
      JSON.stringify({
        rules: [
          { kind: 'crash', targets: ['broker-1'], window: { fromMs: 0, toMs: 1000 }, count: 0 },
        ],
      }),
    );
    const never = sim(['kafka-acks1-leader-crash', '--seeds', '10', '--model', file]);
    expect(never.code).toBe(2);
    expect(never.err).toContain('no rule can ever fire');
    expect(never.err).not.toMatch(/seeds \d+\//);
    const many = sim(['kafka-acks1-leader-crash', '--seeds', '10001']);
    expect(many.code).toBe(2);
    expect(many.err).toContain('--seeds needs a whole number from 1 to 10000');
  });
});
