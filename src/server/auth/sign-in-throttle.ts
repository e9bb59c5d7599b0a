import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { storableText } from "../../core/text/clean-text";
import type { Clock } from "../clock";
import type { UseCaseDeps } from "../context";
import { requestLang } from "../http/lang";
import { DEVICE_COOKIE, DEVICE_KEY_PURPOSE, recogniseDevice } from "./device-trust";
import { SIGN_IN_RATE } from "./session-policy";

/** Keys kept in all; the least recently used go first beyond this. */
const MAX_KEYS = 20_000;

interface Hits {
  count: number;
  startedMs: number;
}

/**
 * Counts for @fastify/rate-limit that read the server's clock (so limits follow the same
 * time as the locks, and tests can move it), and can give a request back: a sign-in that
 * succeeds is refunded, so the budgets are spent by failures — an office behind one
 * address is not slowed by its own sign-ins — while a burst of attempts in flight is
 * still counted in full. Every limiter's keys are distinct (an address, `account:…`,
 * `device:…`), so they share one map.
 */
function clockedCounts(clock: Clock) {
  const hits = new Map<string, Hits>();
  class ClockedStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const now = clock.now().getTime();
      let entry = hits.get(key);
      if (!entry || entry.startedMs + timeWindow <= now) entry = { count: 0, startedMs: now };
      entry.count += 1;
      hits.delete(key);
      hits.set(key, entry);
      if (hits.size > MAX_KEYS) hits.delete(hits.keys().next().value!);
      callback(null, { current: entry.count, ttl: entry.startedMs + timeWindow - now });
    }

    child(): ClockedStore {
      return new ClockedStore();
    }
  }
  return {
    Store: ClockedStore,
    refund(key: string) {
      const entry = hits.get(key);
      if (entry && entry.count > 0) entry.count -= 1;
    },
  };
}

type Limiter = ReturnType<FastifyInstance["createRateLimit"]>;

export interface SignInThrottle {
  /** preHandler: counts the request, or answers 429. */
  check(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined>;
  /** onResponse: gives a successful sign-in back to the budgets it was counted in. */
  refundSuccess(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

const throttles = new WeakMap<FastifyInstance, SignInThrottle>();

/** Registers @fastify/rate-limit for the sign-in routes only (they opt in with `signInThrottle`). */
export async function registerSignInThrottle(
  app: FastifyInstance,
  deps: Pick<UseCaseDeps, "clock" | "secrets">,
): Promise<void> {
  const counts = clockedCounts(deps.clock);
  await app.register(rateLimit, { global: false, store: counts.Store });
  throttles.set(app, createThrottle(app, deps, counts.refund));
}

/** The hooks of the sign-in routes; they share one set of budgets per app. */
export function signInThrottle(app: FastifyInstance): SignInThrottle {
  const throttle = throttles.get(app);
  if (!throttle) throw new Error("registerSignInThrottle must run before the sign-in routes");
  return throttle;
}

function typedUsername(request: FastifyRequest): string | undefined {
  const username = (request.body as { username?: unknown } | undefined)?.username;
  return typeof username === "string" ? storableText(username) : undefined;
}

/**
 * From browsers an account does not know: at most SIGN_IN_RATE.perAddress attempts per
 * client address (the real client behind a proxy only when `trustProxy` is set; IPv6 by
 * /64) and SIGN_IN_RATE.perAccount per account name. A browser with a device token for
 * the account has a budget of its own (SIGN_IN_RATE.perTrustedDevice), so attempts from
 * elsewhere — even from the same address — never use up the real user's. The code step
 * names no account, so it is limited per address only (each challenge also ends after a
 * few codes). Beyond a limit the answer is 429 with Retry-After and `{error, message}`.
 */
function createThrottle(
  app: FastifyInstance,
  deps: Pick<UseCaseDeps, "clock" | "secrets">,
  refund: (key: string) => void,
): SignInThrottle {
  const perAddress = app.createRateLimit({
    max: SIGN_IN_RATE.perAddress.max,
    timeWindow: SIGN_IN_RATE.perAddress.windowMs,
  });
  // The key a request is counted under, decided once in `limitersFor`.
  const accountKeys = new WeakMap<FastifyRequest, string>();
  const accountKeyOf = (request: FastifyRequest) => accountKeys.get(request) ?? "";
  const perAccount = app.createRateLimit({
    max: SIGN_IN_RATE.perAccount.max,
    timeWindow: SIGN_IN_RATE.perAccount.windowMs,
    keyGenerator: accountKeyOf,
  });
  const perDevice = app.createRateLimit({
    max: SIGN_IN_RATE.perTrustedDevice.max,
    timeWindow: SIGN_IN_RATE.perTrustedDevice.windowMs,
    keyGenerator: accountKeyOf,
  });
  const charged = new WeakMap<FastifyRequest, string[]>();

  function limitersFor(request: FastifyRequest): Limiter[] {
    const username = typedUsername(request);
    if (username === undefined) return [perAddress];
    const device = recogniseDevice(
      deps.secrets.derive(DEVICE_KEY_PURPOSE),
      request.cookies[DEVICE_COOKIE],
      username,
      deps.clock.now(),
    );
    if (device) {
      // Not the address budget either: others behind the same address cannot spend it.
      accountKeys.set(request, `device:${device.id}`);
      return [perDevice];
    }
    accountKeys.set(request, `account:${username}`);
    return [perAddress, perAccount];
  }

  return {
    async check(request, reply) {
      const keys: string[] = [];
      charged.set(request, keys);
      for (const limiter of limitersFor(request)) {
        const verdict = await limiter(request);
        keys.push(verdict.key);
        if (verdict.isAllowed || !verdict.isExceeded) continue;
        const seconds = Math.max(1, verdict.ttlInSeconds);
        const message =
          requestLang(request) === "zh"
            ? `登录尝试过于频繁，请 ${seconds} 秒后再试`
            : `too many sign-in attempts; try again in ${seconds} seconds`;
        return reply
          .status(429)
          .header("retry-after", String(seconds))
          .send({ error: "too_many_requests", message });
      }
      return undefined;
    },
    async refundSuccess(request, reply) {
      if (reply.statusCode >= 300) return;
      for (const key of charged.get(request) ?? []) refund(key);
    },
  };
}
