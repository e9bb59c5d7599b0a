import { isDepartmentUser, type AuthUser } from "../auth/auth-user";
import { CITY_READERS, requireRole } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import type { Evidence } from "../../contract/api";
import { presentEvidence } from "./evidence.presenter";
import { forbidden, notFound } from "../errors";
import { sha256Hex } from "../ids";

export interface DownloadedEvidence {
  evidence: Evidence;
  content: Buffer;
}

/**
 * One evidence file with its record. A department user gets only what was filed
 * under their own department; the city-wide readers get everything. The bytes are
 * checked against their address, so a damaged or altered file is never handed out
 * as evidence.
 */
export async function downloadEvidence(
  deps: UseCaseDeps,
  user: AuthUser,
  input: { year: number; id: string },
): Promise<DownloadedEvidence> {
  if (!isDepartmentUser(user)) requireRole(user, CITY_READERS);
  const [cycle, row] = await Promise.all([
    deps.repos.cycles.byYear(input.year),
    deps.repos.evidence.byId(input.id),
  ]);
  if (!cycle || !row || row.cycle_id !== cycle.id) {
    throw notFound(
      `${input.year} 年度没有这份辅证材料`,
      `there is no such evidence in evaluation year ${input.year}`,
    );
  }
  if (isDepartmentUser(user) && row.department_code !== user.departmentCode) {
    throw forbidden(
      "这份辅证材料属于其他单位，无权下载",
      "this evidence belongs to another department; you may not download it",
    );
  }
  const content = await deps.evidence.get(row.sha256);
  if (!content || sha256Hex(content) !== row.sha256) {
    // An operations fault, not the user's: logged as a 500 with the id to look for.
    throw new Error(`evidence ${row.id}: stored file ${row.sha256} is missing or damaged`);
  }
  return { evidence: presentEvidence(row), content };
}

/** RFC 5987: percent-encode everything outside attr-char, which `encodeURIComponent` leaves four of. */
const encodeRfc5987 = (value: string) =>
  encodeURIComponent(value).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/**
 * The plain `filename=` for clients that ignore `filename*`: printable ASCII only,
 * without the quote, backslash and percent sign that clients read differently; a
 * name with nothing readable left becomes "evidence" with its extension.
 */
function asciiFallback(name: string): string {
  const safe = Array.from(name, (char) =>
    /^[\x20-\x7e]$/.test(char) && !/["\\%]/.test(char) ? char : "_",
  )
    .join("")
    .replace(/_+/g, "_");
  const dot = safe.lastIndexOf(".");
  const stem = dot > 0 ? safe.slice(0, dot) : safe;
  const extension = dot > 0 ? safe.slice(dot) : "";
  return /[A-Za-z0-9]/.test(stem) ? safe : `evidence${extension}`;
}

/** `Content-Disposition` for a download: the original name survives, the header stays ASCII. */
export function attachmentDisposition(name: string): string {
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
