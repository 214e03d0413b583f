/**
 * Presenter mode's own state: whether it is on, what the narration says, and the frames to step
 * back to. Kept out of the app store (nothing of it is saved or shared except the URL flag).
 */
import { createStore } from 'zustand/vanilla';
import type { ChainEntry, Frame, FrameCounters, StepUnit } from '../../worker/protocol';
import type { Controller } from '../controller';

/** The URL flag that opens presenter mode: `?present` (a share fragment may follow). */
export const PRESENT_PARAM = 'present';

/** What the narration tells: kept as data, so switching the language re-tells it. */
export interface Narration {
  atUs: number;
  stepped: readonly ChainEntry[];
  before: FrameCounters | null;
  after: FrameCounters | null;
}

interface Shown {
  frame: Frame;
  narration: Narration | null;
}

/** Steps kept to go back to; older ones are forgotten (each holds a whole frame). */
const HISTORY_MAX = 200;

export interface PresenterState {
  on: boolean;
  narration: Narration | null;
  /** Frames shown before each forward step, newest last. */
  history: Shown[];
  /**
   * Frames stepped back from, nearest last: stepping forward again shows them rather than asking
   * the worker, whose live run is still at the newest one (several events can share a moment, so
   * a time alone cannot say which of them a step-back frame is after).
   */
  ahead: Shown[];
  /** The frame a step back or a replayed step put on screen; `ahead` holds while it is shown. */
  restored: Frame | null;
  /** The run the history belongs to. */
  runId: number;
  fullscreenRefused: boolean;
}

export const presenterStore = createStore<PresenterState>(() => ({
  on: false,
  narration: null,
  history: [],
  ahead: [],
  restored: null,
  runId: -1,
  fullscreenRefused: false,
}));

/** True when the page's URL asks for presenter mode. */
export function presentRequested(search: string): boolean {
  return new URLSearchParams(search).has(PRESENT_PARAM);
}

/** The current URL with the presenter flag set or removed (the share fragment is kept). */
export function withPresentFlag(href: string, on: boolean): string {
  const u = new URL(href);
  u.searchParams.delete(PRESENT_PARAM);
  const rest = u.searchParams.toString();
  // `?present` rather than `?present=`: it reads better in a link people copy.
  const search = on ? `?${PRESENT_PARAM}${rest ? `&${rest}` : ''}` : rest ? `?${rest}` : '';
  return `${u.origin}${u.pathname}${search}${u.hash}`;
}

/** Seeks and resolves once the recorded frame for that moment is in the store. */
function seekAndWait(controller: Controller, us: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsub();
      resolve();
    };
    const timer = setTimeout(done, 10_000);
    const unsub = controller.store.subscribe((s) => {
      if (s.frame && !s.frame.live && s.frame.atUs <= us && s.tUs === us) done();
    });
    controller.seek(us);
  });
}

export async function enterPresenter(): Promise<void> {
  presenterStore.setState({ on: true, fullscreenRefused: false });
  history.replaceState(history.state, '', withPresentFlag(location.href, true));
  const el = document.documentElement;
  if (document.fullscreenElement || typeof el.requestFullscreen !== 'function') return;
  try {
    await el.requestFullscreen({ navigationUI: 'hide' });
  } catch {
    // Refused (no user gesture, an iframe without `allow="fullscreen"`, a policy): the mode still
    // works in the window, and says so once.
    presenterStore.setState({ fullscreenRefused: true });
  }
}

export function exitPresenter(): void {
  presenterStore.setState({ on: false, fullscreenRefused: false });
  history.replaceState(history.state, '', withPresentFlag(location.href, false));
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
}

/** Forgets the steps of an earlier run. */
function historyFor(controller: Controller): Shown[] {
  const runId = controller.store.getState().runId;
  const s = presenterStore.getState();
  if (s.runId === runId) return s.history;
  presenterStore.setState({ runId, history: [], ahead: [], restored: null, narration: null });
  return [];
}

/** One event or one message hop forward; the frame it leaves is kept to step back to. */
export async function stepForward(controller: Controller, unit: StepUnit): Promise<void> {
  const hist = historyFor(controller);
  const before = controller.store.getState().frame;
  const { ahead, restored, narration } = presenterStore.getState();
  const next = ahead[ahead.length - 1];
  if (next && before && before === restored) {
    const rest = ahead.slice(0, -1);
    presenterStore.setState({
      history: [...hist, { frame: before, narration }].slice(-HISTORY_MAX),
      ahead: rest,
      restored: rest.length > 0 ? next.frame : null,
      narration: next.narration,
    });
    controller.showFrame(next.frame);
    return;
  }
  presenterStore.setState({ ahead: [], restored: null });
  const f = await controller.step(unit);
  if (!f) return;
  const shown = before ? [{ frame: before, narration: presenterStore.getState().narration }] : [];
  presenterStore.setState({
    history: [...hist, ...shown].slice(-HISTORY_MAX),
    narration: {
      atUs: f.atUs,
      stepped: f.stepped ?? [],
      before: before?.counters ?? null,
      after: f.counters,
    },
  });
}

/**
 * Back one step: the frame shown before the last forward step, exactly. Without one (the run was
 * played or seeked to here) it goes to just before the previous notable event and steps onto it,
 * so the narration still tells what that event did.
 */
export async function stepBack(controller: Controller): Promise<void> {
  const hist = historyFor(controller);
  const last = hist[hist.length - 1];
  const { ahead, narration } = presenterStore.getState();
  const current = controller.store.getState().frame;
  if (last && current) {
    presenterStore.setState({
      history: hist.slice(0, -1),
      ahead: [...ahead, { frame: current, narration }],
      restored: last.frame,
      narration: last.narration,
    });
    controller.showFrame(last.frame);
    return;
  }
  presenterStore.setState({ ahead: [], restored: null });
  const s = controller.store.getState();
  const events = s.summary?.timeline ?? [];
  const now = s.frame?.atUs ?? s.tUs;
  let prev: number | null = null;
  for (const e of events) if (e.at < now) prev = e.at;
  if (prev === null || prev === 0) {
    controller.seek(0);
    presenterStore.setState({ narration: null });
    return;
  }
  await seekAndWait(controller, prev - 1);
  await stepForward(controller, 'event');
  // A step that lands on an event reached by stepping back is not a step to go back to.
  presenterStore.setState({ history: [] });
}
