/**
 * The reads the office and the leader pages share: the year's live score, its
 * framework, its regions, the departments' progress and a department's items.
 */
import { useQuery } from "@tanstack/react-query";
import type {
  CycleDetail,
  DepartmentItems,
  DepartmentsOverview,
  FrameworkDocument,
  TimelinessReport,
} from "../../../contract/api";
import type { ScoreReport } from "../../../contract/score-report";
import { api } from "../../api/client";
import { queryKeys } from "../../api/query-keys";

/** How often the city's score is fetched again while a page shows it. */
export const SCORE_REFRESH_MS = 30_000;

const NO_YEAR = 0;

/** The city's score, live: fetched again every 30 s and whenever the window regains focus. */
export function useScore(year: number | null) {
  return useQuery({
    queryKey: queryKeys.score(year ?? NO_YEAR),
    queryFn: ({ signal }) => api.get<ScoreReport>(`/api/cycles/${year}/score`, { signal }),
    enabled: year !== null,
    refetchInterval: SCORE_REFRESH_MS,
    refetchOnWindowFocus: true,
  });
}

/** The framework the year is pinned to: it does not change while the year exists. */
export function useFramework(year: number | null) {
  return useQuery({
    queryKey: queryKeys.framework(year ?? NO_YEAR),
    queryFn: ({ signal }) =>
      api.get<FrameworkDocument>(`/api/cycles/${year}/framework`, { signal }),
    enabled: year !== null,
    staleTime: Infinity,
  });
}

/** The year with its regions (names, populations, urban/rural groups). */
export function useCycleDetail(year: number | null) {
  return useQuery({
    queryKey: queryKeys.cycle(year ?? NO_YEAR),
    queryFn: ({ signal }) => api.get<CycleDetail>(`/api/cycles/${year}`, { signal }),
    enabled: year !== null,
    staleTime: 5 * 60_000,
  });
}

/** Every department's progress: figures and evidence filled, points lost, last change. */
export function useDepartmentsOverview(year: number | null) {
  return useQuery({
    queryKey: queryKeys.departments(year ?? NO_YEAR),
    queryFn: ({ signal }) =>
      api.get<DepartmentsOverview>(`/api/cycles/${year}/departments`, { signal }),
    enabled: year !== null,
    refetchInterval: SCORE_REFRESH_MS,
    refetchOnWindowFocus: true,
  });
}

/** Every department's timeliness (on time, late, missing, pending), returns and items complete. */
export function useTimeliness(year: number | null) {
  return useQuery({
    queryKey: queryKeys.timeliness(year ?? NO_YEAR),
    queryFn: ({ signal }) =>
      api.get<TimelinessReport>(`/api/cycles/${year}/timeliness`, { signal }),
    enabled: year !== null,
    refetchInterval: SCORE_REFRESH_MS,
    refetchOnWindowFocus: true,
  });
}

/** One department's indicators and work items with figures, evidence and answers. */
export function useDepartmentItems(year: number | null, department: string | undefined) {
  return useQuery({
    queryKey: queryKeys.items(year ?? NO_YEAR, department),
    queryFn: ({ signal }) =>
      api.get<DepartmentItems>(`/api/cycles/${year}/items`, {
        query: { department },
        signal,
      }),
    enabled: year !== null && department !== undefined,
  });
}
