import fc from "fast-check";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isWellFormed } from "../../src/core/text/clean-text";
import {
  hostileJson,
  hostileNumber,
  hostileString,
  malformedBody,
} from "../support/hostile-values";
import { DIALECTS, startHarness, type Client, type Harness } from "../support/server-harness";

/**
 * Property-based fuzzing of every route the API describes: path, query and body filled
 * from each operation's own schema with hostile leaves, or replaced by random JSON and
 * malformed bytes, sent anonymously, as a clerk and as the office. Whatever arrives, the
 * server answers below 500, within a fixed time, with `{error, message}` on a refusal,
 * and the audit chain still verifies at the end.
 *
 * Replay a failure with the seed (and path) fast-check prints:
 *   KAOPING_FUZZ_SEED=123 KAOPING_FUZZ_PATH="4:1" npx vitest run test/integration/fuzz-routes.test.ts
 * Run longer with KAOPING_FUZZ_RUNS (per route and client; default 25).
 */

const RUNS = Number(process.env.KAOPING_FUZZ_RUNS ?? 25);
const SEED = process.env.KAOPING_FUZZ_SEED ? Number(process.env.KAOPING_FUZZ_SEED) : Date.now();
const PATH = process.env.KAOPING_FUZZ_PATH;
/** No request may take longer than this, however hostile (the real ones take milliseconds). */
const REQUEST_LIMIT_MS = 5_000;

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  nullable?: boolean;
}

interface Parameter {
  name: string;
  in: "path" | "query";
  schema: JsonSchema;
}

interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
  multipart: boolean;
}

/** Plausible values for the parameters the routes share, so requests reach deep code too. */
interface Vocabulary {
  year: unknown[];
  element: string[];
  region: string[];
  item: string[];
  department: string[];
  id: string[];
  username: string[];
}

function valueFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.oneof(fc.constantFrom(...schema.enum), hostileJson);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map(valueFor));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const leaf = (() => {
    switch (type) {
      case "string":
        return hostileString as fc.Arbitrary<unknown>;
      case "number":
      case "integer":
        return hostileNumber;
      case "boolean":
        return fc.boolean();
      case "array":
        return fc.array(schema.items ? valueFor(schema.items) : hostileJson, { maxLength: 5 });
      case "object":
        return objectFor(schema);
      default:
        return hostileJson;
    }
  })();
  // Now and then the wrong type altogether.
  return fc.oneof({ weight: 5, arbitrary: leaf }, { weight: 1, arbitrary: hostileJson });
}

function objectFor(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const known = Object.entries(schema.properties ?? {});
  const extra =
    typeof schema.additionalProperties === "object"
      ? fc.dictionary(hostileString, valueFor(schema.additionalProperties), { maxKeys: 4 })
      : fc.dictionary(hostileString, hostileJson, { maxKeys: 2 });
  return fc
    .tuple(
      fc.tuple(...known.map(([, property]) => fc.option(valueFor(property), { nil: undefined }))),
      extra,
    )
    .map(([values, more]) => {
      const object: Record<string, unknown> = { ...more };
      known.forEach(([name], index) => {
        if (values[index] !== undefined) object[name] = values[index];
      });
      return object;
    });
}

function parameterValue(parameter: Parameter, words: Vocabulary): fc.Arbitrary<unknown> {
  const known = words[parameter.name as keyof Vocabulary];
  return known
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, valueFor(parameter.schema))
    : valueFor(parameter.schema);
}

/** A multipart body: well-formed with hostile fields and bytes, or broken on purpose. */
const multipartBody = fc
  .record({
    boundary: fc.constantFrom("X", "----kaoping", "a".repeat(70)),
    fields: fc.dictionary(
      fc.constantFrom("targetKind", "targetCode", "file", "other"),
      hostileString,
      { maxKeys: 3 },
    ),
    fileName: hostileString,
    content: fc.uint8Array({ maxLength: 300 }),
    cut: fc.option(fc.nat({ max: 400 }), { nil: undefined }),
  })
  .map(({ boundary, fields, fileName, content, cut }) => {
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries(fields)) {
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`),
        Buffer.from(value, "utf8"),
        Buffer.from("\r\n"),
      );
    }
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n\r\n`,
      ),
      Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    const body = Buffer.concat(parts);
    return {
      payload: cut === undefined ? body : body.subarray(0, cut),
      contentType: `multipart/form-data; boundary=${boundary}`,
    };
  });

