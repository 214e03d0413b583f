/** Cross-field validation of Kafka scenarios: settings the real client would refuse. */
import { describe, expect, it } from 'vitest';
import { describeScenarioError, parseScenario } from '../load';

const kafka = (consumer: Record<string, unknown>) =>
  parseScenario({
    version: 1,
    system: 'kafka',
    name: 'hb',
    durationMs: 5000,
    producers: [{ id: 'p1', messages: 10 }],
    consumers: [{ id: 'c1', ...consumer }],
  });

describe('Kafka consumer heartbeat and session timeout', () => {
  it('refuses heartbeat.interval.ms equal to or above session.timeout.ms, naming the field', () => {
    for (const hb of [10_000, 20_000]) {
      const r = kafka({ 'session.timeout.ms': 10_000, 'heartbeat.interval.ms': hb });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      const text = describeScenarioError(r.error);
      expect(text).toContain('consumers.0.heartbeat.interval.ms');
      expect(text).toContain(
        `heartbeat.interval.ms (${hb} ms) must be lower than session.timeout.ms (10000 ms)`,
      );
    }
  });

  it('accepts a heartbeat below the session timeout, and the defaults (3 s and 45 s)', () => {
    expect(kafka({ 'session.timeout.ms': 10_000, 'heartbeat.interval.ms': 9_999 }).ok).toBe(true);
    expect(kafka({}).ok).toBe(true);
  });

  it('a lowered session.timeout.ms alone, under the default 3 s heartbeat, is refused too', () => {
    const r = kafka({ 'session.timeout.ms': 2000 });
    expect(r.ok).toBe(false);
  });
});
