import type { FastifyReply, FastifyRequest } from "fastify";
import type { Me } from "../../contract/api";
import { setSessionCookie } from "../http/session";
import type { ServerConfig } from "../http/server-deps";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S } from "./device-trust";
import type { OpenedSession } from "./open-session";
import { presentMe } from "./auth.presenter";

export const secureCookie = (config: ServerConfig, request: FastifyRequest) =>
  config.secureCookies || request.protocol === "https";

/**
 * Ends a successful sign-in over HTTP: the session cookie, the device cookie (sent only
 * to the sign-in routes, for 90 days) and the body of /api/me.
 */
export function replySignedIn(
  config: ServerConfig,
  request: FastifyRequest,
  reply: FastifyReply,
  session: OpenedSession,
): Me {
  const secure = secureCookie(config, request);
  setSessionCookie(reply, session.token, { secure });
  reply.setCookie(DEVICE_COOKIE, session.deviceCookie, {
    httpOnly: true,
    sameSite: "strict",
    secure,
    path: "/api/auth",
    maxAge: DEVICE_COOKIE_MAX_AGE_S,
  });
  return presentMe(session, config.requireTwoFactor);
}
