import { spawnSync } from 'node:child_process';
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
