import { localized, type Localized } from "../../core";
import { COMMON_PASSWORDS } from "./common-passwords";

export const MIN_PASSWORD_LENGTH = 10;

function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password))
    .length;
}

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  const stem = lower.replace(/[^a-z]+$/, "");
  return COMMON_PASSWORDS.has(lower) || (stem.length >= 4 && COMMON_PASSWORDS.has(stem));
}

/**
 * What is wrong with a new password (empty when it is acceptable): at least 10
 * characters, three of four character classes (等保 2.0 level 3 asks for complexity),
 * not a common password, not the username.
 */
export function passwordProblems(password: string, username: string): Localized[] {
  const problems: Localized[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    problems.push(
      localized(
        `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`,
        `a password needs at least ${MIN_PASSWORD_LENGTH} characters`,
      ),
    );
  }
  if (characterClasses(password) < 3) {
    problems.push(
      localized(
        "密码须包含小写字母、大写字母、数字、符号中的至少三类",
        "a password needs at least three of: lower-case, upper-case, digits, symbols",
      ),
    );
  }
  if (isCommon(password)) {
    problems.push(
      localized("这是常见密码，容易被猜中", "this is a common password that is easy to guess"),
    );
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push(localized("密码不能包含用户名", "a password must not contain the username"));
  }
  return problems;
}
