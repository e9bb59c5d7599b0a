import type { DocumentJob, DocumentJobs } from "../../contract/api";
import { localized } from "../../core";
import type { AuthUser } from "../auth/auth-user";
import { CITY_READERS, requireRole } from "../auth/policy";
import { recordAudit } from "../audit/record";
import type { UseCaseDeps } from "../context";
import { DomainError, notFound } from "../errors";
import { newId, sha256Hex } from "../ids";
import { buildVolumeFile } from "./build-documents";
import { buildPackageFile } from "./build-package";
import { CITY_SCOPE, gatherDocumentSources, resolveDocumentScope } from "./document-sources";
import type { DocumentJobRow } from "./documents.repository";
import type { DocumentFile } from "./document-names";

export type JobKind = DocumentJob["kind"];

/** A job whose progress has not moved for this long was left by a stopped process. */
export const ABANDONED_JOB_MS = 10 * 60 * 1000;

/** How often a running job writes its progress: often enough for a progress bar. */
const PROGRESS_INTERVAL_MS = 400;

export function presentJob(row: DocumentJobRow): DocumentJob {
  return {
    id: row.id,
    scope: row.scope,
    kind: row.kind as JobKind,
    state: row.state as DocumentJob["state"],
    stage: row.stage,
    done: Number(row.done),
    total: Number(row.total),
    fileName: row.file_name,
    size: row.file_size === null ? null : Number(row.file_size),
    sha256: row.file_sha256,
    error: row.error,
    requestedBy: row.requested_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Jobs still running in this process, so a test or a shutdown can wait for them. */
const running = new Set<Promise<void>>();

/** Resolves when every job this process started has finished (tests, graceful stop). */
export async function settleDocumentJobs(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
}

/**
 * Starts building a bound volume (any scope) or the province package (the city's only)
 * as a background job and answers at once with the job — or with the one already being
 * built for the scope (one at a time: clicking again does not start another); its row carries the progress,
 * so any server process can report it. The finished file goes into the evidence store
 * under its SHA-256.
 */
export async function startDocumentJob(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  scope: string,
  kind: JobKind,
): Promise<DocumentJob> {
  const resolved = await resolveDocumentScope(deps, user, year, scope);
  if (kind === "package") {
    requireRole(user, CITY_READERS);
    if (scope !== CITY_SCOPE) {
      throw new DomainError(
        "invalid",
        localized(
          "报送省里的材料包只按全市生成",
          "the province package is built for the city only",
        ),
      );
    }
  }
  const nowDate = deps.clock.now();
  const now = nowDate.toISOString();
  await deps.repos.documents.failAbandoned(
    new Date(nowDate.getTime() - ABANDONED_JOB_MS).toISOString(),
    now,
  );
  const id = newId();
  const inserted = await deps.repos.documents.insertJob({
    id,
    cycle_id: resolved.loaded.cycle.id,
    scope,
    kind,
    state: "queued",
    stage: "排队中",
    done: 0,
    total: 0,
    file_name: null,
    file_sha256: null,
    file_size: null,
    error: null,
    requested_by: user.username,
    created_at: now,
    updated_at: now,
  });
  if (!inserted) {
    const active = await deps.repos.documents.activeJob(resolved.loaded.cycle.id, scope, kind);
    if (active) return presentJob(active);
    throw new DomainError(
      "conflict",
      localized("生成任务正在切换，请稍后再试", "a build is just finishing; try again"),
    );
  }

  let lastWrite = 0;
  let writes: Promise<void> = Promise.resolve();
  const progress = (step: { done: number; total: number; stage: string }) => {
    const at = deps.clock.now();
    if (at.getTime() - lastWrite < PROGRESS_INTERVAL_MS) return;
    lastWrite = at.getTime();
    writes = writes.then(() =>
      deps.repos.documents.updateJob(id, {
        state: "running",
        stage: step.stage.slice(0, 200),
        done: step.done,
        total: step.total,
        updated_at: at.toISOString(),
      }),
    );
  };

  const work = (async () => {
    try {
      await deps.repos.documents.updateJob(id, {
        state: "running",
        stage: "读取数据",
        updated_at: deps.clock.now().toISOString(),
      });
      const sources = await gatherDocumentSources(deps, resolved);
      const file: DocumentFile =
        kind === "package"
          ? await buildPackageFile(deps, sources, progress)
          : await buildVolumeFile(deps, sources, progress);
      const sha256 = sha256Hex(file.bytes);
      await deps.evidence.put(sha256, file.bytes);
      await writes;
      await deps.repos.transaction(async (tx) => {
        await tx.documents.updateJob(id, {
          state: "done",
          stage: "已完成",
          file_name: file.name,
          file_sha256: sha256,
          file_size: file.bytes.length,
          updated_at: deps.clock.now().toISOString(),
        });
        await recordAudit(tx, deps.clock, {
          actor: user.username,
          action: kind === "package" ? "document.package" : "document.volume",
          objectType: "document",
          objectId: `${year}/${scope}/${id}`,
          after: { file: file.name, sha256, size: file.bytes.length },
        });
      });
      await pruneOldFiles(deps, resolved.loaded.cycle.id, scope, kind);
    } catch (error) {
      await writes.catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      await deps.repos.documents
        .updateJob(id, {
          state: "failed",
          stage: "生成失败",
          error: message.slice(0, 1000),
          updated_at: deps.clock.now().toISOString(),
        })
        .catch(() => undefined);
    }
  })();
  running.add(work);
  void work.finally(() => running.delete(work));
  return presentJob((await deps.repos.documents.job(id))!);
}

/** How many finished files of one scope and kind are kept; older builds drop theirs. */
export const KEPT_FILES = 3;

/**
 * Volumes are tens of megabytes and rebuilt often before the deadline: keep the newest
 * few per scope and kind, and remove older files from the store unless evidence or
 * another job holds the same bytes. A failure here never fails the build just made.
 */
async function pruneOldFiles(
  deps: Pick<UseCaseDeps, "repos" | "evidence" | "clock">,
  cycleId: string,
  scope: string,
  kind: JobKind,
): Promise<void> {
  try {
    const finished = await deps.repos.documents.finishedWithFiles(cycleId, scope, kind);
    for (const old of finished.slice(KEPT_FILES)) {
      await deps.repos.documents.dropFile(old.id, deps.clock.now().toISOString());
      const sha256 = old.file_sha256!;
      const [usedByJob, usedByEvidence] = await Promise.all([
        deps.repos.documents.isFileUsed(sha256),
        deps.repos.evidence.isContentUsed(sha256),
      ]);
      if (!usedByJob && !usedByEvidence) await deps.evidence.remove(sha256);
    }
  } catch {
    // Left for the next build to tidy; the file just made is safe either way.
  }
}

async function jobIn(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  scope: string,
  id: string,
): Promise<DocumentJobRow> {
  const resolved = await resolveDocumentScope(deps, user, year, scope);
  const row = await deps.repos.documents.job(id);
  if (!row || row.cycle_id !== resolved.loaded.cycle.id || row.scope !== scope) {
    throw notFound("没有这个生成任务", "there is no such document job");
  }
  return row;
}

export async function getDocumentJob(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  scope: string,
  id: string,
): Promise<DocumentJob> {
  return presentJob(await jobIn(deps, user, year, scope, id));
}

/** The scope's latest jobs, newest first (the page shows the last volume and its progress). */
export async function listDocumentJobs(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  scope: string,
): Promise<DocumentJobs> {
  const resolved = await resolveDocumentScope(deps, user, year, scope);
  const rows = await deps.repos.documents.recentJobs(resolved.loaded.cycle.id, scope, 10);
  return { jobs: rows.map(presentJob) };
}

/** The finished file, checked against its address before it is handed out. */
export async function downloadJobFile(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  scope: string,
  id: string,
): Promise<{ name: string; bytes: Buffer; contentType: string }> {
  const row = await jobIn(deps, user, year, scope, id);
  if (row.state === "done" && row.file_sha256 === null) {
    throw notFound(
      "这份文件已由较新的版本取代，请下载最新生成的文件",
      "a newer build replaced this file; download the latest one",
    );
  }
  if (row.state !== "done" || !row.file_sha256 || !row.file_name) {
    throw new DomainError("conflict", localized("文件尚未生成完成", "the file is not ready yet"));
  }
  const bytes = await deps.evidence.get(row.file_sha256);
  if (!bytes || sha256Hex(bytes) !== row.file_sha256) {
    throw notFound("生成的文件已不存在，请重新生成", "the file is gone; build it again");
  }
  return {
    name: row.file_name,
    bytes,
    contentType: row.kind === "package" ? "application/zip" : "application/pdf",
  };
}
