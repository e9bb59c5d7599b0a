import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  meSchema,
  recoveryCodesSchema,
  secondFactorBodySchema,
  twoFactorConfirmBodySchema,
  twoFactorSetupSchema,
} from "../../contract/api";
import { errorResponses } from "../../contract/responses";
import { currentUser, SESSION_COOKIE } from "../http/session";
import type { ServerDeps } from "../http/server-deps";
import { DEVICE_COOKIE } from "./device-trust";
import { confirmTwoFactor, setUpTwoFactor } from "./set-up-two-factor";
import { replySignedIn } from "./sign-in-reply";
import { signInThrottle } from "./sign-in-throttle";
import { verifySecondFactor } from "./verify-second-factor";

/** Enrolment in two-factor sign-in (TOTP), and the second step of signing in. */
export function twoFactorRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    "/api/auth/2fa/setup",
    {
      config: { allowedBeforeTwoFactorSetup: true },
      schema: {
        operationId: "setUpTwoFactor",
        tags: ["auth"],
        summary:
          "Start two-factor sign-in: a new TOTP secret and its otpauth:// URI (for a QR code); confirm it to turn it on",
        description:
          "Any signed-in user whose second factor is not on yet (409 when it is). Starting again " +
          "replaces the pending secret; nothing changes at sign-in until it is confirmed. Audited.",
        response: { 200: twoFactorSetupSchema, ...errorResponses(401, 403, 409) },
      },
    },
    async (request) => setUpTwoFactor(deps, currentUser(request)),
  );

  api.post(
    "/api/auth/2fa/confirm",
    {
      config: { allowedBeforeTwoFactorSetup: true },
      schema: {
        operationId: "confirmTwoFactor",
        tags: ["auth"],
        summary:
          "Turn two-factor sign-in on with a code from the new secret; returns ten recovery codes, shown once",
        description:
          "The signed-in user who started the setup. A wrong code is a 422 naming `code`; with no " +
          "setup started, or the factor already on, a 409. The account's other sessions end. Audited.",
        body: twoFactorConfirmBodySchema,
        response: {
          200: recoveryCodesSchema,
          ...errorResponses(400, 401, 403, 409, 413, 422),
        },
      },
    },
    async (request) =>
      confirmTwoFactor(deps, currentUser(request), request.session!.id, request.body.code),
  );

  api.post(
    "/api/auth/2fa/verify",
    {
      config: { public: true, handlesMalformedText: true },
      preHandler: signInThrottle(app).check,
      onResponse: signInThrottle(app).refundSuccess,
      schema: {
        operationId: "verifySecondFactor",
        tags: ["auth"],
        summary:
          "Second step of signing in: the challenge from /api/auth/login with an authenticator code or a recovery code",
        description:
          "Anyone holding a challenge from POST /api/auth/login. A right code opens the session like " +
          "a sign-in; a wrong or expired one is the same 401 as any failed sign-in. Rate-limited (429).",
        body: secondFactorBodySchema,
        response: { 200: meSchema, ...errorResponses(400, 401, 413, 422, 429) },
      },
    },
    async (request, reply) => {
      const session = await verifySecondFactor(deps, {
        ...request.body,
        previousToken: request.cookies[SESSION_COOKIE],
        deviceCookie: request.cookies[DEVICE_COOKIE],
        address: request.ip,
      });
      return replySignedIn(deps.config, request, reply, session);
    },
  );
}
