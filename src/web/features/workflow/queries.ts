/**
 * The reads and writes of the year's workflow. Every step answers the department's new
 * state; after it the submission, the departments' overview, the items and the cycles
 * (a year aggregated or reopened) are fetched again, so every page shows the new locks.
 */
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type {
  AggregateSnapshot,
  Certificate,
  ExceptionList,
  SubmissionChecks,
  SubmissionDetail,
} from "../../../contract/api";
import { api } from "../../api/client";
import { queryKeys } from "../../api/query-keys";

export const departmentPath = (year: number, department: string) =>
  `/api/cycles/${year}/departments/${encodeURIComponent(department)}`;

export function useSubmission(year: number | null, department: string | null) {
  return useQuery({
    queryKey: queryKeys.submission(year ?? 0, department ?? ""),
    queryFn: ({ signal }) =>
      api.get<SubmissionDetail>(`${departmentPath(year!, department!)}/submission`, { signal }),
    enabled: year !== null && department !== null,
    refetchOnWindowFocus: true,
  });
}

export function useSubmissionChecks(year: number, department: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.submissionChecks(year, department),
    queryFn: ({ signal }) =>
      api.get<SubmissionChecks>(`${departmentPath(year, department)}/checks`, { signal }),
    enabled,
    // The checks must reflect the data as it is when the dialog opens.
    staleTime: 0,
    gcTime: 0,
  });
}

export function useCertificate(year: number, department: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.certificate(year, department),
    queryFn: ({ signal }) =>
      api.get<Certificate>(`${departmentPath(year, department)}/certificate`, { signal }),
    enabled,
    staleTime: 0,
  });
}

export function useLockExceptions(year: number | null) {
  return useQuery({
    queryKey: queryKeys.lockExceptions(year ?? 0),
    queryFn: ({ signal }) =>
      api.get<ExceptionList>(`/api/cycles/${year}/lock-exceptions`, { signal }),
    enabled: year !== null,
  });
}

export function useAggregateSnapshot(year: number, enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.cycle(year), "snapshot"],
    queryFn: ({ signal }) => api.get<AggregateSnapshot>(`/api/cycles/${year}/snapshot`, { signal }),
    enabled,
  });
}

/** After a step of the workflow: everything whose locks or state may have changed. */
export async function refreshAfterStep(
  client: QueryClient,
  year: number,
  department?: string,
): Promise<void> {
  const keys = [
    queryKeys.departments(year),
    queryKeys.cycles,
    queryKeys.lockExceptions(year),
    ...(department
      ? [queryKeys.submission(year, department), queryKeys.items(year, department)]
      : [
          ["cycles", year, "submission"],
          ["cycles", year, "items"],
        ]),
  ];
  await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
}

export function useRefreshAfterStep() {
  const client = useQueryClient();
  return (year: number, department?: string) => refreshAfterStep(client, year, department);
}
