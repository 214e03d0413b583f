/**
 * `npm run check-refs [-- --quick] [-- kafka|rabbitmq]`: records the Kafka hour and the RabbitMQ
 * ten minutes of `npm run bench` whole, then checks each, and prints the check's wall time and
 * the heap it peaked at. The check runs as `checkSteps` (what the web worker drives), so the heap
 * is sampled between its steps, about every millisecond of work; the report is the same as
 * `check` gives (src/engine/check/report-golden.test.ts).
 *
 * Node needs room for the whole recording: `npm run check-refs` passes --max-old-space-size.
 */
import { checkSteps } from '../engine/check/checker';
import { Run } from '../engine/run';
import type { Scenario } from '../scenario/schema';
import { kafkaReferences } from './bench/kafka';
import { rabbitmqReferences } from './bench/rabbitmq';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const which = args.filter((a) => !a.startsWith('--'));
const refs: Scenario[] = [
  ...(which.length === 0 || which.includes('kafka') ? kafkaReferences(quick) : []),
  ...(which.length === 0 || which.includes('rabbitmq') ? rabbitmqReferences(quick) : []),
];

const mb = (b: number) => Math.round(b / 1e6);
/** JS heap plus typed-array backing stores (the columns and the checker's arrays live there). */
const heap = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

for (const s of refs) {
  global.gc?.();
  const h0 = heap();
  const t0 = performance.now();
  const run = new Run(s);
  let peakRun = h0;
  // Sample the heap every simulated second while recording.
  for (let t = 0; t < run.endUs; t += 1_000_000) {
    run.advanceTo(t + 1_000_000);
    peakRun = Math.max(peakRun, heap());
  }
  const head = run.end();
  const runMs = performance.now() - t0;
  const recorded = run.sim.rec.byteSize();
  global.gc?.();
  const before = heap();
  const c0 = performance.now();
  const cpu0 = process.cpuUsage();
  const steps = checkSteps(head.record);
  let peak = before;
  let n = 0;
  let r = steps.next();
  while (!r.done) {
    if (++n % 16 === 0) peak = Math.max(peak, heap());
    r = steps.next();
  }
  const checkMs = performance.now() - c0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  peak = Math.max(peak, heap());
  const rep = r.value;
  process.stdout.write(
    `${s.name}: ${head.events.toLocaleString('en')} events, ${rep.messages.toLocaleString('en')} messages, ` +
      `recorded ${mb(recorded)} MB (${Math.round(recorded / Math.max(1, rep.messages))} B/message) in ${(runMs / 1000).toFixed(1)} s, ` +
      `peak heap while recording ${mb(peakRun)} MB; check ${(checkMs / 1000).toFixed(2)} s wall (${(cpuMs / 1000).toFixed(2)} s CPU) in ${n} steps, ` +
      `heap ${mb(before)} MB before the check, peak ${mb(peak)} MB (+${mb(peak - before)} MB); ` +
      `lost ${rep.counts.lost}, duplicated ${rep.counts.duplicated}, unaccounted ${rep.unaccounted}\n`,
  );
}
