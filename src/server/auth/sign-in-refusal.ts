import { localized } from "../../core";
import { isUnsafeChar } from "../../core/text/clean-text";
import { DomainError } from "../errors";
import { LOCK_MS, MAX_FAILED_LOGINS } from "./session-policy";

const LOCK_MINUTES = LOCK_MS / 60_000;

/**
 * The one answer to every refused sign-in: unknown name, wrong password, disabled
 * account, locked account. It says what everyone may know — that repeated failures
 * pause sign-in and who can lift the pause — and nothing about this account.
 */
export const signInRefused = () =>
  new DomainError(
    "unauthenticated",
    localized(
      `用户名或密码不正确。同一账户连续 ${MAX_FAILED_LOGINS} 次登录失败后，从未登录过该账户的浏览器将暂停登录 ${LOCK_MINUTES} 分钟；如需提前恢复，请联系系统管理员或考评办。`,
      `wrong username or password. After ${MAX_FAILED_LOGINS} failures in a row, sign-in to the account pauses for ${LOCK_MINUTES} minutes on browsers that have not signed in to it before; a system administrator or the evaluation office can lift the pause sooner.`,
    ),
  );

/**
 * Text someone typed, as an audit row can show it without misleading: characters that
 * hide or reorder what text says (controls, bidi overrides) and those no database can
 * store (lone surrogates, NUL) are written as `\u{…}`, so "admin\u202e" never reads as
 * "admin" and "ghost\ud800" is recorded as exactly what arrived.
 */
export function visibleText(text: string): { text: string; escaped: boolean } {
  let escaped = false;
  let out = "";
  for (const char of text) {
    if (isUnsafeChar(char) || char === "\\") {
      escaped = true;
      out += char === "\\" ? "\\\\" : `\\u{${char.codePointAt(0)!.toString(16).toUpperCase()}}`;
    } else out += char;
  }
  return { text: out, escaped };
}
