/**
 * The load generator of the save benchmark: real HTTP over loopback through one
 * keep-alive agent (at most 64 sockets), a fixed number of concurrent workers that
 * each send one request at a time, and latency percentiles.
 */
import http from "node:http";

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HttpTarget {
  port: number;
  agent: http.Agent;
}

export function keepAliveAgent(maxSockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets });
}

/** One request with a JSON body; resolves when the whole response has arrived. */
export function sendJson(
  target: HttpTarget,
  method: string,
  path: string,
  payload: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResponse> {
  const body = payload === undefined ? undefined : JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port: target.port,
        method,
        path,
        agent: target.agent,
        headers: {
          ...(body === undefined
            ? {}
            : {
                "content-type": "application/json",
                "content-length": String(Buffer.byteLength(body)),
              }),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    request.setTimeout(15_000, () => request.destroy(new Error(`${method} ${path} timed out`)));
    request.on("error", reject);
    request.end(body);
  });
}

/** What one worker does per request: send it, and say how it went. */
export type Step = () => Promise<"ok" | "conflict" | { error: string }>;

export interface LoadResult {
  /** Requests completed (any outcome). */
  completed: number;
  ok: number;
  conflicts: number;
  errors: number;
  firstError?: string;
  wallMs: number;
  /** Sorted latencies of completed requests, in milliseconds. */
  latencies: number[];
  /** The deadline stopped the run before `total` requests. */
  capped: boolean;
}

/**
 * `workers.length` concurrent loops share `total` requests; each loop sends one
 * request at a time. Stops issuing at `deadline` (a performance.now() time). With
 * `intervalMs`, each loop is paced like a person: its k-th request goes out at
 * start + offset + k × interval (at once if it is behind), instead of back to back.
 */
export async function runLoad(
  workers: Step[],
  total: number,
  deadline: number,
  intervalMs?: number,
): Promise<LoadResult> {
  const result: LoadResult = {
    completed: 0,
    ok: 0,
    conflicts: 0,
    errors: 0,
    wallMs: 0,
    latencies: [],
    capped: false,
  };
  let issued = 0;
  const start = performance.now();
  await Promise.all(
    workers.map(async (step, index) => {
      let sentCount = 0;
      while (issued < total) {
        if (intervalMs !== undefined) {
          const due = start + (index / workers.length) * intervalMs + sentCount * intervalMs;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          sentCount++;
          if (issued >= total) return;
        }
        if (performance.now() >= deadline) {
          result.capped = true;
          return;
        }
        issued++;
        const sent = performance.now();
        let outcome: Awaited<ReturnType<Step>>;
        try {
          outcome = await step();
        } catch (error) {
          outcome = { error: (error as Error).message };
        }
        result.latencies.push(performance.now() - sent);
        result.completed++;
        if (outcome === "ok") result.ok++;
        else if (outcome === "conflict") result.conflicts++;
        else {
          result.errors++;
          result.firstError ??= outcome.error;
        }
      }
    }),
  );
  result.wallMs = performance.now() - start;
  result.latencies.sort((a, b) => a - b);
  return result;
}

/** The nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const throughput = (result: LoadResult): number => result.completed / (result.wallMs / 1000);

/** Several runs as one: counts and wall time add up, latencies pool. */
export function mergeResults(results: LoadResult[]): LoadResult {
  const merged: LoadResult = {
    completed: 0,
    ok: 0,
    conflicts: 0,
    errors: 0,
    wallMs: 0,
    latencies: [],
    capped: false,
  };
  for (const result of results) {
    merged.completed += result.completed;
    merged.ok += result.ok;
    merged.conflicts += result.conflicts;
    merged.errors += result.errors;
    merged.firstError ??= result.firstError;
    merged.wallMs += result.wallMs;
    merged.latencies.push(...result.latencies);
    merged.capped ||= result.capped;
  }
  merged.latencies.sort((a, b) => a - b);
  return merged;
}
