import { describe, expect, it } from 'vitest';
import { PRESET_DOCUMENTS } from '../scenario/presets';
import { createAppStore, loadValidator, PERSIST_KEY, type ScenarioDoc } from './index';

class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  clear() {
    this.m.clear();
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    this.m.set(k, v);
  }
}

const doc = PRESET_DOCUMENTS[0] as ScenarioDoc;

describe('app store', () => {
  // This test must run first in this file: it sees the validator before it has loaded.
  it('validates an edit made before the validator loaded as soon as it arrives', async () => {
    const s = createAppStore(doc, 'en', new MemoryStorage());
    s.getState().setDoc({ ...doc, durationMs: -5 }, { dirty: true });
    await loadValidator();
    await Promise.resolve();
    expect(s.getState().issues[0]?.path).toBe('durationMs');
    expect(s.getState().docError?.kind).toBe('invalid');
  });

  it('validates the scenario as it is edited', async () => {
    await loadValidator();
    const s = createAppStore(doc, 'en', new MemoryStorage());
    expect(s.getState().issues).toEqual([]);
    s.getState().setDoc({ ...doc, durationMs: -5 }, { dirty: true });
    expect(s.getState().issues[0]?.path).toBe('durationMs');
    expect(s.getState().dirty).toBe(true);
    s.getState().setDoc(doc, { dirty: true });
    expect(s.getState().issues).toEqual([]);
  });

  it('reopens a scenario once it has run to its end, and the language', async () => {
    const storage = new MemoryStorage();
    const a = createAppStore(doc, 'en', storage);
    const edited = { ...doc, seed: 7 };
    a.getState().setDoc(edited, { dirty: true });
    a.getState().noteRun({ type: 'RUN_STARTED', doc: edited });
    a.getState().noteRun({ type: 'RUN_FINISHED', doc: edited });
    const b = createAppStore(doc, 'zh', storage);
    await b.persist.rehydrate();
    expect(b.getState().doc['seed']).toBe(7);
    expect(b.getState().lang).toBe('en');
    expect(b.getState().recovered).toBeNull();
  });

  it('after a session died mid-run, reopens the last good scenario and offers the other', async () => {
    const storage = new MemoryStorage();
    const a = createAppStore(doc, 'en', storage);
    const good = { ...doc, seed: 7 };
    const hostile = { ...doc, seed: 8, name: 'hostile' };
    a.getState().noteRun({ type: 'RUN_STARTED', doc: good });
    a.getState().noteRun({ type: 'RUN_FINISHED', doc: good });
    a.getState().setDoc(hostile, { dirty: true });
    a.getState().noteRun({ type: 'RUN_STARTED', doc: hostile });
    // The tab dies here: nothing else is written.
    const b = createAppStore(doc, 'en', storage);
    await b.persist.rehydrate();
    expect(b.getState().doc['seed']).toBe(7);
    expect(b.getState().recovered?.['name']).toBe('hostile');
    // A second start without retrying does not offer it again, and never opens it.
    b.getState().noteRun({ type: 'RUN_STARTED', doc: b.getState().doc });
    b.getState().noteRun({ type: 'RUN_FINISHED', doc: b.getState().doc });
    const c = createAppStore(doc, 'en', storage);
    await c.persist.rehydrate();
    expect(c.getState().doc['seed']).toBe(7);
    expect(c.getState().recovered).toBeNull();
  });

  it('a first visit left while the default scenario computes reopens it, offering nothing', async () => {
    const storage = new MemoryStorage();
    const a = createAppStore(doc, 'en', storage);
    a.getState().noteRun({ type: 'RUN_STARTED', doc: a.getState().doc });
    // The page is left here (a link opened, the tab closed): the run never ends.
    const b = createAppStore(doc, 'en', storage);
    await b.persist.rehydrate();
    expect(b.getState().recovered).toBeNull();
    expect(b.getState().doc).toEqual(doc);
  });

  it('a hostile scenario left unfinished on a first visit is offered, never reopened', async () => {
    const storage = new MemoryStorage();
    const a = createAppStore(doc, 'en', storage);
    // Same name as the default, one field changed: it is not the built-in scenario.
    const hostile = { ...doc, seed: 8 };
    a.getState().setDoc(hostile, { dirty: true });
    a.getState().noteRun({ type: 'RUN_STARTED', doc: hostile });
    const b = createAppStore(doc, 'en', storage);
    await b.persist.rehydrate();
    expect(b.getState().recovered?.['seed']).toBe(8);
    expect(b.getState().doc['seed']).toBe(doc['seed']);
  });

  it('reads what version 1 saved (the last scenario loaded) as the scenario to reopen', async () => {
    const storage = new MemoryStorage();
    storage.setItem(
      PERSIST_KEY,
      JSON.stringify({ state: { doc: { ...doc, seed: 9 }, dirty: true, lang: 'en' }, version: 1 }),
    );
    const s = createAppStore(doc, 'zh', storage);
    await s.persist.rehydrate();
    expect(s.getState().doc['seed']).toBe(9);
    expect(s.getState().lang).toBe('en');
    expect(s.getState().recovered).toBeNull();
  });

  it('ignores stale run results', () => {
    const s = createAppStore(doc, 'en', new MemoryStorage());
    const r1 = s.getState().startRun();
    s.getState().startRun();
    s.getState().setProgress(r1, 5, { runId: r1, name: 'x', seed: 1, durationUs: 1, frameUs: 1 });
    expect(s.getState().computedUs).toBe(0);
  });
});
