import type { Localized } from "../core";

/** A command line Kaoping cannot act on (unknown command, missing option). Exit code 2. */
export class UsageError extends Error {
  constructor(readonly detail: Localized) {
    super(detail.en);
  }
}

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;

/** `kaoping audit verify` found a broken chain. Exit code 4. */
export class AuditBroken extends Error {}
export const EXIT_AUDIT_BROKEN = 4;
