import { useQuery } from "@tanstack/react-query";
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import type { CycleSummary } from "../../contract/api";
import { api } from "../api/client";
import { queryKeys } from "../api/query-keys";

interface YearState {
  /** The year the pages show: the one chosen, else the newest year. Null: no year yet. */
  year: number | null;
  cycle: CycleSummary | null;
  cycles: CycleSummary[];
  setYear: (year: number) => void;
  /** The year before the one shown, when it exists (for last year's figures). */
  previousYear: number | null;
  isPending: boolean;
}

const YearContext = createContext<YearState | null>(null);
const STORAGE_KEY = "kaoping.year";

export function useCycles() {
  return useQuery({
    queryKey: queryKeys.cycles,
    queryFn: () => api.get<CycleSummary[]>("/api/cycles"),
  });
}

export function YearProvider({ children }: { children: ReactNode }) {
  const cycles = useCycles();
  const [chosen, setChosen] = useState<number | null>(() => {
    const stored = Number(sessionStorage.getItem(STORAGE_KEY));
    return Number.isInteger(stored) && stored > 0 ? stored : null;
  });
  const value = useMemo<YearState>(() => {
    const list = [...(cycles.data ?? [])].sort((a, b) => b.year - a.year);
    const cycle = list.find((entry) => entry.year === chosen) ?? list[0] ?? null;
    const year = cycle?.year ?? null;
    return {
      year,
      cycle,
      cycles: list,
      previousYear:
        year !== null && list.some((entry) => entry.year === year - 1) ? year - 1 : null,
      isPending: cycles.isPending,
      setYear: (next) => {
        sessionStorage.setItem(STORAGE_KEY, String(next));
        setChosen(next);
      },
    };
  }, [cycles.data, cycles.isPending, chosen]);
  return <YearContext.Provider value={value}>{children}</YearContext.Provider>;
}

export function useYear(): YearState {
  const state = useContext(YearContext);
  if (!state) throw new Error("useYear outside YearProvider");
  return state;
}

/** Demo frameworks say so in their name or description ("示例", "illustrative"). */
export function isIllustrative(cycle: CycleSummary | null): boolean {
  if (!cycle) return false;
  return /示例|illustrative/i.test(cycle.framework.name);
}
