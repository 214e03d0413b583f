#!/usr/bin/env node
/* global window, document, requestAnimationFrame, requestIdleCallback -- page.evaluate callbacks run in the browser */
// @ts-nocheck -- plain Node script; the typed test hook it drives is src/ui/testHook.ts
/**
 * `npm run bench:ui`: drives the built app (run `npm run build` first) in headless Chromium at
 * 1280x720 and prints medians of 3 runs of 10 s: frames per second, frame time p50/p95/p99, the
 * share of frames longer than 25 ms (missed), JS heap, worker-to-UI bytes per second, time to
 * first render, the gzip size of the shipped JavaScript, a lesson's first frame after choosing it
 * on the home screen, seek latency, and the breaking point (how many messages can move on screen
 * before more than 5% of frames are missed).
 *
 * Heavy scenario: Kafka, 9 brokers, 30 partitions with replication factor 3, 20 consumers,
 * consumers consuming the whole time. A benchmark, not a test: it prints figures and never fails
 * on them. Options: --quick (1 run of 4 s), --port N, --presenter (only the presenter variant:
 * the heavy scenario at 1920x1080 in presenter mode, the cluster zoomed to fill the screen),
 * --first (only the first-load figures: time to first render, JS before it, lesson first frames),
 * --montecarlo [N] (only Monte Carlo in the browser: N seeds, 1,000 by default, of the acks=1
 * leader-crash preset through the app's own panel and Web Worker pool, from Run to the last seed).
 * --presenter --trace (CPU ms per frame from a Chromium trace, lab view vs presenter mode: a cost
 * that a loaded machine does not distort the way it distorts frames per second).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { heavyKafka } from './heavy-scenario.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : 4179;
const presenterOnly = args.includes('--presenter');
const firstOnly = args.includes('--first');
const mcArg = args.indexOf('--montecarlo');
const mcSeeds = mcArg >= 0 ? Number(args[mcArg + 1]) || 1000 : 0;
const RUNS = quick ? 1 : 3;
const SECONDS = quick ? 4 : 10;
const base = `http://127.0.0.1:${port}/`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 2)];
};
const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
};

/** A 10-minute single-node run with steady traffic and a broker crash halfway. */
function tenMinutes() {
  return {
    version: 1,
    system: 'single-node',
    name: 'bench-ten-minutes',
    seed: 3,
    durationMs: 600_000,
    producers: [
      { id: 'p1', ratePerSec: 50, messages: 30_000, keys: 8, reconnectDelayMs: 1000 },
      { id: 'p2', ratePerSec: 50, messages: 30_000, keys: 8, reconnectDelayMs: 1000 },
    ],
    consumers: [
      { id: 'c1', prefetch: 20, processingMs: { kind: 'fixed', ms: 5 }, reconnectDelayMs: 1000 },
      { id: 'c2', prefetch: 20, processingMs: { kind: 'fixed', ms: 5 }, reconnectDelayMs: 1000 },
    ],
    faults: [
      { atMs: 300_000, type: 'crash', node: 'broker-1' },
      { atMs: 302_000, type: 'restart', node: 'broker-1' },
    ],
  };
}

/** Fallback when the Kafka model is not in this build: one broker, the same client counts. */
function heavySingleNode() {
  return {
    version: 1,
    system: 'single-node',
    name: 'bench-heavy-single-node',
    seed: 7,
    durationMs: 60_000,
    producers: Array.from({ length: 10 }, (_, i) => ({
      id: `p${i + 1}`,
      ratePerSec: 300,
      messages: 18_000,
      keys: 64,
    })),
    consumers: Array.from({ length: 20 }, (_, i) => ({
      id: `c${i + 1}`,
      prefetch: 50,
      processingMs: { kind: 'fixed', ms: 1 },
    })),
  };
}

