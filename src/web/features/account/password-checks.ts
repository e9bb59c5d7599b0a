/**
 * The password policy as a checklist the user sees while typing. The server's policy
 * (src/server/auth/password-policy.ts) decides; this only spares a round trip. The
 * common-password list is not shipped to the browser: the server names that refusal.
 */
export const MIN_PASSWORD_LENGTH = 10;

export interface PasswordCheck {
  key: "length" | "classes" | "username";
  met: boolean;
}

function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password))
    .length;
}

export function passwordChecks(password: string, username: string): PasswordCheck[] {
  return [
    { key: "length", met: [...password].length >= MIN_PASSWORD_LENGTH },
    { key: "classes", met: characterClasses(password) >= 3 },
    {
      key: "username",
      met:
        password.length > 0 &&
        (username === "" || !password.toLowerCase().includes(username.toLowerCase())),
    },
  ];
}
