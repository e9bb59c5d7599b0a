import type { NarrativesDoc, SaveNarrativeBody } from "../../contract/api";
import { NARRATIVE_SECTIONS } from "../../core/documents/report-payload";
import { localized } from "../../core";
import { recordAudit } from "../audit/record";
import { isDepartmentUser, type AuthUser } from "../auth/auth-user";
import { CITY_WRITERS } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { DomainError, forbidden } from "../errors";
import { assertWritableIn } from "../workflow/write-guard";
import { CITY_SCOPE, readNarratives, resolveDocumentScope } from "./document-sources";

/** The office writes the city's report; a department's clerk or head writes its own. */
function mayWrite(user: AuthUser, scope: string): boolean {
  if (scope === CITY_SCOPE) return CITY_WRITERS.includes(user.role);
  if (isDepartmentUser(user)) return user.departmentCode === scope;
  return CITY_WRITERS.includes(user.role);
}

/** `GET /api/cycles/:year/documents/:scope/narratives`: the report's written sections. */
export async function getNarratives(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  scope: string,
): Promise<NarrativesDoc> {
  const resolved = await resolveDocumentScope(deps, user, year, scope);
  const stored = await deps.repos.documents.narratives(resolved.loaded.cycle.id, scope);
  const bySection = new Map(stored.map((row) => [row.section, row]));
  return {
    scope,
    editable: mayWrite(user, scope) && resolved.loaded.cycle.status === "open",
    sections: NARRATIVE_SECTIONS.map((section) => {
      const row = bySection.get(section);
      return {
        section,
        text: row?.text ?? "",
        version: row?.version ?? 0,
        updatedBy: row?.updatedBy ?? null,
        updatedAt: row?.updatedAt ?? null,
      };
    }),
  };
}

/**
 * Saves one section with optimistic concurrency, under the same lock rule as the
 * department's figures (a submitted or accepted hand-in, the deadline, an aggregated or
 * closed year), audited with the text before and after.
 */
export async function saveNarrative(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  scope: string,
  body: SaveNarrativeBody,
): Promise<NarrativesDoc> {
  const resolved = await resolveDocumentScope(deps, user, year, scope);
  if (!mayWrite(user, scope)) {
    throw forbidden("无权修改这份自评报告", "you may not change this self-evaluation report");
  }
  const { cycle } = resolved.loaded;
  await deps.repos.transaction(async (tx) => {
    await tx.audit.lock();
    await assertWritableIn(tx, deps.clock, cycle, {
      owners: scope === CITY_SCOPE ? [] : [scope],
      writerDepartment: isDepartmentUser(user) ? (user.departmentCode ?? null) : null,
    });
    const before = (await readNarratives(tx, cycle.id, scope)).narratives[body.section];
    const saved = await tx.documents.saveNarrative({
      cycleId: cycle.id,
      scope,
      section: body.section,
      text: body.text,
      version: body.version,
      updatedBy: user.username,
      updatedAt: deps.clock.now().toISOString(),
    });
    if (!saved) {
      throw new DomainError(
        "conflict",
        localized(
          "这一节已被他人修改，请刷新后在最新内容上修改",
          "someone else changed this section; reload and edit the current text",
        ),
      );
    }
    await recordAudit(tx, deps.clock, {
      actor: user.username,
      action: "narrative.save",
      objectType: "narrative",
      objectId: `${year}/${scope}/${body.section}`,
      before: { text: before },
      after: { text: body.text },
    });
  });
  return getNarratives(deps, user, year, scope);
}
