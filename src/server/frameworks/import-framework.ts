import { loadFramework, loadFrameworkText, type InputIssue } from "../../core";
import { canonicalJson } from "../audit/canonical-json";
import { recordAudit } from "../audit/record";
import type { UseCaseDeps } from "../context";
import { newId, sha256Hex } from "../ids";

export interface ImportedFramework {
  id: string;
  code: string;
  version: number;
  created: boolean;
  warnings: InputIssue[];
}

/**
 * Stores a framework as a new version of its code (or returns the existing version
 * when the same document was imported before). The document is validated whole first:
 * nothing is stored when it is refused. Departments named in it are added or renamed.
 */
export async function importFramework(
  deps: Pick<UseCaseDeps, "repos" | "clock">,
  actor: string,
  source: { text: string; file: string } | { document: unknown; file: string },
): Promise<ImportedFramework> {
  const loaded =
    "text" in source
      ? loadFrameworkText(source.text, source.file)
      : loadFramework(source.document, source.file);
  const doc = loaded.framework.doc;
  const document = canonicalJson(doc);
  const sha256 = sha256Hex(document);
  return deps.repos.transaction(async (tx) => {
    const existing = await tx.frameworks.bySha(doc.code, sha256);
    if (existing) {
      return {
        id: existing.id,
        code: doc.code,
        version: Number(existing.version),
        created: false,
        warnings: loaded.warnings,
      };
    }
    const version = (await tx.frameworks.latestVersion(doc.code)) + 1;
    const id = newId();
    await tx.frameworks.insert({
      id,
      code: doc.code,
      version,
      name: doc.name,
      document,
      sha256,
      imported_at: deps.clock.now().toISOString(),
      imported_by: actor,
    });
    for (const department of doc.departments)
      await tx.users.upsertDepartment(department.code, department.name);
    await recordAudit(tx, deps.clock, {
      actor,
      action: "framework.import",
      objectType: "framework",
      objectId: `${doc.code}@${version}`,
      after: { sha256, indicators: doc.indicators.length, workItems: doc.workItems.length },
    });
    return { id, code: doc.code, version, created: true, warnings: loaded.warnings };
  });
}
