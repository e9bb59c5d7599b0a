/**
 * The reads and writes of the documents card. Keys live under the year's prefix
 * (["cycles", year, …]), so anything that refreshes a whole year refreshes these too.
 */
import { useQuery, type QueryClient } from "@tanstack/react-query";
import type { DocumentJob, DocumentJobs, NarrativesDoc } from "../../../contract/api";
import { api, apiUrl } from "../../api/client";
import { queryKeys } from "../../api/query-keys";

export type JobKind = DocumentJob["kind"];

/** The city's documents; any other scope is a department code. */
export const CITY_SCOPE = "city";

/** How often a job still being built is asked for its progress. */
export const JOB_POLL_MS = 1000;

export const documentsPath = (year: number, scope: string) =>
  `/api/cycles/${year}/documents/${encodeURIComponent(scope)}`;

/** Plain links: downloads go with the session cookie, a GET needs no CSRF header. */
export const documentLinks = (year: number, scope: string) => ({
  tables: apiUrl(`${documentsPath(year, scope)}/tables.xlsx`),
  report: apiUrl(`${documentsPath(year, scope)}/report.docx`),
  template: apiUrl(`${documentsPath(year, scope)}/template.xlsx`),
  jobFile: (id: string) =>
    apiUrl(`${documentsPath(year, scope)}/jobs/${encodeURIComponent(id)}/file`),
});

export const documentKeys = {
  narratives: (year: number, scope: string) =>
    ["cycles", year, "documents", scope, "narratives"] as const,
  jobs: (year: number, scope: string) => ["cycles", year, "documents", scope, "jobs"] as const,
  job: (year: number, scope: string, id: string) =>
    ["cycles", year, "documents", scope, "jobs", id] as const,
};

export function useNarratives(year: number, scope: string, enabled: boolean) {
  return useQuery({
    queryKey: documentKeys.narratives(year, scope),
    queryFn: ({ signal }) =>
      api.get<NarrativesDoc>(`${documentsPath(year, scope)}/narratives`, { signal }),
    enabled,
    // The editor must start from the text as stored when it opens.
    staleTime: 0,
  });
}

export function useDocumentJobs(year: number, scope: string) {
  return useQuery({
    queryKey: documentKeys.jobs(year, scope),
    queryFn: ({ signal }) =>
      api.get<DocumentJobs>(`${documentsPath(year, scope)}/jobs`, { signal }),
  });
}

export const isRunning = (job: DocumentJob) => job.state === "queued" || job.state === "running";

/** One job, asked again every second while it is being built, then left alone. */
export function useDocumentJob(year: number, scope: string, initial: DocumentJob | null) {
  return useQuery({
    queryKey: documentKeys.job(year, scope, initial?.id ?? ""),
    queryFn: ({ signal }) =>
      api.get<DocumentJob>(
        `${documentsPath(year, scope)}/jobs/${encodeURIComponent(initial!.id)}`,
        { signal },
      ),
    enabled: initial !== null && isRunning(initial),
    initialData: initial ?? undefined,
    // The job as the server just answered it: the first poll comes a second later.
    initialDataUpdatedAt: () => Date.now(),
    refetchInterval: (query) =>
      query.state.data && isRunning(query.state.data) ? JOB_POLL_MS : false,
  });
}

export function startJob(year: number, scope: string, kind: JobKind): Promise<DocumentJob> {
  return api.post<DocumentJob>(`${documentsPath(year, scope)}/jobs`, { kind });
}

/** After a template import: everything the new figures and answers change. */
export async function refreshAfterImport(
  client: QueryClient,
  year: number,
  department: string,
): Promise<void> {
  await Promise.all(
    [
      queryKeys.items(year, department),
      queryKeys.submission(year, department),
      queryKeys.submissionChecks(year, department),
      queryKeys.score(year),
      queryKeys.departments(year),
      queryKeys.timeliness(year),
    ].map((queryKey) => client.invalidateQueries({ queryKey })),
  );
}