/** Any value as URL text; a lone surrogate goes as the bytes a hostile client would send. */
function urlText(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "undefined");
  let out = "";
  for (const char of text) {
    const unit = char.charCodeAt(0);
    out +=
      char.length === 1 && unit >= 0xd800 && unit <= 0xdfff
        ? `%ED%${(0x80 | ((unit >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (unit & 0x3f)).toString(16).toUpperCase()}`
        : encodeURIComponent(char);
  }
  return out;
}

function requestFor(operation: Operation, words: Vocabulary): fc.Arbitrary<InjectOptions> {
  const params = operation.parameters.filter((parameter) => parameter.in === "path");
  const query = operation.parameters.filter((parameter) => parameter.in === "query");
  const body: fc.Arbitrary<{ payload?: string | Buffer; contentType?: string }> =
    operation.multipart
      ? fc.oneof(
          multipartBody,
          malformedBody.map((payload) => ({ payload, contentType: "application/json" })),
        )
      : operation.body
        ? fc.oneof(
            {
              weight: 6,
              arbitrary: valueFor(operation.body).map((v) => ({ payload: JSON.stringify(v) })),
            },
            { weight: 1, arbitrary: malformedBody.map((payload) => ({ payload })) },
            {
              weight: 1,
              arbitrary: hostileString.map((payload) => ({ payload, contentType: "text/plain" })),
            },
          )
        : fc.option(
            hostileJson.map((value) => ({ payload: JSON.stringify(value) })),
            { nil: {} as { payload?: string } },
          );
  return fc
    .record({
      params: fc.tuple(...params.map((parameter) => parameterValue(parameter, words))),
      query: fc.tuple(...query.map((parameter) => fc.option(parameterValue(parameter, words)))),
      extraQuery: fc.dictionary(hostileString, hostileString, { maxKeys: 2 }),
      body,
    })
    .map(({ params: values, query: queryValues, extraQuery, body: sent }) => {
      let url = operation.path;
      params.forEach((parameter, index) => {
        url = url.replace(`{${parameter.name}}`, urlText(values[index]));
      });
      const pairs: string[] = [];
      query.forEach((parameter, index) => {
        if (queryValues[index] !== null)
          pairs.push(`${parameter.name}=${urlText(queryValues[index])}`);
      });
      for (const [key, value] of Object.entries(extraQuery))
        pairs.push(`${urlText(key)}=${urlText(value)}`);
      const queryText = pairs.join("&");
      const headers: Record<string, string> = {};
      if (sent.contentType) headers["content-type"] = sent.contentType;
      else if (sent.payload !== undefined) headers["content-type"] = "application/json";
      return {
        method: operation.method as InjectOptions["method"],
        url: queryText ? `${url}?${queryText}` : url,
        headers,
        ...(sent.payload !== undefined ? { payload: sent.payload } : {}),
      };
    });
}

function operationsOf(document: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const operation = raw as {
        parameters?: Parameter[];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
        consumes?: string[];
      };
      const content = operation.requestBody?.content ?? {};
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        body: content["application/json"]?.schema,
        multipart: "multipart/form-data" in content || path.endsWith("/evidence"),
      });
    }
  }
  return operations;
}

