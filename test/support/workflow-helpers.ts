import { randomBytes } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import type { Client } from "./server-harness";

/** The demo's open year. */
export const YEAR = "/api/cycles/2025";
export const departmentUrl = (department: string) => `${YEAR}/departments/${department}`;

/** multipart/form-data for one evidence upload (a small PDF, different each time). */
export function evidenceForm(targetKind: string, targetCode: string) {
  const boundary = `----kaoping-${randomBytes(8).toString("hex")}`;
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const pdf = `%PDF-1.4\n1 0 obj\n<< /Title (${randomBytes(8).toString("hex")}) >>\nendobj\n%%EOF\n`;
  const payload = Buffer.concat([
    Buffer.from(field("targetKind", targetKind) + field("targetCode", targetCode)),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="辅证.pdf"\r\n` +
        "Content-Type: application/pdf\r\n\r\n",
    ),
    Buffer.from(pdf),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

export const uploadEvidence = (client: Client, kind: string, code: string) =>
  client.request({ method: "POST", url: `${YEAR}/evidence`, ...evidenceForm(kind, code) });

interface Check {
  id: string;
  code: string;
  severity: "error" | "warning";
  target: { kind: string; code: string };
}

/**
 * Brings a department to where its head can submit: evidence filed (by `clerk`) for
 * every indicator the checks say lacks it; returns the declaration and a justification
 * for every warning. Any other error (a missing figure, an unanswered item) fails the test.
 */
export async function readyToSubmit(
  clerk: Client,
  department: string,
): Promise<{ declaration: string; justifications: { check: string; text: string }[] }> {
  let checks = (await clerk.get(`${departmentUrl(department)}/checks`)).json() as {
    checks: Check[];
    declaration: string;
  };
  for (const check of checks.checks.filter((c) => c.code === "missing_evidence")) {
    const uploaded = await uploadEvidence(clerk, check.target.kind, check.target.code);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
  }
  checks = (await clerk.get(`${departmentUrl(department)}/checks`)).json();
  expect(checks.checks.filter((check) => check.severity === "error")).toEqual([]);
  return {
    declaration: checks.declaration,
    justifications: checks.checks
      .filter((check) => check.severity === "warning")
      .map((check) => ({ check: check.id, text: "已核实，数据准确" })),
  };
}

/** The head submits, after `readyToSubmit`; expects 200. */
export async function submitAs(
  head: Client,
  clerk: Client,
  department: string,
): Promise<LightMyRequestResponse> {
  const body = await readyToSubmit(clerk, department);
  const submitted = await head.post(`${departmentUrl(department)}/submit`, body);
  expect(submitted.statusCode, submitted.body).toBe(200);
  return submitted;
}

export interface AuditRow {
  seq: number;
  actor: string;
  action: string;
  objectId: string;
  before: unknown;
  after: unknown;
}

/** The newest audit rows with an action, as the office reads them. */
export async function auditRows(reader: Client, action: string): Promise<AuditRow[]> {
  const page = await reader.get(`/api/audit/log?action=${encodeURIComponent(action)}&pageSize=200`);
  expect(page.statusCode, page.body).toBe(200);
  return (page.json() as { rows: AuditRow[] }).rows;
}

/** Whether the whole audit chain verifies, as GET /api/audit/verify says. */
export async function auditIntact(reader: Client): Promise<boolean> {
  const verdict = await reader.get("/api/audit/verify");
  expect(verdict.statusCode, verdict.body).toBe(200);
  return (verdict.json() as { intact: boolean }).intact;
}
