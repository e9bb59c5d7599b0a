import http from "node:http";

/**
 * Plain HTTP to the server under test. A request that gets no complete answer (the
 * server was killed, the connection refused or reset) rejects: its outcome is unknown,
 * so the write it carried is never counted as acknowledged.
 */
export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Endpoint {
  port: number;
  agent: http.Agent;
}

/** A fresh endpoint for each server process: keep-alive sockets die with the process. */
export function endpoint(port: number): Endpoint {
  return { port, agent: new http.Agent({ keepAlive: true, maxSockets: 64 }) };
}

export function send(
  target: Endpoint,
  method: string,
  path: string,
  body?: { content: Buffer | string; type: string },
  headers: Record<string, string> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port: target.port,
        method,
        path,
        agent: target.agent,
        headers: {
          ...(body
            ? {
                "content-type": body.type,
                "content-length": String(Buffer.byteLength(body.content)),
              }
            : {}),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        // A body cut short by the kill is no answer at all (`complete` stays false).
        response.on("close", () => {
          if (!response.complete) {
            reject(new Error("the response was cut short"));
            return;
          }
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          });
        });
      },
    );
    request.setTimeout(30_000, () => request.destroy(new Error(`${method} ${path} timed out`)));
    request.on("error", reject);
    request.end(body?.content);
  });
}

export const json = (value: unknown) => ({
  content: JSON.stringify(value),
  type: "application/json",
});

/** A multipart/form-data body of text fields and one file part named `file`. */
export function multipart(
  fields: Record<string, string>,
  file: { name: string; type: string; content: Buffer },
) {
  const boundary = `----kaoping-crash-${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { content: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/** The session cookie's `name=value` from a sign-in answer. */
export function sessionCookie(reply: Reply): string | undefined {
  return (reply.headers["set-cookie"] ?? [])
    .map((header) => header.split(";")[0]!)
    .find((pair) => pair.startsWith("kaoping_session="));
}
