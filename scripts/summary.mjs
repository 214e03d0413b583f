// Sums the Vitest and Playwright JSON reports into the one line CI reads, printed last:
//   `N passed, N failed` (with `, N skipped` appended only when something was skipped).
// Usage: node scripts/summary.mjs [--failed-stage <name>]
// A failed stage counts as at least one failure even when it produced no report (e.g. typecheck).
// Exits 1 when anything failed or when no test ran at all.
import { existsSync, readFileSync } from 'node:fs';

const VITEST_REPORT = 'test-results/vitest.json';
const PLAYWRIGHT_REPORT = 'test-results/playwright.json';

/** @param {string} path */
function readJson(path) {
  if (!existsSync(path)) return undefined;
  try {
    return /** @type {unknown} */ (JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    console.log(`summary: could not parse ${path}: ${String(error)}`);
    return null;
  }
}

/** @param {unknown} value */
function count(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * Vitest's json reporter writes Jest-compatible totals.
 * @param {any} report
 */
function vitestCounts(report) {
  return {
    passed: count(report.numPassedTests),
    failed: count(report.numFailedTests),
    skipped: count(report.numPendingTests) + count(report.numTodoTests),
    // A suite that fails to load (syntax error, bad import) has no failed tests but is a failure.
    errors: count(report.numFailedTestSuites) > 0 && count(report.numFailedTests) === 0 ? 1 : 0,
  };
}

/**
 * Playwright's json reporter: `expected` passed, `unexpected` failed, `flaky` passed on retry.
 * @param {any} report
 */
function playwrightCounts(report) {
  const stats = report.stats ?? {};
  return {
    passed: count(stats.expected) + count(stats.flaky),
    failed: count(stats.unexpected),
    skipped: count(stats.skipped),
    // Global errors (webServer failure, config error) are failures outside any test.
    errors: Array.isArray(report.errors) && report.errors.length > 0 ? 1 : 0,
  };
}

const argv = process.argv.slice(2);
const stageIndex = argv.indexOf('--failed-stage');
const failedStage = stageIndex >= 0 ? argv[stageIndex + 1] : undefined;

let passed = 0;
let failed = 0;
let skipped = 0;
let errors = 0;
const lines = [];

for (const [label, path, toCounts] of /** @type {const} */ ([
  ['unit', VITEST_REPORT, vitestCounts],
  ['e2e', PLAYWRIGHT_REPORT, playwrightCounts],
])) {
  const report = readJson(path);
  if (report === undefined) {
    lines.push(`${label}: no report (${path})`);
    continue;
  }
  if (report === null || typeof report !== 'object') {
    errors += 1;
    lines.push(`${label}: unreadable report (${path})`);
    continue;
  }
  const c = toCounts(report);
  passed += c.passed;
  failed += c.failed;
  skipped += c.skipped;
  errors += c.errors;
  lines.push(`${label}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
}

// Errors outside tests and failed stages count as one failure each unless tests already failed.
if (failed === 0 && errors > 0) failed = 1;
if (failedStage !== undefined) {
  lines.push(`stage failed: ${failedStage}`);
  if (failed === 0) failed = 1;
}
if (passed + failed === 0) lines.push('no test ran: that counts as a failure');

console.log('--- summary ---');
for (const line of lines) console.log(line);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