async function waitPreview() {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(base);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not start on ${base}`);
}

async function openApp(browser, doc, viewport = { width: 1280, height: 720 }) {
  const page = await browser.newPage({ viewport, locale: 'en-US' });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(base);
  await page.waitForFunction(() => window.__brokerlab?.state().phase === 'ready', null, {
    timeout: 120_000,
  });
  if (doc) {
    await page.evaluate((d) => window.__brokerlab.loadDoc(d), doc);
    await page.waitForFunction(
      () => {
        const s = window.__brokerlab.state();
        return s.phase === 'ready' || s.phase === 'error';
      },
      null,
      { timeout: 300_000, polling: 500 },
    );
    const st = await page.evaluate(() => window.__brokerlab.state().phase);
    if (st !== 'ready') {
      await page.close();
      return null;
    }
  }
  return { page, errors };
}

async function measurePlay(page, seconds, speed, maxFlights) {
  await page.evaluate(
    ([s, m]) => {
      const h = window.__brokerlab;
      h.setSpeed(s);
      h.setMaxFlights(m ?? undefined);
      h.play();
      h.measure(true);
    },
    [speed, maxFlights],
  );
  const samples = [];
  const drawnSamples = [];
  const t0 = Date.now();
  while (Date.now() - t0 < seconds * 1000) {
    await page.waitForTimeout(500);
    const s = await page.evaluate(() => window.__brokerlab.state());
    samples.push(s.flights + s.aggregated);
    drawnSamples.push(s.flights);
  }
  const r = await page.evaluate(() => {
    const h = window.__brokerlab;
    const out = h.measure(false);
    return { ...out, heap: h.heapBytes() };
  });
  const ft = r.frameMs.slice(1);
  const total = ft.reduce((a, b) => a + b, 0) / 1000;
  return {
    fps: ft.length / Math.max(0.001, total),
    p50: q(ft, 0.5),
    p95: q(ft, 0.95),
    p99: q(ft, 0.99),
    missed: ft.filter((x) => x > 25).length / Math.max(1, ft.length),
    heapMB: r.heap === null ? NaN : r.heap / 1e6,
    bytesPerSec: r.bytes / Math.max(0.001, total),
    moving: median(samples),
    drawn: median(drawnSamples),
    frames: ft.length,
  };
}

function summarize(label, runs) {
  const m = (k) => median(runs.map((r) => r[k]));
  console.log(`\n## ${label} (median of ${runs.length} run(s) of ${SECONDS} s)`);
  console.log(`fps                      ${m('fps').toFixed(1)}`);
  console.log(
    `frame time p50/p95/p99   ${m('p50').toFixed(1)} / ${m('p95').toFixed(1)} / ${m('p99').toFixed(1)} ms`,
  );
  console.log(`frames > 25 ms (missed)  ${(m('missed') * 100).toFixed(2)} %`);
  console.log(`JS heap                  ${m('heapMB').toFixed(1)} MB`);
  console.log(`worker -> UI             ${(m('bytesPerSec') / 1024).toFixed(1)} KiB/s`);
  console.log(`messages moving on screen ${m('moving').toFixed(0)}`);
}

/**
 * A lesson's first frame (issue 12: within 1 s): from a click on its button on the home screen (a
 * fresh page, the default scenario computed, the page idle as when a person reads the home) to the
 * first cluster frame of the lesson's scenario, painted. Its document and its run start on that
 * click. One page a lesson.
 */
async function lessonFirstFrames(browser) {
  const home = await openApp(browser, null);
  // The home loads after the first cluster frame is painted (src/ui/afterFirstFrame.ts).
  await home.page.locator('li[data-lesson]').first().waitFor();
  const ids = await home.page
    .locator('li[data-lesson]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-lesson')));
  await home.page.close();
  const out = [];
  for (const id of ids) {
    const app = await openApp(browser, null);
    await app.page.locator('li[data-lesson]').first().waitFor();
    await app.page.evaluate(
      () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 })),
    );
    // A second, as a person takes to read the home before choosing.
    await app.page.waitForTimeout(1000);
    const { ms, openMs } = await app.page.evaluate(
      (lessonId) =>
        new Promise((resolve, reject) => {
          const h = window.__brokerlab;
          const before = h.state().runId;
          const button = document.querySelector(`li[data-lesson="${lessonId}"] button`);
          if (!button) return reject(new Error(`no button for lesson ${lessonId}`));
          const t0 = performance.now();
          let openMs = null;
          button.click();
          const tick = () => {
            const s = h.state();
            // The lesson is loaded and checked, and its run starts.
            if (s.runId > before) openMs ??= performance.now() - t0;
            // The lesson's run has its first frame in the store; the next animation frame paints it.
            if (s.runId > before && s.frameRunId === s.runId)
              return requestAnimationFrame(() => resolve({ ms: performance.now() - t0, openMs }));
            if (performance.now() - t0 > 60_000) return reject(new Error(`no frame: ${lessonId}`));
            requestAnimationFrame(tick);
          };
          tick();
        }),
      id,
    );
    out.push({ id, ms, openMs });
    await app.page.close();
  }
  return out;
}

