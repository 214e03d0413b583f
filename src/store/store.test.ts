import { describe, expect, it } from 'vitest';
import { PRESET_DOCUMENTS } from '../scenario/presets';
import { createAppStore, type ScenarioDoc } from './index';

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
  it('validates the scenario as it is edited', () => {
    const s = createAppStore(doc, 'en', new MemoryStorage());
    expect(s.getState().issues).toEqual([]);
    s.getState().setDoc({ ...doc, durationMs: -5 }, { dirty: true });
    expect(s.getState().issues[0]?.path).toBe('durationMs');
    expect(s.getState().dirty).toBe(true);
  });

  it('autosaves the scenario and restores it', async () => {
    const storage = new MemoryStorage();
    const a = createAppStore(doc, 'en', storage);
    a.getState().setDoc({ ...doc, seed: 7 }, { dirty: true });
    const b = createAppStore(doc, 'zh', storage);
    await b.persist.rehydrate();
    expect(b.getState().doc['seed']).toBe(7);
    expect(b.getState().lang).toBe('en');
  });

  it('ignores stale run results', () => {
    const s = createAppStore(doc, 'en', new MemoryStorage());
    const r1 = s.getState().startRun();
    s.getState().startRun();
    s.getState().setProgress(r1, 5, { runId: r1, name: 'x', seed: 1, durationUs: 1, frameUs: 1 });
    expect(s.getState().computedUs).toBe(0);
  });
});
