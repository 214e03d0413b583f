import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm run sim', () => {
  it('refuses a scenario outside the bounds before running, naming the field (exit 2)', () => {
    const r = spawnSync(
      'node_modules/.bin/tsx',
      [
        'src/cli/sim.ts',
        'src/scenario/fixtures/fuzz-repros/min-zero-interval-kafka-heartbeat.json',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('consumers.0.heartbeat.interval.ms: must be at least 1 ms');
    expect(r.stdout).toBe('');
  });
});
