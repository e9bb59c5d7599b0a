import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { DepartmentItems, FrameworkDocument } from "../../../contract/api";
import { loadFramework, type Framework } from "../../../core";
import { api } from "../../api/client";
import { queryKeys } from "../../api/query-keys";

/** When each items list was asked for: a list never undoes a save made after it was asked. */
const requestedAt = new WeakMap<DepartmentItems, number>();
export const itemsRequestedAt = (items: DepartmentItems) => requestedAt.get(items) ?? 0;

async function fetchItems(year: number, signal: AbortSignal): Promise<DepartmentItems> {
  const asked = Date.now();
  const items = await api.get<DepartmentItems>(`/api/cycles/${year}/items`, { signal });
  requestedAt.set(items, asked);
  return items;
}

/** The department's items of a year (the server answers a department user with their own). */
export function useDepartmentItems(year: number | null, department: string | null) {
  return useQuery({
    queryKey: queryKeys.items(year ?? 0, department ?? undefined),
    queryFn: ({ signal }) => fetchItems(year!, signal),
    enabled: year !== null && department !== null,
    // The list's identity carries when it was asked for (see itemsRequestedAt).
    structuralSharing: false,
  });
}

/** The year's framework, compiled by the same core the server scores with. */
export function useFramework(year: number | null) {
  const query = useQuery({
    queryKey: queryKeys.framework(year ?? 0),
    queryFn: ({ signal }) =>
      api.get<FrameworkDocument>(`/api/cycles/${year}/framework`, { signal }),
    enabled: year !== null,
    staleTime: Infinity,
  });
  const framework = useMemo<Framework | undefined>(
    () => (query.data ? loadFramework(query.data, "framework").framework : undefined),
    [query.data],
  );
  return { ...query, framework };
}
