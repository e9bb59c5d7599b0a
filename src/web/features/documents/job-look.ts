import type { DocumentJob } from "../../../contract/api";

/**
 * The bar's share of a job, 0–100 in whole percents. A job that has not counted its
 * steps yet (total 0) shows 0, a finished one 100, and a count past its total never
 * draws past the end; no NaN reaches the bar.
 */
export function jobPercent(job: Pick<DocumentJob, "state" | "done" | "total">): number {
  if (job.state === "done") return 100;
  if (!(job.total > 0) || !(job.done > 0)) return 0;
  const share = Math.floor((job.done / job.total) * 100);
  // A running job is never "complete" on screen until the server says it is done.
  return Math.min(share, 99);
}

/** The newest job of a kind in a list the server answers newest first. */
export function latestOfKind(
  jobs: readonly DocumentJob[],
  kind: DocumentJob["kind"],
): DocumentJob | null {
  return jobs.find((job) => job.kind === kind) ?? null;
}

/** The newest finished job of a kind: the file offered for download while another is built. */
export function latestDone(
  jobs: readonly DocumentJob[],
  kind: DocumentJob["kind"],
): DocumentJob | null {
  return jobs.find((job) => job.kind === kind && job.state === "done") ?? null;
}
