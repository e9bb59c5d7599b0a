/**
 * The one way the web app talks to the server: same origin, the session cookie, the
 * CSRF token on every state-changing request, and errors turned into ApiError with the
 * server's `{error, message}` (already in the user's language). Every screen shows
 * errors through showApiError (api/show-error.ts), so they all behave alike.
 */
import type { z } from "zod";
import type { errorSchema } from "../../contract/api";

export type ApiErrorBody = z.infer<typeof errorSchema> & Record<string, unknown>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: ApiErrorBody | null,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Network failures and 502–504 are temporary: worth retrying. Refusals never are. */
  get temporary(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

let csrfToken: string | null = null;
let language = "zh-CN";

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLanguage(lang: string): void {
  language = lang;
}

/** Listeners told when the server says the session is over (401 on a signed-in call). */
const sessionExpiredListeners = new Set<() => void>();
export function onSessionExpired(listener: () => void): () => void {
  sessionExpiredListeners.add(listener);
  return () => sessionExpiredListeners.delete(listener);
}

/** Says the session is over (e.g. an upload answered 401): the sign-in dialog opens. */
export function notifySessionExpired(): void {
  sessionExpiredListeners.forEach((listener) => listener());
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  /** Sign-in calls answer 401 for a wrong password; that is not an expired session. */
  authCall?: boolean;
}

export function apiUrl(path: string, query?: RequestOptions["query"]): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export function requestHeaders(method: string, json: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: "application/json",
    "Accept-Language": language,
  };
  if (json) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  return headers;
}

async function errorFrom(response: Response, authCall: boolean): Promise<ApiError> {
  let body: ApiErrorBody | null = null;
  try {
    body = (await response.json()) as ApiErrorBody;
  } catch {
    body = null;
  }
  if (response.status === 401 && !authCall)
    sessionExpiredListeners.forEach((listener) => listener());
  return new ApiError(
    response.status,
    body?.error ?? `http_${response.status}`,
    body?.message ?? `${response.status} ${response.statusText}`,
    body,
  );
}

export async function apiRequest<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const isForm = typeof FormData !== "undefined" && options.body instanceof FormData;
  const json = options.body !== undefined && !isForm;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      credentials: "same-origin",
      headers: requestHeaders(method, json),
      body: isForm ? (options.body as FormData) : json ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "network", "无法连接服务器，请检查网络后重试", null);
  }
  if (!response.ok) throw await errorFrom(response, options.authCall ?? false);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => apiRequest<T>("GET", path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    apiRequest<T>("POST", path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    apiRequest<T>("PUT", path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    apiRequest<T>("PATCH", path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => apiRequest<T>("DELETE", path, options),
};
