/**
 * Presenter mode's keys and its on/off state for the lab: what App needs at start-up, kept apart from
 * the presenter view (its narration pulls in every event text), which loads when presenter mode opens.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { Controller } from '../controller';
import { useApp } from '../context';
import { openLegend } from '../legend/Legend';
import {
  enterPresenter,
  exitPresenter,
  presentRequested,
  presenterStore,
  stepBack,
  stepForward,
} from './state';

/** The speed slow motion switches to (the store's slowest). */
export const SLOW = 0.1;
/** The speed slow motion was switched on from, to go back to (keys and button share it). */
const slowFrom = { speed: 1 };

function isTyping(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName);
}

/** Slow motion on and off; off goes back to the speed it came from. */
export function toggleSlow(controller: Controller, before = slowFrom): void {
  const s = controller.store.getState();
  if (s.speed <= SLOW) s.setSpeed(before.speed > SLOW ? before.speed : 1);
  else {
    before.speed = s.speed;
    s.setSpeed(SLOW);
  }
}

/**
 * Whether presenter mode is on; installs its keys (P toggles it; while it is on, the clicker keys
 * are taken before the lab's own shortcuts see them) and follows the URL and full screen.
 */
export function usePresenter(): boolean {
  const { controller } = useApp();
  const on = useStore(presenterStore, (s) => s.on);

  useEffect(() => {
    if (presentRequested(location.search)) void enterPresenter();
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (document.querySelector('dialog[open]')) return;
      const active = presenterStore.getState().on;
      const take = () => {
        e.preventDefault();
        e.stopImmediatePropagation();
      };
      if (e.key === 'p' || e.key === 'P') {
        take();
        if (active) exitPresenter();
        else void enterPresenter();
        return;
      }
      if (!active) return;
      switch (e.key) {
        case 'PageDown':
        case 'ArrowRight':
        case 'ArrowDown':
          take();
          void stepForward(controller, e.shiftKey ? 'hop' : 'event');
          break;
        case 'PageUp':
        case 'ArrowLeft':
        case 'ArrowUp':
          take();
          void stepBack(controller);
          break;
        case 's':
        case 'S':
          take();
          toggleSlow(controller);
          break;
        case 'l':
        case 'L':
          take();
          openLegend('presenter');
          break;
        case 'Escape':
          take();
          exitPresenter();
          break;
        default:
      }
    };
    // Capture: runs before the lab's window listener, which would read the arrows as seeks.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [controller]);

  // Leaving full screen (the browser's own Esc, which pages do not see) leaves presenter mode.
  useEffect(() => {
    let was = false;
    const onChange = () => {
      if (document.fullscreenElement) was = true;
      else if (was && presenterStore.getState().on) {
        was = false;
        exitPresenter();
      }
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  return on;
}
