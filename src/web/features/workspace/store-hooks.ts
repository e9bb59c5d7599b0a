import { useCallback, useSyncExternalStore } from "react";
import type { FigureStore } from "./figure-store";

/** How many figure cells hold typed text that is not saved yet (re-renders when it changes). */
export function usePendingCount(store: FigureStore): number {
  const subscribe = useCallback((listener: () => void) => store.subscribeAll(listener), [store]);
  return useSyncExternalStore(subscribe, () => store.pendingKeys().length);
}
