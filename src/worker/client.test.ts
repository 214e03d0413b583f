import { describe, expect, it } from 'vitest';
import { PRESET_DOCUMENTS } from '../scenario/presets';
import { SimClient, SimError } from './client';
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

function client() {
  const workers: FakeWorker[] = [];
  const crashes: SimError[] = [];
  const c = new SimClient({ progress: () => undefined, crashed: (e) => crashes.push(e) }, () => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  });
  return { c, workers, crashes };
}

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
});
