import { localized, type Localized } from "../core";

export type ErrorKind =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "invalid"
  | "locked"
  | "too_large"
  | "unsupported";

/**
 * A refusal a use case can explain to the user. The HTTP layer maps `kind` to a status
 * code; the CLI prints `detail`. `extra` travels to the client (e.g. the current value
 * and version on a conflict).
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly detail: Localized,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail.en);
  }
}

export const notFound = (zh: string, en: string) => new DomainError("not_found", localized(zh, en));
export const forbidden = (zh: string, en: string) =>
  new DomainError("forbidden", localized(zh, en));
export const invalid = (zh: string, en: string, extra?: Record<string, unknown>) =>
  new DomainError("invalid", localized(zh, en), extra);