async function withinLimit(
  pending: Promise<LightMyRequestResponse>,
  label: string,
): Promise<LightMyRequestResponse> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${label} took longer than ${REQUEST_LIMIT_MS} ms`)),
      REQUEST_LIMIT_MS,
    );
  });
  try {
    return await Promise.race([pending, limit]);
  } finally {
    clearTimeout(timer);
  }
}

describe.each(DIALECTS)("fuzzing every route on %s", (dialect) => {
  let harness: Harness;
  /** Who sends: anonymous, or a signed-in account whose session is renewed if a fuzzed logout ends it. */
  let callers: {
    name: string;
    send(options: InjectOptions): Promise<LightMyRequestResponse>;
    renew(): Promise<boolean>;
  }[];
  let operations: Operation[];
  let words: Vocabulary;

  beforeAll(async () => {
    harness = await startHarness(dialect);
    await harness.app.ready();
    operations = operationsOf(harness.app.swagger() as never);
    const signedIn = async (name: string) => {
      let client: Client = await harness.as(name);
      return {
        name,
        client: () => client,
        send: (options: InjectOptions) => client.request(options),
        /** Signs in again when the session has ended; true when it had to. */
        async renew() {
          if ((await client.get("/api/me")).statusCode === 200) return false;
          client = await harness.as(name);
          return true;
        },
      };
    };
    const clerkCaller = await signedIn("edu-clerk");
    const officeCaller = await signedIn("office");
    const clerk = clerkCaller.client();
    const office = officeCaller.client();
    callers = [
      {
        name: "anonymous",
        send: (options) => harness.app.inject(options),
        renew: async () => false,
      },
      clerkCaller,
      officeCaller,
    ];
    const framework = (await office.get("/api/cycles/2025/framework")).json();
    const cycle = (await office.get("/api/cycles/2025")).json();
    const upload = await clerk.request({
      method: "POST",
      url: "/api/cycles/2025/evidence",
      headers: { "content-type": "multipart/form-data; boundary=B" },
      payload:
        '--B\r\nContent-Disposition: form-data; name="targetKind"\r\n\r\nindicator\r\n' +
        '--B\r\nContent-Disposition: form-data; name="targetCode"\r\n\r\nEDU01\r\n' +
        '--B\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--B--\r\n',
    });
    expect(upload.statusCode, upload.body).toBe(201);
    words = {
      year: [2025, 2024, 1990, 2200, "2025.5", "0x7e9", -1],
      element: framework.dataElements.map((element: { code: string }) => element.code),
      region: [...cycle.regions.map((region: { code: string }) => region.code), "city"],
      item: framework.workItems.map((item: { code: string }) => item.code),
      department: framework.departments.map((department: { code: string }) => department.code),
      id: [upload.json().id, "00000000-0000-0000-0000-000000000000"],
      username: ["admin", "office", "edu-clerk", "ghost"],
    };
    console.log(`fuzzing ${operations.length} operations on ${dialect}; seed ${SEED}`);
  });
  afterAll(() => harness.close());

  it("describes at least the routes the server is known to have", () => {
    const described = new Set(
      operations.map((operation) => `${operation.method} ${operation.path}`),
    );
    for (const route of [
      "POST /api/auth/login",
      "PUT /api/cycles/{year}/values/{element}/{region}",
      "PUT /api/cycles/{year}/work/{item}",
      "POST /api/cycles/{year}/evidence",
      "GET /api/audit/verify",
    ]) {
      expect(described).toContain(route);
    }
  });

  it(
    "never answers 500, never hangs, always explains a refusal, for every route and caller",
    async () => {
      let sent = 0;
      let renewed = 0;
      const statuses = new Map<number, number>();
      for (const operation of operations) {
        for (const caller of callers) {
          // A fuzzed sign-out ends the session; later routes must still be tried signed in.
          if (await caller.renew()) renewed++;
          const label = `${caller.name} ${operation.method} ${operation.path}`;
          await fc.assert(
            fc.asyncProperty(requestFor(operation, words), async (options) => {
              sent++;
              const response = await withinLimit(caller.send(options), label);
              statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
              const shown = `${label} ${String(options.url)} → ${response.statusCode} ${response.body.slice(0, 300)}`;
              expect(response.statusCode, shown).toBeLessThan(500);
              if (response.statusCode >= 400) {
                const body = response.json() as { error?: unknown; message?: unknown };
                expect(typeof body.error, shown).toBe("string");
                expect(typeof body.message, shown).toBe("string");
                expect((body.message as string).length, shown).toBeGreaterThan(0);
                expect(isWellFormed(response.body), shown).toBe(true);
              }
            }),
            { numRuns: RUNS, seed: SEED, ...(PATH ? { path: PATH } : {}), endOnFailure: true },
          );
        }
      }
      expect(sent).toBeGreaterThanOrEqual(operations.length * callers.length);
      const counts = [...statuses].sort(([a], [b]) => a - b).map(([code, n]) => `${code}: ${n}`);
      console.log(
        `${dialect}: ${sent} requests, seed ${SEED}; answers ${counts.join(", ")}; ` +
          `sessions renewed after a fuzzed sign-out: ${renewed}`,
      );
    },
    60_000 + RUNS * 200,
  );

  it("leaves the audit chain intact", async () => {
    const office = await harness.as("office");
    const verdict = (await office.get("/api/audit/verify")).json();
    expect(verdict, verdict.message).toMatchObject({ intact: true });
  });
});
