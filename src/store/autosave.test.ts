import { describe, expect, it } from 'vitest';
import type { Autosave, AutosaveEvent } from './autosave';
import { atStartup, EMPTY_AUTOSAVE, nextAutosave } from './autosave';

const a = { name: 'a', seed: 1 };
const b = { name: 'b', seed: 2 };

function play(events: AutosaveEvent[], from: Autosave = EMPTY_AUTOSAVE): Autosave {
  return events.reduce(nextAutosave, from);
}

describe('autosave state machine', () => {
  it('a scenario becomes the one to reopen only when its run ends within every budget', () => {
    const started = play([{ type: 'RUN_STARTED', doc: a }]);
    expect(started).toEqual({ good: null, pending: a });
    expect(play([{ type: 'RUN_FINISHED', doc: a }], started)).toEqual({ good: a, pending: null });
  });

  it('a run that hit a limit, was cancelled or failed leaves the good scenario as it was', () => {
    const s = play([
      { type: 'RUN_STARTED', doc: a },
      { type: 'RUN_FINISHED', doc: a },
      { type: 'RUN_STARTED', doc: b },
      { type: 'RUN_ABORTED', doc: b },
    ]);
    expect(s).toEqual({ good: a, pending: null });
  });

  it('a late answer for an older run neither promotes it nor clears the newer pending one', () => {
    const s = play([
      { type: 'RUN_STARTED', doc: a },
      { type: 'RUN_STARTED', doc: b },
      { type: 'RUN_FINISHED', doc: a },
    ]);
    expect(s).toEqual({ good: null, pending: b });
    expect(play([{ type: 'RUN_ABORTED', doc: a }], s)).toEqual(s);
  });

  it('a start after a session that died mid-run opens the good one and offers the other', () => {
    const died = play([
      { type: 'RUN_STARTED', doc: a },
      { type: 'RUN_FINISHED', doc: a },
      { type: 'RUN_STARTED', doc: b },
    ]);
    // Saved copies are new objects after a reload.
    const r = atStartup(JSON.parse(JSON.stringify(died)) as Autosave);
    expect(r.open).toEqual(a);
    expect(r.retry).toEqual(b);
    expect(r.saved).toEqual({ good: a, pending: null });
  });

  it('a session that ended while the good scenario reran reopens it, offering nothing', () => {
    const died = play([
      { type: 'RUN_STARTED', doc: a },
      { type: 'RUN_FINISHED', doc: a },
      { type: 'RUN_STARTED', doc: a },
    ]);
    const r = atStartup(JSON.parse(JSON.stringify(died)) as Autosave);
    expect(r.open).toEqual(a);
    expect(r.retry).toBeNull();
    expect(r.saved).toEqual({ good: a, pending: null });
  });

  it('a built-in scenario left unfinished reopens as chosen and is not offered as a crash', () => {
    const builtIn = (d: object) => JSON.stringify(d) === JSON.stringify(b);
    const left = play([
      { type: 'RUN_STARTED', doc: a },
      { type: 'RUN_FINISHED', doc: a },
      { type: 'RUN_STARTED', doc: b },
    ]);
    const r = atStartup(JSON.parse(JSON.stringify(left)) as Autosave, builtIn);
    expect(r.open).toEqual(b);
    expect(r.retry).toBeNull();
    expect(r.saved).toEqual({ good: a, pending: null });
    // Any other scenario left unfinished is still offered, never reopened.
    const other = atStartup(JSON.parse(JSON.stringify(left)) as Autosave, () => false);
    expect(other.open).toEqual(a);
    expect(other.retry).toEqual(b);
  });

  it('a clean start opens the good scenario and offers nothing', () => {
    expect(atStartup({ good: a, pending: null })).toEqual({
      open: a,
      retry: null,
      saved: { good: a, pending: null },
    });
    expect(atStartup(EMPTY_AUTOSAVE).open).toBeNull();
  });
});
