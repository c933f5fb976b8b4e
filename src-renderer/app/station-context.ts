import { createContext, useCallback, useContext } from 'react';
import { useStore } from 'zustand';
import { t, type MessageKey, type MessageParams } from '../i18n';
import type { StationState, StationStore } from '../state/store';
import type { StationController } from './station-controller';

/** What every component can reach: the store and the actions. */
export interface StationContextValue {
  store: StationStore;
  controller: StationController;
}

/** Provided once in main.tsx. */
export const StationContext = createContext<StationContextValue | null>(null);

function useStationContext(): StationContextValue {
  const value = useContext(StationContext);
  if (!value) throw new Error('StationContext is missing');
  return value;
}

/** Selects from the station store and re-renders when the selection changes. */
export function useStation<T>(selector: (s: StationState) => T): T {
  return useStore(useStationContext().store, selector);
}

/** The actions (scan, confirm, acknowledge, sync, settings). */
export function useController(): StationController {
  return useStationContext().controller;
}

/** The translate function for the current locale. */
export function useT(): (key: MessageKey, params?: MessageParams) => string {
  const locale = useStation((s) => s.locale);
  return useCallback((key: MessageKey, params?: MessageParams) => t(locale, key, params), [locale]);
}

/** The store itself, for code that reads the state at event time rather than rendering from it (the scan capture). */
export function useStationStore(): StationStore {
  return useStationContext().store;
}
