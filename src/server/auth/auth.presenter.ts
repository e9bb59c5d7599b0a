import type { Me } from "../../contract/api";
import type { ActiveSession } from "./resolve-session";
import { secondFactorStatus } from "./two-factor-policy";

type SessionView = Pick<
  ActiveSession,
  "user" | "csrfToken" | "secondFactor" | "mustChangePassword"
>;

/** The body of /api/me and of a successful sign-in: who is signed in and what they must do first. */
export const presentMe = (session: SessionView, requireTwoFactor: boolean): Me => ({
  user: {
    id: session.user.id,
    username: session.user.username,
    displayName: session.user.displayName,
    role: session.user.role,
    departmentCode: session.user.departmentCode,
  },
  csrfToken: session.csrfToken,
  twoFactor: secondFactorStatus(session.user.role, session.secondFactor, requireTwoFactor),
  mustChangePassword: session.mustChangePassword,
});