function reportLessons(lessons) {
  const worst = lessons.reduce((a, b) => (b.ms > a.ms ? b : a), lessons[0]);
  console.log(
    `lesson first frame       median ${median(lessons.map((l) => l.ms)).toFixed(0)} ms, max ${worst.ms.toFixed(0)} ms (${worst.id}) over ${lessons.length} lessons (click on the home to its first cluster frame)`,
  );
  console.log(
    `  of which loading and checking the lesson: median ${median(lessons.map((l) => l.openMs)).toFixed(0)} ms (the rest is its run's first frame)`,
  );
  for (const l of lessons)
    console.log(
      `  ${l.id.padEnd(28)} ${l.ms.toFixed(0).padStart(6)} ms (open ${l.openMs.toFixed(0)} ms)`,
    );
}

/**
 * The heavy scenario at 1920x1080 in presenter mode (P), the cluster zoomed to the screen, and,
 * interleaved with it so both meet the same load on a shared machine, the lab view at that size.
 */
async function presenterBench(browser) {
  const runs = { lab: [], presenter: [] };
  let name = '';
  for (let i = 0; i < RUNS; i++) {
    for (const mode of ['lab', 'presenter']) {
      let doc = heavyKafka();
      let app = await openApp(browser, doc, { width: 1920, height: 1080 });
      if (!app) {
        doc = heavySingleNode();
        app = await openApp(browser, doc, { width: 1920, height: 1080 });
      }
      if (!app) throw new Error('the heavy scenario did not run');
      name = doc.name;
      if (mode === 'presenter') {
        await app.page.keyboard.press('p');
        await app.page.waitForSelector('[data-testid="presenter"] .stage-wrap svg g.node');
      }
      runs[mode].push(await measurePlay(app.page, SECONDS, 1));
      await app.page.close();
    }
  }
  summarize(`${name} at 1x, lab view at 1920x1080`, runs.lab);
  summarize(`${name} at 1x, presenter mode at 1920x1080`, runs.presenter);
}

/**
 * Monte Carlo in the browser, as a learner runs it: the acks=1 leader-crash preset, the panel's
 * default fault model (a crash at a random moment), N seeds on the page's worker pool. The time is
 * the panel's own, from Run to the last seed reported (what the progress line shows).
 */
async function monteCarloBench(browser) {
  const doc = JSON.parse(
    readFileSync('src/scenario/presets/kafka/acks1-leader-crash.json', 'utf8'),
  );
  const app = await openApp(browser, doc);
  if (!app) throw new Error('the Monte Carlo preset did not load');
  const { page } = app;
  const workers = await page.evaluate(() => navigator.hardwareConcurrency);
  await page.getByRole('button', { name: 'Monte Carlo' }).click();
  const panel = page.getByRole('dialog', { name: /Monte Carlo/ });
  await panel.getByTestId('mc-seeds').fill(String(mcSeeds));
  const t0 = Date.now();
  await panel.getByRole('button', { name: 'Run' }).click();
  await page.waitForSelector('[data-testid="mc-progress"][data-status="done"]', {
    timeout: 1_800_000,
    state: 'attached',
  });
  const wall = (Date.now() - t0) / 1000;
  const line = await panel.getByTestId('mc-progress').textContent();
  const lost = await panel.getByTestId('mc-kind-lost').getByTestId('mc-p').textContent();
  console.log(`# Monte Carlo in Chromium: ${mcSeeds} seeds of ${doc.name}, ${workers} workers`);
  console.log(`wall (Run to done, measured by the script) ${wall.toFixed(1)} s; panel: ${line}`);
  console.log(`P(at least one lost): ${lost}`);
  if (app.errors.length > 0) console.log(`page errors: ${app.errors.join('; ')}`);
  await page.close();
}

/** Trace categories: top-level tasks per thread, and the timeline's named work (script, style...). */
const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
];

