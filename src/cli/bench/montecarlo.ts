/**
 * The Monte Carlo figure of `npm run bench`: 1,000 seeds of the acks=1 leader-crash preset with
 * the crash at a random moment (the preset's default fault model), each recorded and checked, on
 * the worker-thread pool `npm run sim -- --seeds` uses. Reports wall time and the CPU time of the
 * whole process (main thread and workers), since on a shared machine the wall time says more
 * about the neighbours than about the engine.
 */
import { availableParallelism } from 'node:os';
import { presetByName } from '../../scenario/presets';
import { defaultModel, parseFaultModel } from '../../scenario/faultmodel';
import type { Scenario } from '../../scenario/schema';
import { runMonteCarlo } from '../montecarlo';

export interface MonteCarloFigures {
  scenario: string;
  seeds: number;
  workers: number;
  wallSec: number;
  /** User + system CPU seconds of the process, workers included. */
  cpuSec: number;
  /** CPU seconds per seed (thread start-up included). */
  cpuMsPerSeed: number;
  /** What the run would take with the machine's cores to itself: cpuSec / workers. */
  idleEstimateSec: number;
  goalSec: number;
  lostAtLeastOne: { p: number; low: number; high: number };
  failed: number;
}

export async function monteCarloFigures(seeds: number): Promise<MonteCarloFigures> {
  const s = presetByName('kafka-acks1-leader-crash') as Scenario;
  const m = parseFaultModel(defaultModel(s), s, seeds);
  if (!m.ok) throw new Error(`bench fault model refused: ${JSON.stringify(m.issues)}`);
  const cpu0 = process.cpuUsage();
  const out = await runMonteCarlo([s], m.value, { seeds, workers: availableParallelism() });
  const cpu = process.cpuUsage(cpu0);
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  const sum = out.summaries[0];
  const lost = sum?.kinds.find((k) => k.kind === 'lost')?.atLeastOne ?? { p: 0, low: 0, high: 1 };
  return {
    scenario: s.name,
    seeds,
    workers: out.workers,
    wallSec: Number((out.wallMs / 1000).toFixed(1)),
    cpuSec: Number(cpuSec.toFixed(1)),
    cpuMsPerSeed: Math.round((cpuSec * 1000) / seeds),
    idleEstimateSec: Number((cpuSec / out.workers).toFixed(1)),
    goalSec: 60,
    lostAtLeastOne: {
      p: Number(lost.p.toFixed(4)),
      low: Number(lost.low.toFixed(4)),
      high: Number(lost.high.toFixed(4)),
    },
    failed: sum?.failed.length ?? 0,
  };
}
