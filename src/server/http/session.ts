import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { localized } from "../../core";
import type { AuthUser } from "../auth/auth-user";
import { resolveSession, type ActiveSession } from "../auth/resolve-session";
import { assertPasswordChosen } from "../auth/change-password";
import { assertSecondFactorReady } from "../auth/two-factor-policy";
import type { UseCaseDeps } from "../context";
import { DomainError } from "../errors";

export const SESSION_COOKIE = "kaoping_session";
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

declare module "fastify" {
  interface FastifyRequest {
    session?: ActiveSession;
  }
  interface FastifyContextConfig {
    /** No session needed (login, the API description). */
    public?: boolean;
    /**
     * The route itself answers text that is not well-formed Unicode (sign-in answers 401
     * like any failed login); elsewhere such text is refused with 422 before the handler.
     */
    handlesMalformedText?: boolean;
    /**
     * Open to a session whose account must set up two-factor sign-in first (enrolment,
     * /api/me, sign-out); every other route answers such a session 403.
     */
    allowedBeforeTwoFactorSetup?: boolean;
    /**
     * Open to a session whose account must choose a new password first (the change itself,
     * /api/me, sign-out); every other route answers such a session 403
     * `password_change_required`.
     */
    allowedBeforePasswordChange?: boolean;
  }
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The signed-in user of a request that passed authentication. */
export function currentUser(request: FastifyRequest): AuthUser {
  if (!request.session)
    throw new DomainError("unauthenticated", localized("请先登录", "please sign in"));
  return request.session.user;
}

export interface CookieOptions {
  secure: boolean;
}

export function setSessionCookie(reply: FastifyReply, token: string, options: CookieOptions): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure: options.secure,
    path: "/",
  });
}

export function clearSessionCookie(reply: FastifyReply, options: CookieOptions): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: "strict",
    secure: options.secure,
    path: "/",
  });
}

/**
 * Authenticates every /api request that is not marked public, and checks the CSRF
 * token on every state-changing one: the X-CSRF-Token header must equal the token
 * issued with the session (login response and GET /api/me). A session whose account must
 * set up two-factor sign-in first reaches only the routes marked `allowedBeforeTwoFactorSetup`;
 * one whose account must change its password, only those marked `allowedBeforePasswordChange`.
 */
export function installSessionHook(
  app: FastifyInstance,
  deps: Pick<UseCaseDeps, "repos" | "clock"> & { config: { requireTwoFactor: boolean } },
): void {
  app.addHook("preValidation", async (request) => {
    if (request.routeOptions.config?.public || !request.url.startsWith("/api/")) return;
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await resolveSession(deps, token) : undefined;
    if (!session) {
      throw new DomainError(
        "unauthenticated",
        localized(
          "未登录或登录已过期，请重新登录",
          "not signed in, or the session has expired; please sign in",
        ),
      );
    }
    if (UNSAFE_METHODS.has(request.method)) {
      const header = request.headers["x-csrf-token"];
      if (typeof header !== "string" || !sameToken(header, session.csrfToken)) {
        throw new DomainError(
          "forbidden",
          localized(
            "缺少或错误的 CSRF 令牌（X-CSRF-Token）",
            "missing or wrong CSRF token (X-CSRF-Token)",
          ),
        );
      }
    }
    // The password first: a new account of a two-factor role changes the password it was
    // given, then sets up its second factor (the change is open before the setup).
    if (!request.routeOptions.config?.allowedBeforePasswordChange) {
      assertPasswordChosen(session);
    }
    if (!request.routeOptions.config?.allowedBeforeTwoFactorSetup) {
      assertSecondFactorReady(session, deps.config.requireTwoFactor);
    }
    request.session = session;
  });
}