/**
 * CPU cost per frame from a Chromium trace, which (unlike frames per second) holds up on a loaded
 * machine: busy ms per frame on the page's main thread, split by the work's name (self time: a
 * script's time excludes the layout it forced), and on the threads beside it (compositor, raster,
 * the display compositor of the GPU process, the simulation worker).
 */
function traceCost(buffer, frames) {
  const events = JSON.parse(buffer.toString('utf8')).traceEvents ?? [];
  const names = new Map();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name')
      names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || typeof e.dur !== 'number') continue;
    // Thread time (CPU), not wall time: on a loaded machine a descheduled thread's wall time grows.
    e.cpu = typeof e.tdur === 'number' ? e.tdur : e.dur;
    const k = `${e.pid}:${e.tid}`;
    let list = byThread.get(k);
    if (!list) byThread.set(k, (list = []));
    list.push(e);
  }
  // Busy time: the union of the thread's top-level tasks (task events can nest in each other).
  const busy = (list) => {
    const tasks = list
      .filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask')
      .sort((a, b) => a.ts - b.ts);
    let total = 0;
    let end = -Infinity;
    for (const e of tasks) {
      const from = Math.max(e.ts, end);
      const to = e.ts + e.dur;
      // Of a task that overlaps the one before, only the part after it counts.
      if (to > from) total += (e.cpu * (to - from)) / Math.max(1, e.dur);
      end = Math.max(end, to);
    }
    return total / 1000;
  };
  // The page's main thread: the renderer main thread that worked most (a spare renderer idles).
  let main = null;
  for (const [k, list] of byThread)
    if (names.get(k) === 'CrRendererMain' && (!main || busy(list) > busy(byThread.get(main))))
      main = k;
  const perThread = {};
  for (const [k, list] of byThread) {
    const name = (names.get(k) ?? '?').replace(/\d+$/, '');
    const group =
      k === main
        ? 'page main thread'
        : name === 'DedicatedWorker thread'
          ? 'simulation worker'
          : name === 'Compositor'
            ? 'compositor'
            : name.startsWith('CompositorTileWorker')
              ? 'raster'
              : name === 'VizCompositorThread' || name === 'CrGpuMain'
                ? 'display compositor (GPU process)'
                : `other: ${name}`;
    perThread[group] = (perThread[group] ?? 0) + busy(list);
  }
  // Self time by name on the main thread: nested complete events, children subtracted.
  const self = {};
  const list = (byThread.get(main) ?? []).slice().sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const stack = [];
  for (const e of list) {
    while (stack.length > 0 && stack[stack.length - 1].end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self[parent.name] = (self[parent.name] ?? 0) - e.cpu / 1000;
    self[e.name] = (self[e.name] ?? 0) + e.cpu / 1000;
    stack.push({ name: e.name, end: e.ts + e.dur });
  }
  delete self['ThreadControllerImpl::RunTask'];
  delete self['RunTask'];
  const per = (x) => x / Math.max(1, frames);
  return {
    threads: Object.fromEntries(
      Object.entries(perThread)
        .map(([k, v]) => [k, per(v)])
        .filter(([k, v]) => !k.startsWith('other') || v >= 0.2),
    ),
    main: Object.fromEntries(
      Object.entries(self)
        .map(([k, v]) => [k, per(v)])
        .filter(([, v]) => v >= 0.05)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12),
    ),
  };
}

/**
 * `--presenter --trace`: the heavy scenario played with Chromium tracing on, in the lab view at
 * 1280x720 (the size of the README's 58.4 fps figures), the lab view at 1920x1080 and presenter
 * mode at 1920x1080, interleaved; prints CPU ms per frame on each thread and the main thread's
 * work by name. Frames are the page's animation frames over the traced seconds.
 */
