/**
 * The Monte Carlo entry points the app loads up front: the top-bar button and the open/closed
 * state. The panel itself (`MonteCarlo.tsx`, with the Monte Carlo engine code and the worker
 * pool) is loaded the first time it opens, so it costs the first render nothing.
 */
import { lazy, Suspense } from 'react';
import { create } from 'zustand';
import { MC_STRINGS } from '../i18n/montecarlo';
import { useAppState } from './context';

/** Whether the panel is open (its own tiny store, so App and TopBar only add a line each). */
export const useMcPanel = create<{ open: boolean; setOpen: (open: boolean) => void }>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));

const Panel = lazy(() => import('./MonteCarlo'));

/** The top-bar button. */
export function MonteCarloButton() {
  const lang = useAppState((s) => s.lang);
  return (
    <button type="button" data-testid="mc-open" onClick={() => useMcPanel.getState().setOpen(true)}>
      {MC_STRINGS[lang].open}
    </button>
  );
}

/** The panel when open, loaded on first use. */
export function MonteCarloPanel() {
  const open = useMcPanel((s) => s.open);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <Panel />
    </Suspense>
  );
}
