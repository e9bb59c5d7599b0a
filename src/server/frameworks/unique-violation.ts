/**
 * A write refused by a unique constraint: PostgreSQL's SQLSTATE 23505 or SQLite's
 * constraint codes. Two requests creating the same thing at once get past the check made
 * before the insert; the second is then told it exists (409), not an internal error.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === "23505" ||
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  );
}
