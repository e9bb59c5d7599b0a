import type { Framework } from "../../core";
import { elementsOfDepartment } from "../auth/policy";
import { canonicalJson } from "../audit/canonical-json";
import { gatherDataDocument } from "../cycles/gather-data-document";
import type { LoadedCycle } from "../cycles/load-cycle";
import { sm3Hex } from "../ids";
import type { Repositories } from "../repositories";

/** A snapshot as stored: the canonical JSON text and the SM3 of exactly those bytes. */
export interface Sealed {
  text: string;
  digest: string;
}

export function seal(content: unknown): Sealed {
  const text = canonicalJson(content);
  return { text, digest: sm3Hex(Buffer.from(text, "utf8")) };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What a head certifies: the department's figures (every data element its indicators
 * read, every region, with notes), its work answers and its evidence files by their
 * SHA-256 — in a fixed order, so the same stored data always gives the same digest.
 * Read through `repos`, which is the submitting transaction when it is sealed.
 */
export async function departmentSnapshot(
  repos: Repositories,
  cycle: { id: string; year: number },
  framework: Framework,
  frameworkSha256: string,
  department: string,
): Promise<Sealed> {
  const elements = [...elementsOfDepartment(framework, department)];
  const items = new Set(
    framework.workItems.filter((item) => item.department === department).map((item) => item.code),
  );
  const [values, answers, evidence] = await Promise.all([
    repos.values.forElements(cycle.id, elements),
    repos.work.forCycle(cycle.id),
    repos.evidence.forCycle(cycle.id),
  ]);
  return seal({
    format: "kaoping/department-snapshot@1",
    year: cycle.year,
    department,
    framework: { code: framework.doc.code, sha256: frameworkSha256 },
    figures: values
      .map((row) => ({
        element: row.element_code,
        region: row.region_code,
        value: row.value,
        note: row.note,
      }))
      .sort((a, b) => byText(a.element, b.element) || byText(a.region, b.region)),
    answers: answers
      .filter((answer) => items.has(answer.itemCode))
      .map((answer) => ({
        item: answer.itemCode,
        awarded: answer.awarded,
        explanation: answer.explanation,
      }))
      .sort((a, b) => byText(a.item, b.item)),
    evidence: evidence
      .filter((row) => row.department_code === department)
      .map((row) => ({
        kind: row.target_kind,
        code: row.target_code,
        sha256: row.sha256,
        name: row.original_name,
        size: row.size,
      }))
      .sort(
        (a, b) =>
          byText(a.kind, b.kind) ||
          byText(a.code, b.code) ||
          byText(a.sha256, b.sha256) ||
          byText(a.name, b.name),
      ),
  });
}

/**
 * The city's data frozen at aggregation: the year's data document (the same one the
 * score and the export are computed from), the notes on figures and every evidence
 * file by SHA-256. The overall report is made from this.
 */
export async function citySnapshot(
  repos: Repositories,
  loaded: LoadedCycle,
  frameworkSha256: string,
): Promise<Sealed> {
  const [data, values, evidence] = await Promise.all([
    gatherDataDocument({ repos }, loaded),
    repos.values.forCycle(loaded.cycle.id),
    repos.evidence.forCycle(loaded.cycle.id),
  ]);
  return seal({
    format: "kaoping/aggregate-snapshot@1",
    year: loaded.cycle.year,
    framework: { code: loaded.framework.doc.code, sha256: frameworkSha256 },
    data,
    notes: values
      .filter((row) => row.note !== null && row.note !== "")
      .map((row) => ({ element: row.element_code, region: row.region_code, note: row.note }))
      .sort((a, b) => byText(a.element, b.element) || byText(a.region, b.region)),
    evidence: evidence
      .map((row) => ({
        department: row.department_code,
        kind: row.target_kind,
        code: row.target_code,
        sha256: row.sha256,
        name: row.original_name,
      }))
      .sort(
        (a, b) =>
          byText(a.department, b.department) ||
          byText(a.kind, b.kind) ||
          byText(a.code, b.code) ||
          byText(a.sha256, b.sha256) ||
          byText(a.name, b.name),
      ),
  });
}
