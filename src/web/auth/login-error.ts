import { ApiError } from "../api/client";

/** What the login form says about a refusal: a title and the lines under it. */
export interface LoginProblem {
  title: string;
  lines: string[];
}

type Translate = (key: string) => string;

/**
 * Explains a refused sign-in step. The password step's 401 is the same answer for a
 * wrong password and a locked account (the server will not say which, on purpose), so
 * both are named with what to do about each. A 429 carries the server's wait in its
 * message. The code step's 401 says whether the code was wrong or the challenge ended.
 */
export function describeLoginError(
  error: unknown,
  step: "password" | "code",
  t: Translate,
): LoginProblem {
  if (!(error instanceof ApiError)) return { title: t("failed"), lines: [] };
  if (error.status === 0) return { title: t("network"), lines: [] };
  if (error.status === 429) {
    return { title: t("tooManyTitle"), lines: [error.body?.message ?? t("tooMany")] };
  }
  if (error.status === 401 && step === "password") {
    return { title: t("refusedTitle"), lines: [t("refusedWrong"), t("refusedLocked")] };
  }
  if (error.status === 401) {
    return { title: t("codeRefusedTitle"), lines: [error.message] };
  }
  return { title: t("failed"), lines: error.message ? [error.message] : [] };
}
