/**
 * Every TanStack Query key in one place, so a save can invalidate exactly what it
 * changed (e.g. a figure → the department's items, the overview, the score).
 */
export const queryKeys = {
  me: ["me"] as const,
  cycles: ["cycles"] as const,
  cycle: (year: number) => ["cycles", year] as const,
  framework: (year: number) => ["cycles", year, "framework"] as const,
  score: (year: number) => ["cycles", year, "score"] as const,
  items: (year: number, department?: string) =>
    ["cycles", year, "items", department ?? "all"] as const,
  departments: (year: number) => ["cycles", year, "departments"] as const,
  timeliness: (year: number) => ["cycles", year, "timeliness"] as const,
  comments: (year: number, kind: string, code: string) =>
    ["cycles", year, "comments", kind, code] as const,
  submission: (year: number, department: string) =>
    ["cycles", year, "submission", department] as const,
  submissionChecks: (year: number, department: string) =>
    ["cycles", year, "submission", department, "checks"] as const,
  certificate: (year: number, department: string) =>
    ["cycles", year, "submission", department, "certificate"] as const,
  lockExceptions: (year: number) => ["cycles", year, "lock-exceptions"] as const,
  /** Every notification query (the prefix to invalidate). */
  notifications: ["notifications"] as const,
  /** The notification list in one language: the server writes its titles in the reader's. */
  notificationList: (lang: string) => ["notifications", lang] as const,
  users: ["users"] as const,
  locks: ["users", "locks"] as const,
  frameworks: ["frameworks"] as const,
  auditLog: (filters: Record<string, unknown>) => ["audit", "log", filters] as const,
  auditVerify: ["audit", "verify"] as const,
  auditActions: ["audit", "actions"] as const,
};
