/**
 * `cluster_partition_handling` (curriculum E6): the same partition of a mirrored queue's leader
 * under `ignore` (split brain that outlives the partition), `autoheal` (the losing side restarts
 * and drops what it took meanwhile) and `pause_minority` (the minority stops serving).
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../run';
import type { RabbitMqModel } from './index';
import { rabbitScenario } from './testing';
import { Run } from '../../run';

function runMode(mode: 'ignore' | 'autoheal' | 'pause_minority'): {
  r: RunResult;
  model: RabbitMqModel;
} {
  const run = new Run(
    rabbitScenario({
      durationMs: 30_000,
      cluster: {
        nodes: ['rabbit-1', 'rabbit-2', 'rabbit-3'],
        partitionHandling: mode,
        netTicktimeMs: 2000,
      },
      vhosts: [{ queues: [{ name: 'q', node: 'rabbit-1' }] }],
      policies: [{ name: 'ha', pattern: '.*', definition: { 'ha-mode': 'all' } }],
      publishers: [
        {
          id: 'p1',
          node: 'rabbit-1',
          routingKeys: ['q'],
          ratePerSec: 50,
          messages: 1000,
          confirms: true,
          confirmTimeoutMs: 5000,
          reconnectDelayMs: 500,
        },
        {
          id: 'p2',
          node: 'rabbit-2',
          routingKeys: ['q'],
          ratePerSec: 50,
          messages: 1000,
          confirms: true,
          confirmTimeoutMs: 5000,
          reconnectDelayMs: 500,
        },
      ],
      consumers: [
        { id: 'c1', queue: 'q', node: 'rabbit-2', startMs: 25_000, reconnectDelayMs: 500 },
      ],
      faults: [
        {
          atMs: 2000,
          type: 'split',
          sides: [
            ['rabbit-1', 'p1'],
            ['rabbit-2', 'rabbit-3', 'p2', 'c1'],
          ],
        },
        { atMs: 12_000, type: 'heal' },
      ],
    }),
  );
  const r = run.finish();
  return { r, model: run.model as RabbitMqModel };
}

const leaders = (m: RabbitMqModel) =>
  m
    .view()
    .nodes.filter((n) => n.leads.includes('q'))
    .map((n) => n.id);

describe('cluster_partition_handling', () => {
  it('ignore: both sides promote and keep leading after the heal (split brain)', () => {
    const { r, model } = runMode('ignore');
    expect(r.report.unaccounted).toBe(0);
    expect(leaders(model).sort()).toEqual(['rabbit-1', 'rabbit-2']);
    expect(r.record.journal.some((e) => e.data?.['reason'] === 'partition-leader-replaced')).toBe(
      false,
    );
  });

  it('autoheal: the side with fewer clients restarts and loses what only it had', () => {
    const { r, model } = runMode('autoheal');
    expect(r.report.unaccounted).toBe(0);
    expect(leaders(model)).toEqual(['rabbit-2']);
    const restart = r.record.journal.find(
      (e) => e.kind === 'partition' && e.data?.['autoheal'] === 'restart',
    );
    expect(restart?.node).toBe('rabbit-1');
    expect(
      r.record.journal.some(
        (e) => e.kind === 'crash' && e.node === 'rabbit-1' && e.cause === restart?.id,
      ),
    ).toBe(true);
    const lost = r.report.anomalies.filter((a) => a.kind === 'lost');
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.every((a) => a.details.producer?.result === 'ack')).toBe(true);
  });

  it('pause_minority: the minority pauses, one leader remains after the heal', () => {
    const { r, model } = runMode('pause_minority');
    expect(r.report.unaccounted).toBe(0);
    expect(leaders(model)).toEqual(['rabbit-2']);
    expect(r.record.journal.some((e) => e.kind === 'pause' && e.node === 'rabbit-1')).toBe(true);
  });
});
