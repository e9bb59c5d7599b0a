import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { generate } from "otplib";

/** How a sign-in request is sent: from which address, with which cookies, in which language. */
export interface From {
  address?: string;
  /** The device cookie a browser kept from an earlier sign-in. */
  device?: string;
  lang?: "zh" | "en";
}

export function signIn(
  app: FastifyInstance,
  username: string,
  password: string,
  from: From = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password },
    remoteAddress: from.address ?? "127.0.0.1",
    cookies: from.device ? { kaoping_device: from.device } : {},
    headers: from.lang === "en" ? { "accept-language": "en" } : {},
  });
}

export function verifyCode(
  app: FastifyInstance,
  challenge: string,
  code: string,
  from: From = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: "POST",
    url: "/api/auth/2fa/verify",
    payload: { challenge, code },
    remoteAddress: from.address ?? "127.0.0.1",
    cookies: from.device ? { kaoping_device: from.device } : {},
  });
}

export const cookieOf = (response: LightMyRequestResponse, name: string) =>
  response.cookies.find((cookie) => cookie.name === name)?.value;

/** A signed-in session as a test drives it: cookie and CSRF token. */
export interface TestSession {
  cookie: string;
  csrfToken: string;
}

export function sessionFrom(response: LightMyRequestResponse): TestSession {
  const cookie = cookieOf(response, "kaoping_session");
  if (!cookie) throw new Error(`no session in: ${response.statusCode} ${response.body}`);
  return { cookie, csrfToken: (response.json() as { csrfToken: string }).csrfToken };
}

export function call(
  app: FastifyInstance,
  session: TestSession,
  method: "GET" | "POST",
  url: string,
  payload?: object,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    cookies: { kaoping_session: session.cookie },
    headers: { "x-csrf-token": session.csrfToken },
    ...(payload ? { payload } : {}),
  });
}

/** The authenticator app's code for `secret` at `at` (the test computes it from the secret alone). */
export const totpAt = (secret: string, at: Date) =>
  generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
