import { useQuery } from "@tanstack/react-query";
import type { FrameworkDocument } from "../../../contract/api";
import { api } from "../../api/client";
import { queryKeys } from "../../api/query-keys";

/** The framework the year is pinned to (its departments, indicators and work items). */
export function useYearFramework(year: number | null) {
  return useQuery({
    queryKey: queryKeys.framework(year ?? 0),
    queryFn: () => api.get<FrameworkDocument>(`/api/cycles/${year}/framework`),
    enabled: year !== null,
    staleTime: 10 * 60_000,
  });
}
