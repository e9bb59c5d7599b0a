import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  errorSchema,
  fieldErrorSchema,
  meSchema,
  recoveryCodesSchema,
  secondFactorBodySchema,
  twoFactorConfirmBodySchema,
  twoFactorSetupSchema,
} from "../../contract/api";
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
        tags: ["auth"],
        summary:
          "Start two-factor sign-in: a new TOTP secret and its otpauth:// URI (for a QR code); confirm it to turn it on",
        response: { 200: twoFactorSetupSchema, 409: errorSchema },
      },
    },
    async (request) => setUpTwoFactor(deps, currentUser(request)),
  );

  api.post(
    "/api/auth/2fa/confirm",
    {
      config: { allowedBeforeTwoFactorSetup: true },
      schema: {
        tags: ["auth"],
        summary:
          "Turn two-factor sign-in on with a code from the new secret; returns ten recovery codes, shown once",
        body: twoFactorConfirmBodySchema,
        response: { 200: recoveryCodesSchema, 409: errorSchema, 422: fieldErrorSchema },
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
        tags: ["auth"],
        summary:
          "Second step of signing in: the challenge from /api/auth/login with an authenticator code or a recovery code",
        body: secondFactorBodySchema,
        response: { 200: meSchema, 401: errorSchema, 429: errorSchema },
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
