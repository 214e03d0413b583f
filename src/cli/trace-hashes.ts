/**
 * Reads a JSON array of scenario documents on stdin and prints their trace hashes as a JSON
 * array, one run each in this fresh process. The determinism test compares them with the hashes
 * its own process computed: a run must not depend on anything a process carries (module state,
 * caches, the order things were loaded in).
 */
import { readFileSync } from 'node:fs';
import { describeScenarioError, parseScenario } from '../scenario/load';
import { runScenario } from '../engine/run';

const docs = JSON.parse(readFileSync(0, 'utf8')) as unknown[];
const hashes = docs.map((d) => {
  const r = parseScenario(d);
  if (!r.ok) throw new Error(describeScenarioError(r.error));
  return runScenario(r.value).traceHash;
});
process.stdout.write(`${JSON.stringify(hashes)}\n`);
