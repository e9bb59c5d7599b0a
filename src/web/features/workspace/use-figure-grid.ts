import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type {
  ClearedValue,
  DepartmentItems,
  SavedValue,
  SaveValueBody,
} from "../../../contract/api";
import type { Framework } from "../../../core";
import { api } from "../../api/client";
import { useMe } from "../../auth/use-me";
import { queryKeys } from "../../api/query-keys";
import { FigureSaver, type FigureApi, type FigureConflict } from "./figure-saver";
import { draftStorageKey, FigureStore, type DraftStorage } from "./figure-store";
import { buildGridModel } from "./grid-model";
import { itemsRequestedAt } from "./use-workspace-data";

function sessionDrafts(): DraftStorage | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null;
  }
}

function figureApi(year: number): FigureApi {
  const path = (element: string, region: string) =>
    `/api/cycles/${year}/values/${encodeURIComponent(element)}/${encodeURIComponent(region)}`;
  return {
    save: (element, region, body: SaveValueBody) =>
      api.put<SavedValue>(path(element, region), body),
    clear: (element, region, version) =>
      api.delete<ClearedValue>(path(element, region), { query: { version } }),
  };
}

interface FigureGridInput {
  year: number;
  username: string;
  department: string;
  items: DepartmentItems | undefined;
  framework: Framework | undefined;
  cityLabel: string;
}

/**
 * The grid's state for one user and year: the model built from the items, the store of
 * cells (synchronised with every fresh items list, drafts restored once), the saver, the
 * conflicts waiting for the user and the lock the server reported.
 */
export function useFigureGrid({
  year,
  username,
  department,
  items,
  framework,
  cityLabel,
}: FigureGridInput) {
  const queryClient = useQueryClient();
  const model = useMemo(
    () => (items && framework ? buildGridModel(items, framework, cityLabel) : null),
    [items, framework, cityLabel],
  );
  const store = useMemo(
    () => new FigureStore(sessionDrafts(), draftStorageKey(username, year)),
    [username, year],
  );
  const [conflicts, setConflicts] = useState<FigureConflict[]>([]);
  const [lockedMessage, setLockedMessage] = useState<string | null>(null);
  const [restored, setRestored] = useState(0);
  const restoredFor = useRef<FigureStore | null>(null);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Saves change the department's numbers elsewhere too; ask again once typing pauses.
  const refreshSoon = useCallback(() => {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.items(year, department) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.departments(year) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.score(year) });
    }, 1500);
  }, [queryClient, year, department]);

  const saver = useMemo(
    () =>
      new FigureSaver(store, figureApi(year), {
        onConflict: (conflict) =>
          setConflicts((list) => [...list.filter((entry) => entry.key !== conflict.key), conflict]),
        onLocked: (message) => setLockedMessage(message),
        onSaved: () => refreshSoon(),
      }),
    [store, year, refreshSoon],
  );
  useEffect(() => () => saver.dispose(), [saver]);
  // A new session (signed in again over the page): send what the ended one refused.
  const csrf = useMe().data?.csrfToken;
  const lastCsrf = useRef(csrf);
  useEffect(() => {
    if (csrf && lastCsrf.current && csrf !== lastCsrf.current) saver.retryAfterSignIn();
    lastCsrf.current = csrf;
  }, [csrf, saver]);

  // Drafts are written shortly after typing pauses; leaving the page writes them at once.
  useEffect(() => {
    const flush = () => store.flushDrafts();
    const onHidden = () => {
      if (document.visibilityState === "hidden") flush();
    };
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onHidden);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onHidden);
      flush();
    };
  }, [store]);
  useEffect(
    () => () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    },
    [],
  );

  // Before paint, so the inputs never flash empty.
  useLayoutEffect(() => {
    if (!model || !items) return;
    for (const card of model.cards) {
      for (const column of card.columns) store.setBounds(column.element.code, column.bounds);
    }
    const keys = model.cells.map((cell) => cell.key);
    store.syncStored(model.stored, keys, itemsRequestedAt(items));
    if (restoredFor.current !== store) {
      restoredFor.current = store;
      setRestored(store.restoreDrafts(new Set(keys)));
    }
  }, [model, items, store]);

  const resolveConflict = useCallback(
    (conflict: FigureConflict, keepMine: boolean) => {
      setConflicts((list) => list.filter((entry) => entry.key !== conflict.key));
      if (keepMine) saver.keepMine(conflict);
      else saver.takeStored(conflict);
    },
    [saver],
  );

  const discardRestored = useCallback(() => {
    store.batch(() => store.pendingKeys().forEach((key) => store.cancel(key)));
    setRestored(0);
  }, [store]);

  return {
    model,
    store,
    saver,
    conflicts,
    resolveConflict,
    lockedMessage,
    restored,
    dismissRestored: () => setRestored(0),
    discardRestored,
  };
}
