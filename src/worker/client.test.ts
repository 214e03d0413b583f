import { describe, expect, it } from 'vitest';
import { PRESET_DOCUMENTS } from '../scenario/presets';
import { SimClient, SimError, type ClientTimings } from './client';
import { PROTOCOL_VERSION, type WorkerRequest, type WorkerResponse } from './protocol';

/** A fake Worker that answers like the real one would, or fails on demand. */
class FakeWorker {
  onmessage: ((ev: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  sent: WorkerRequest[] = [];
  postMessage(req: WorkerRequest): void {
    this.sent.push(req);
  }
  terminate(): void {}
  reply(r: WorkerResponse): void {
    this.onmessage?.({ data: r } as MessageEvent<WorkerResponse>);
  }
}

function client(timings: Partial<ClientTimings> = {}) {
  const workers: FakeWorker[] = [];
  const crashes: SimError[] = [];
  const c = new SimClient(
    { progress: () => undefined, crashed: (e) => crashes.push(e) },
    () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
    timings,
  );
  return { c, workers, crashes };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SimClient', () => {
  it('rejects every pending request when the worker errors, and reports the crash', async () => {
    const { c, workers, crashes } = client();
    const a = c.frame(0, 0, 0);
    const b = c.crashEngine();
    workers[0]?.onerror?.({ message: 'boom', preventDefault: () => undefined } as ErrorEvent);
    await expect(a).rejects.toMatchObject({ kind: 'worker-crashed' });
    await expect(b).rejects.toMatchObject({ kind: 'worker-crashed' });
    expect(crashes).toHaveLength(1);
  });

  it('rejects on messageerror', async () => {
    const { c, workers } = client();
    const a = c.frame(0, 0, 0);
    workers[0]?.onmessageerror?.();
    await expect(a).rejects.toMatchObject({ kind: 'protocol' });
  });

  it('drops replies from a stale run', async () => {
    const { c, workers } = client();
    const w = workers[0] as FakeWorker;
    const first = c.load(PRESET_DOCUMENTS[0], 1);
    const f1 = c.frame(1, 0, 0);
    void c.load(PRESET_DOCUMENTS[0], 2);
    const frameReq = w.sent[1] as WorkerRequest;
    w.reply({
      v: PROTOCOL_VERSION,
      id: frameReq.id,
      ok: true,
      type: 'frame',
      frameJson: '{}',
    });
    await expect(f1).rejects.toMatchObject({ kind: 'stale' });
    w.reply({
      v: PROTOCOL_VERSION,
      id: (w.sent[0] as WorkerRequest).id,
      ok: false,
      error: { kind: 'stale', message: 'superseded' },
    });
    await expect(first).rejects.toMatchObject({ kind: 'stale' });
  });

  it('rejects a reply in another protocol version', async () => {
    const { c, workers } = client();
    const a = c.frame(0, 0, 0);
    const w = workers[0] as FakeWorker;
    w.reply({ ...({ v: 1, id: (w.sent[0] as WorkerRequest).id } as object) } as WorkerResponse);
    await expect(a).rejects.toMatchObject({ kind: 'protocol' });
  });

  it('Cancel answers within 200 ms when the worker is stuck: it is terminated and replaced', async () => {
    const { c, workers } = client();
    const run = c.load(PRESET_DOCUMENTS[0], 1);
    const t0 = performance.now();
    const outcome = await c.cancel(1);
    const ms = performance.now() - t0;
    expect(outcome).toBe('replaced');
    expect(ms).toBeLessThan(200);
    await expect(run).rejects.toMatchObject({ kind: 'cancelled' });
    expect(workers).toHaveLength(2);
    expect(c.computing).toBe(false);
  });

  it('Cancel answered by the worker keeps the worker (and the run its frames)', async () => {
    const { c, workers } = client();
    void c.load(PRESET_DOCUMENTS[0], 1).catch(() => undefined);
    const w = workers[0] as FakeWorker;
    const done = c.cancel(1);
    const req = w.sent[1] as WorkerRequest;
    expect(req).toMatchObject({ type: 'cancel', runId: 1 });
    w.reply({ v: PROTOCOL_VERSION, id: req.id, ok: true, type: 'cancelled' });
    expect(await done).toBe('stopped');
    expect(workers).toHaveLength(1);
  });

  it("a cancel reply that says where the run stopped is passed on before the run's summary", async () => {
    const stops: [number, number][] = [];
    const workers: FakeWorker[] = [];
    const c = new SimClient(
      {
        progress: () => undefined,
        crashed: () => undefined,
        stopped: (runId, stop) => stops.push([runId, stop.atUs]),
      },
      () => {
        const w = new FakeWorker();
        workers.push(w);
        return w as unknown as Worker;
      },
    );
    const run = c.load(PRESET_DOCUMENTS[0], 1);
    const w = workers[0] as FakeWorker;
    const done = c.cancel(1);
    const req = w.sent[1] as WorkerRequest;
    const stopped = { reason: 'cancelled' as const, atUs: 1234, events: 5, wallMs: 1, bytes: 9 };
    w.reply({ v: PROTOCOL_VERSION, id: req.id, ok: true, type: 'cancelled', stopped });
    expect(await done).toBe('stopped');
    // Heard at once, while the load is still pending (its summary has not come).
    expect(stops).toEqual([[1, 1234]]);
    expect(c.computing).toBe(true);
    // A later run's cancel reply for an earlier run is not passed on.
    void run.catch(() => undefined);
    void c.load(PRESET_DOCUMENTS[0], 2).catch(() => undefined);
    const late = c.cancel(1);
    const req2 = w.sent[3] as WorkerRequest;
    w.reply({ v: PROTOCOL_VERSION, id: req2.id, ok: true, type: 'cancelled', stopped });
    await late;
    expect(stops).toHaveLength(1);
  });

  it('a worker silent for the hang timeout while a request waits is replaced and reported', async () => {
    const { c, workers, crashes } = client({ hangMs: 60 });
    const a = c.frame(0, 0, 0);
    await expect(a).rejects.toMatchObject({ kind: 'hung' });
    expect(crashes.map((e) => e.kind)).toEqual(['hung']);
    expect(workers).toHaveLength(2);
  });

  it('a worker that keeps talking is not taken for hung', async () => {
    const { c, workers, crashes } = client({ hangMs: 60 });
    const a = c.frame(0, 0, 0);
    const w = workers[0] as FakeWorker;
    for (let i = 0; i < 8; i++) {
      await sleep(20);
      w.reply({ v: PROTOCOL_VERSION, id: 0, type: 'alive' });
    }
    expect(crashes).toEqual([]);
    w.reply({
      v: PROTOCOL_VERSION,
      id: (w.sent[0] as WorkerRequest).id,
      ok: true,
      type: 'frame',
      frameJson: '{}',
    });
    await expect(a).resolves.toEqual({});
  });

  it('a new run replaces a worker stuck on an earlier request, so choosing a preset works', async () => {
    const { c, workers } = client({ stallMs: 30 });
    c.hangEngine();
    await sleep(50);
    void c.load(PRESET_DOCUMENTS[0], 1).catch(() => undefined);
    expect(workers).toHaveLength(2);
    expect((workers[1] as FakeWorker).sent[0]).toMatchObject({ type: 'load', runId: 1 });
  });
});