async function presenterTrace(browser) {
  const modes = [
    { name: 'lab 1280x720', viewport: { width: 1280, height: 720 }, present: false },
    { name: 'lab 1920x1080', viewport: { width: 1920, height: 1080 }, present: false },
    { name: 'presenter 1920x1080', viewport: { width: 1920, height: 1080 }, present: true },
  ];
  const out = new Map(modes.map((m) => [m.name, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const mode of modes) {
      const app = await openApp(browser, heavyKafka(), mode.viewport);
      if (!app) throw new Error('the heavy scenario did not run');
      if (mode.present) {
        await app.page.keyboard.press('p');
        await app.page.waitForSelector('[data-testid="presenter"] .stage-wrap svg g.node');
      }
      await browser.startTracing(app.page, { categories: TRACE_CATEGORIES });
      const play = await measurePlay(app.page, SECONDS, 1);
      const buffer = await browser.stopTracing();
      out
        .get(mode.name)
        .push({ ...traceCost(buffer, play.frames), fps: play.fps, missed: play.missed });
      await app.page.close();
    }
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(
    `\n## CPU ms per frame, heavy Kafka scenario at 1x (median of ${RUNS} run(s) of ${SECONDS} s; load ${load})`,
  );
  for (const [name, runs] of out) {
    const m = (f) => median(runs.map(f));
    const threads = [...new Set(runs.flatMap((r) => Object.keys(r.threads)))];
    console.log(
      `\n### ${name}: ${m((r) => r.fps).toFixed(1)} fps, ${(m((r) => r.missed) * 100).toFixed(1)} % missed`,
    );
    for (const t of threads)
      console.log(`  ${t.padEnd(34)} ${m((r) => r.threads[t] ?? 0).toFixed(2)} ms/frame`);
    const work = [...new Set(runs.flatMap((r) => Object.keys(r.main)))];
    const rows = work
      .map((w) => [w, m((r) => r.main[w] ?? 0)])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10);
    console.log('  main thread by work (self time):');
    for (const [w, v] of rows) console.log(`    ${w.padEnd(32)} ${v.toFixed(2)} ms/frame`);
  }
}

async function main() {
  const dist = 'dist/assets';
  const js = readdirSync(dist).filter((f) => f.endsWith('.js'));
  const gz = js.reduce((n, f) => n + gzipSync(readFileSync(join(dist, f))).length, 0);
  const preview = spawn(
    'node_modules/.bin/vite',
    ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { stdio: 'ignore' },
  );
  try {
    await waitPreview();
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'],
    });
    if (mcSeeds > 0) {
      await monteCarloBench(browser);
      await browser.close();
      return;
    }
    if (presenterOnly) {
      if (args.includes('--trace')) await presenterTrace(browser);
      else await presenterBench(browser);
      await browser.close();
      return;
    }
    console.log('# Brokerlab UI benchmark (headless Chromium, 1280x720)');
    console.log(`shipped JavaScript (gzip) ${(gz / 1024).toFixed(1)} KiB in ${js.length} files`);

    const ttfr = [];
    const shell = [];
    const painted = [];
    let firstJs = [];
    const light = [];
    // --first takes more samples of the first load (each is about a second): one is noise on a
    // shared machine.
    const firstRuns = firstOnly ? (quick ? 5 : 9) : RUNS;
    for (let i = 0; i < firstRuns; i++) {
      const app = await openApp(browser, null);
      ttfr.push(await app.page.evaluate(() => window.__brokerlab.firstFrameMs()));
      // First paint of anything (the shell: top bar, empty panels) and the moment the first cluster
      // frame is painted (the mark src/ui/boot.tsx sets after the paint that shows the frame).
      await app.page.waitForFunction(
        () => performance.getEntriesByName('brokerlab:first-cluster-paint').length > 0,
      );
      const t = await app.page.evaluate(() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        painted: performance.getEntriesByName('brokerlab:first-cluster-paint')[0].startTime,
      }));
      shell.push(t.fcp);
      painted.push(t.painted);
      // The page's JavaScript fetched before the first cluster frame was painted (the rest loads
      // when needed).
      const before = await app.page.evaluate(
        (until) =>
          performance
            .getEntriesByType('resource')
            .filter((e) => e.name.endsWith('.js') && e.startTime <= until)
            .map((e) => e.name.split('/').pop()),
        t.painted,
      );
      firstJs = before.filter((f) => !f.startsWith('sim.worker'));
      if (!firstOnly) light.push(await measurePlay(app.page, SECONDS, 1));
      await app.page.close();
    }
    console.log(
      `time to first render     ${median(ttfr).toFixed(0)} ms (navigation to first cluster frame)`,
    );
    console.log(
      `  first paint (shell)    ${median(shell).toFixed(0)} ms (first contentful paint: top bar, panels)`,
    );
    console.log(
      `  first cluster painted  ${median(painted).toFixed(0)} ms (the default scenario's cluster on screen; samples ${painted.map((x) => x.toFixed(0)).join(', ')})`,
    );
    const firstGz = firstJs.reduce((n, f) => n + gzipSync(readFileSync(join(dist, f))).length, 0);
    console.log(
      `JS before first frame    ${(firstGz / 1024).toFixed(1)} KiB gzip in ${firstJs.length} file(s) (page; the worker loads beside it)`,
    );
    reportLessons(await lessonFirstFrames(browser));
    if (firstOnly) {
      await browser.close();
      return;
    }
    summarize('default scenario at 1x', light);

    let heavyDoc = heavyKafka();
    let probe = await openApp(browser, heavyDoc);
    if (!probe) {
      console.log(
        '\n(the Kafka model is not available in this build: heavy scenario falls back to single-node)',
      );
      heavyDoc = heavySingleNode();
      probe = await openApp(browser, heavyDoc);
    }
    if (!probe) throw new Error('the heavy scenario did not run');
    // Seek latency: random moments, forward and back, on the finished heavy run.
    const seeks = [];
    for (let i = 0; i < 20; i++) {
      const us = Math.round(((i * 7919) % 27) * 1_000_000 + 300_000);
      seeks.push(await probe.page.evaluate((t) => window.__brokerlab.seekAndWait(t), us));
    }
    console.log(
      `\n## ${heavyDoc.name}: seek latency (20 seeks): median ${median(seeks).toFixed(1)} ms, max ${Math.max(...seeks).toFixed(1)} ms`,
    );
    await probe.page.close();

    // Seek on a 10-minute run: frames are recorded during the forward pass, so seeking anywhere
    // in a long run costs what it costs in a short one (the bound: 100 ms).
    const longApp = await openApp(browser, tenMinutes());
    if (longApp) {
      const longSeeks = [];
      for (let i = 0; i < 20; i++) {
        const us = Math.round(((i * 7919) % 599) * 1_000_000 + 500_000);
        longSeeks.push(await longApp.page.evaluate((t) => window.__brokerlab.seekAndWait(t), us));
      }
      console.log(
        `## ten-minute run: seek latency (20 seeks, forward and back): median ${median(longSeeks).toFixed(1)} ms, max ${Math.max(...longSeeks).toFixed(1)} ms`,
      );
      await longApp.page.close();
    }
    const heavy = [];
    for (let i = 0; i < RUNS; i++) {
      const app = await openApp(browser, heavyDoc);
      heavy.push(await measurePlay(app.page, SECONDS, 1));
      await app.page.close();
    }
    summarize(`${heavyDoc.name} at 1x`, heavy);

    console.log('\n## breaking point (messages drawn one by one, heavy scenario at 2x, 5 s each)');
    // The breaking point is between the last load that kept to 5% and the first that did not.
    let lastOk = null;
    let firstBad = null;
    const app = await openApp(browser, heavyDoc);
    for (const n of [250, 500, 1000, 2000, 4000, 8000]) {
      const r = await measurePlay(app.page, quick ? 3 : 5, 2, n);
      console.log(
        `  cap ${String(n).padStart(5)}: ${r.drawn.toFixed(0).padStart(5)} drawn one by one (${r.moving.toFixed(0)} moving in all), ${r.fps.toFixed(1)} fps, missed ${(r.missed * 100).toFixed(1)} %`,
      );
      if (r.missed > 0.05) {
        firstBad = r.drawn;
        break;
      }
      lastOk = r.drawn;
      // The run ran on at 2x: start the next load from the same busy moment.
      await app.page.evaluate(() => window.__brokerlab.seekAndWait(1_000_000));
    }
    console.log(
      firstBad === null
        ? `breaking point: not reached (${lastOk?.toFixed(0)} messages drawn one by one kept to 5 %)`
        : lastOk === null
          ? `breaking point: below ${firstBad.toFixed(0)} messages drawn one by one`
          : `breaking point: between ${lastOk.toFixed(0)} and ${firstBad.toFixed(0)} messages drawn one by one`,
    );
    await presenterBench(browser);
    await browser.close();
  } finally {
    preview.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
