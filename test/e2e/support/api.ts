import type { APIResponse, Page } from "playwright-core";

/**
 * The API through the page's own session: `page.request` shares the browser context's
 * cookies, so these calls are made as whoever is signed in in that page.
 */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  const reply = await page.request.get(path, { headers: { Accept: "application/json" } });
  if (!reply.ok()) throw new Error(`GET ${path} answered ${reply.status()}: ${await reply.text()}`);
  return (await reply.json()) as T;
}

/** The session's CSRF token (state-changing calls must send it in X-CSRF-Token). */
export async function csrfToken(page: Page): Promise<string> {
  return (await apiGet<{ csrfToken: string }>(page, "/api/me")).csrfToken;
}

/** A state-changing call in the page's session; the reply is returned whatever its status. */
export async function apiSend(
  page: Page,
  method: "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
): Promise<APIResponse> {
  const token = await csrfToken(page);
  return page.request.fetch(path, {
    method,
    headers: { "X-CSRF-Token": token, Accept: "application/json" },
    ...(body === undefined ? {} : { data: body }),
  });
}

/** Like apiSend, but the call must succeed; resolves with the JSON answer. */
export async function apiSendOk<T>(
  page: Page,
  method: "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
): Promise<T> {
  const reply = await apiSend(page, method, path, body);
  if (!reply.ok()) {
    throw new Error(`${method} ${path} answered ${reply.status()}: ${await reply.text()}`);
  }
  return reply.status() === 204 ? (undefined as T) : ((await reply.json()) as T);
}
