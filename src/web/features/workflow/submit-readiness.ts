import type { SubmissionCheckView } from "../../../contract/api";

export interface Readiness {
  errors: SubmissionCheckView[];
  warnings: SubmissionCheckView[];
  /** Warnings still without a justification (blank text counts as none). */
  unjustified: SubmissionCheckView[];
  ready: boolean;
  /** Why not, first reason first: errors, then warnings, then the declaration. */
  blocker: "errors" | "warnings" | "confirm" | null;
}

/**
 * Whether the head may submit: no errors, every warning justified in words, the
 * declaration ticked. The server decides again; this only keeps the button honest.
 */
export function readiness(
  checks: readonly SubmissionCheckView[],
  justifications: Readonly<Record<string, string>>,
  confirmed: boolean,
): Readiness {
  const errors = checks.filter((check) => check.severity === "error");
  const warnings = checks.filter((check) => check.severity === "warning");
  const unjustified = warnings.filter((check) => (justifications[check.id] ?? "").trim() === "");
  const blocker =
    errors.length > 0
      ? "errors"
      : unjustified.length > 0
        ? "warnings"
        : !confirmed
          ? "confirm"
          : null;
  return { errors, warnings, unjustified, ready: blocker === null, blocker };
}

/** The justifications to send: one per warning still listed, trimmed. */
export function justificationsFor(
  warnings: readonly SubmissionCheckView[],
  justifications: Readonly<Record<string, string>>,
): { check: string; text: string }[] {
  return warnings.map((check) => ({
    check: check.id,
    text: (justifications[check.id] ?? "").trim(),
  }));
}
