import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { STRINGS, type Strings } from '../i18n/strings';
import type { AppState, AppStore } from '../store';
import type { Controller } from './controller';

export interface AppContextValue {
  store: AppStore;
  controller: Controller;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error('AppContext missing');
  return v;
}

export function useAppState<T>(selector: (s: AppState) => T): T {
  return useStore(useApp().store, selector);
}

export function useStrings(): Strings {
  return STRINGS[useAppState((s) => s.lang)];
}

export function seconds(us: number): string {
  return `${(us / 1e6).toFixed(3)} s`;
}
