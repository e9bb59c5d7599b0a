/**
 * Where to go after signing in or changing a password: only a path inside this app is
 * followed ("/office?x=1"), never another site ("//evil.example", "https://…", "/\\evil")
 * — a link someone sends must not turn the login page into an open redirect.
 */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return null;
  }
  // Control characters (a tab or newline inside "/\t/evil") are dropped by URL parsers.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(next)) return null;
  // Going back to the login page itself would only show the form again.
  if (next === "/login" || next.startsWith("/login?") || next.startsWith("/login#")) return null;
  return next;
}

/** A query string that brings the user back to `path` (with its search) afterwards. */
export function nextQuery(path: string): string {
  return `next=${encodeURIComponent(path)}`;
}
