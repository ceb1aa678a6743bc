import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import type { LabState, LabStore } from '../store/lab-store';

const LabStoreContext = createContext<LabStore | null>(null);

/** Makes `store` the lab store of everything below. */
export function LabStoreProvider({ store, children }: { store: LabStore; children: ReactNode }) {
  return <LabStoreContext.Provider value={store}>{children}</LabStoreContext.Provider>;
}

/** The lab store itself, for actions. */
export function useLabStore(): LabStore {
  const store = useContext(LabStoreContext);
  if (store === null) throw new Error('useLab needs a LabStoreProvider above it');
  return store;
}

/** A slice of the lab state; re-renders when the selected value changes. */
export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(useLabStore(), selector);
}

/** The lab's actions (stable: they never change). */
export function useLabActions(): LabState {
  return useLabStore().getState();
}
