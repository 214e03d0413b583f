/**
 * The worker's handler, driven in Node with a fake clock and a queue standing in for
 * `setTimeout(f, 0)`: each queued callback is one slice, and a request delivered between two
 * callbacks is what the browser does with a message that arrives during a slice.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../scenario/presets';
import { PROTOCOL_VERSION, type WorkerRequest, type WorkerResponse } from './protocol';
import { simHandler } from './sim-handler';

type Progress = Extract<WorkerResponse, { type: 'progress' }>;

function host() {
  const posted: WorkerResponse[] = [];
  const queue: (() => void)[] = [];
  // Each look at the clock takes 1 ms: a slice (12 ms) does about a dozen units of work.
  let now = 0;
  const handle = simHandler({
    post: (r) => posted.push(r),
    clock: () => (now += 1),
    later: (f) => queue.push(f),
  });
  const send = (req: Record<string, unknown>) =>
    handle({ v: PROTOCOL_VERSION, ...req } as WorkerRequest);
  /** Runs one slice; false when nothing is queued. */
  const slice = (): boolean => {
    const f = queue.shift();
    f?.();
    return f !== undefined;
  };
  const reply = (id: number) =>
    posted.find((r) => 'ok' in r && r.id === id) as
      Extract<WorkerResponse, { ok: boolean }> | undefined;
  const checking = () =>
    posted.filter(
      (r): r is Progress => 'type' in r && r.type === 'progress' && r.checked !== undefined,
    );
  return { posted, queue, send, slice, reply, checking };
}

// Many anomalies with long chains: its check takes a few hundred slices of this fake clock.
const preset = PRESETS.find((p) => p.name === 'kafka-e4-replication');

describe('sim worker handler: the end-of-run check runs in slices', () => {
  it('reports check progress, and a cancel during the check is answered at the next slice boundary', () => {
    const h = host();
    h.send({ id: 1, type: 'load', runId: 1, scenario: preset });
    // Run slices until the engine is done and the check has made visible progress.
    let guard = 0;
    while (h.checking().filter((p) => (p.checked ?? 0) > 0.05).length === 0) {
      expect(h.slice()).toBe(true);
      expect(++guard).toBeLessThan(200_000);
    }
    const seen = h.checking().map((p) => p.checked as number);
    expect(seen.every((c, i) => c >= 0 && c < 1 && (i === 0 || c >= (seen[i - 1] as number)))).toBe(
      true,
    );
    expect(h.reply(1)).toBeUndefined();
    expect(h.queue.length).toBe(1);

    // The cancel arrives between two slices: it is answered at once ...
    h.send({ id: 2, type: 'cancel', runId: 1 });
    expect(h.reply(2)).toMatchObject({ ok: true, type: 'cancelled' });
    expect(h.reply(1)).toBeUndefined();
    // ... and the load is answered by the very next slice, with what the run got.
    expect(h.slice()).toBe(true);
    const loaded = h.reply(1);
    expect(loaded).toMatchObject({ ok: true, type: 'loaded' });
    const summary = loaded && loaded.ok && loaded.type === 'loaded' ? loaded.summary : null;
    expect(summary?.stopped?.reason).toBe('cancelled');
    // The cancel reply said where it stopped, as the summary does, before the summary came.
    const cancelled = h.reply(2);
    expect(
      cancelled && cancelled.ok && cancelled.type === 'cancelled' && cancelled.stopped,
    ).toEqual(summary?.stopped);
    // The engine had finished: the stopped run keeps every frame, to the end.
    expect(summary?.simulatedUs).toBe((preset?.durationMs ?? 0) * 1000);
    expect(h.queue.length).toBe(0);
  }, 120_000);

  it('without a cancel, the sliced check ends with the full report', () => {
    const h = host();
    const small = PRESETS.find((p) => p.name === 'kafka-acks1-leader-crash');
    h.send({ id: 1, type: 'load', runId: 1, scenario: small });
    while (h.slice()) {
      /* next slice */
    }
    const loaded = h.reply(1);
    expect(loaded).toMatchObject({ ok: true, type: 'loaded' });
    const summary = loaded && loaded.ok && loaded.type === 'loaded' ? loaded.summary : null;
    expect(summary?.stopped).toBeUndefined();
    expect(summary?.counts.lost).toBeGreaterThan(0);
    expect(h.checking().length).toBeGreaterThan(0);
  }, 60_000);

  it('a chain request returns the cause chain of one anomaly of the finished run', () => {
    const h = host();
    const small = PRESETS.find((p) => p.name === 'kafka-acks1-leader-crash');
    h.send({ id: 1, type: 'load', runId: 1, scenario: small });
    while (h.slice()) {
      /* next slice */
    }
    const loaded = h.reply(1);
    const summary = loaded && loaded.ok && loaded.type === 'loaded' ? loaded.summary : null;
    const last = (summary?.anomalies.length ?? 0) - 1;
    expect(last).toBeGreaterThan(0);
    // Short chains cross inline; the same chain comes back on request.
    const inline = summary?.anomalies[last];
    expect(inline?.chainOmitted).toBeUndefined();
    h.send({ id: 2, type: 'chain', runId: 1, index: last });
    const r = h.reply(2);
    expect(r && r.ok && r.type === 'chain' ? r.chain : null).toEqual(inline?.chain);
    // Another run's or a missing anomaly's chain is refused, not guessed.
    h.send({ id: 3, type: 'chain', runId: 9, index: 0 });
    expect(h.reply(3)).toMatchObject({ ok: false });
    h.send({ id: 4, type: 'chain', runId: 1, index: last + 100_000 });
    expect(h.reply(4)).toMatchObject({ ok: false });
  }, 60_000);
});
