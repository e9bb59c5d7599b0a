import { Document, Spectral, type ISpectralDiagnostic } from "@stoplight/spectral-core";
import { Json } from "@stoplight/spectral-parsers";
import { oas } from "@stoplight/spectral-rulesets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../support/server-harness";

/**
 * The API description at /api/docs is what generated clients and readers rely on, so it
 * must pass Spectral's standard `oas` ruleset without a single finding, and every
 * operation must say who may call it, carry an operationId and list its 401 unless it
 * is public. The description does not depend on the data, so one database is enough.
 */

interface Operation {
  operationId?: string;
  description?: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}

type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>;
};

const METHODS = new Set(["get", "put", "post", "patch", "delete"]);

/** Operations anyone may call without a session (they declare `security: []`). */
const isPublic = (operation: Operation) =>
  Array.isArray(operation.security) && operation.security.length === 0;

function operationsOf(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => ({ label: `${method.toUpperCase()} ${path}`, operation })),
  );
}

const show = (results: ISpectralDiagnostic[]) =>
  results
    .map(
      (result) =>
        `${["error", "warn", "info", "hint"][result.severity]} ${result.code} at ` +
        `${result.path.join(".")}: ${result.message}`,
    )
    .join("\n");

describe("the OpenAPI document", () => {
  let harness: Harness;
  let document: OpenApiDocument;

  beforeAll(async () => {
    harness = await startHarness("sqlite");
    await harness.app.ready();
    document = harness.app.swagger() as unknown as OpenApiDocument;
  });
  afterAll(() => harness.close());

  it("passes Spectral's oas ruleset with no findings of any severity", async () => {
    const spectral = new Spectral();
    spectral.setRuleset(oas as never);
    const results = await spectral.run(new Document(JSON.stringify(document), Json));
    expect(results, show(results)).toEqual([]);
  });

  it("gives every operation an operationId, a summary, a description and tags", () => {
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(0);
    const ids = new Set<string>();
    for (const { label, operation } of operations) {
      expect(operation.operationId, label).toMatch(/^[a-z][A-Za-z0-9]+$/);
      expect(ids.has(operation.operationId!), `${label}: operationId repeated`).toBe(false);
      ids.add(operation.operationId!);
      expect(operation.summary?.length, `${label}: summary`).toBeGreaterThan(0);
      expect(operation.description?.length, `${label}: description`).toBeGreaterThan(0);
      expect(operation.tags?.length, `${label}: tags`).toBeGreaterThan(0);
    }
  });

  it("lists a success, 401 when a session is needed, 422 when there is input to refuse", () => {
    for (const { label, operation } of operationsOf(document)) {
      const statuses = Object.keys(operation.responses ?? {});
      expect(
        statuses.some((status) => status.startsWith("2")),
        `${label}: ${statuses}`,
      ).toBe(true);
      if (!isPublic(operation)) expect(statuses, `${label}: 401`).toContain("401");
      if (operation.parameters?.length || operation.requestBody) {
        expect(statuses, `${label}: 422`).toContain("422");
      }
    }
  });

  it("declares who may call each operation: a session, the CSRF header on writes, or nobody", () => {
    for (const { label, operation } of operationsOf(document)) {
      expect(operation.security, label).toBeDefined();
      if (isPublic(operation)) continue;
      const writes = !label.startsWith("GET ");
      expect(operation.security, label).toEqual([
        writes ? { session: [], csrf: [] } : { session: [] },
      ]);
    }
  });
});
