/**
 * How the page is being viewed: present mode (for a room: controls hidden, charts and their
 * ticks large) and whether the controls drawer is open (narrow screens and present mode). Page
 * state only: not part of the run, not in links.
 */
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';

interface View {
  present: boolean;
  setPresent(on: boolean): void;
  drawer: boolean;
  setDrawer(open: boolean): void;
}

const ViewContext = createContext<View>({
  present: false,
  setPresent: () => {},
  drawer: false,
  setDrawer: () => {},
});

export function ViewProvider({ children }: { children: ReactNode }) {
  const [present, setPresent] = useState(false);
  const [drawer, setDrawer] = useState(false);
  const view = useMemo(() => ({ present, setPresent, drawer, setDrawer }), [present, drawer]);
  return <ViewContext.Provider value={view}>{children}</ViewContext.Provider>;
}

export function useView(): View {
  return useContext(ViewContext);
}

/** True while the page is in present mode (the charts draw larger). */
export function usePresent(): boolean {
  return useContext(ViewContext).present;
}

/**
 * Whether a key press is meant for what has focus rather than for the page: typing in a field,
 * or Space and Enter on a button, a link, a switch or a select.
 */
export function keyIsForFocus(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return (
    /^(INPUT|TEXTAREA|SELECT|BUTTON|A|SUMMARY)$/.test(target.tagName) ||
    target.closest('[role="tab"],[role="menuitem"],[role="slider"],[role="switch"]') !== null
  );
}
