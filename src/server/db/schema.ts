import type { Generated } from "kysely";
import type { Role } from "../../contract/roles";

/**
 * The database as Kysely sees it. Timestamps are ISO 8601 UTC strings and JSON is
 * stored as text, so that SQLite and PostgreSQL hold byte-identical values and the
 * audit chain hashes the same content on both.
 */
export interface DepartmentsTable {
  code: string;
  name: string;
}

/** The roles are defined once, in the API contract; the column holds one of them. */
export type { Role };

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  department_code: string | null;
  disabled: number;
  created_at: string;
  password_changed_at: string;
  /** Why this account signs in without a second factor whatever its role ("demo"), or null. */
  two_factor_exempt: string | null;
  /** 1 while the account must choose a new password before anything else (an admin gave it this one). */
  must_change_password: number;
  /** Where notices are e-mailed; null for none. */
  email: string | null;
}

/**
 * Sign-in attempts counted for one scope: `account:<name>` (clients that account does
 * not know, whether or not the name exists) or `device:<id>` (one trusted browser).
 */
export interface LoginThrottleTable {
  key: string;
  /** The name that was typed, as the database stores it. */
  username: string;
  scope: "untrusted" | "device";
  /** Attempts in the current window that have not ended in a sign-in. */
  failures: number;
  window_started_at: string;
  locked_at: string | null;
  locked_until: string | null;
  last_attempt_at: string;
}

export interface TotpCredentialsTable {
  user_id: string;
  /** The base32 TOTP secret sealed with AES-256-GCM (see auth/secret-box.ts). */
  secret: string;
  created_at: string;
  /** Null while enrolment waits for its first code. */
  confirmed_at: string | null;
  /** The last time step a code was accepted for; a code is never accepted twice. */
  last_step: number | null;
}

export interface RecoveryCodesTable {
  user_id: string;
  /** HMAC-SHA256 of the normalized code under a key kept outside the database. */
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** Between a correct password and the second factor. `id` is SHA-256 of the token. */
export interface LoginChallengesTable {
  id: string;
  user_id: string;
  /** The login_throttle key the password step counted against. */
  throttle_key: string;
  created_at: string;
  expires_at: string;
  attempts: number;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
}

export interface FrameworksTable {
  id: string;
  code: string;
  version: number;
  name: string;
  /** The `kaoping/framework@1` document as imported, canonical JSON. */
  document: string;
  sha256: string;
  imported_at: string;
  imported_by: string;
}

export type CycleStatus = "open" | "aggregated" | "closed";

export interface CyclesTable {
  id: string;
  year: number;
  framework_id: string;
  status: CycleStatus;
  departments_due: string;
  province_due: string;
  /** The data document's `satisfaction` (JSON), or null. */
  satisfaction: string | null;
  created_at: string;
}

export interface CycleRegionsTable {
  cycle_id: string;
  code: string;
  name: string;
  population: number | null;
  group_name: string | null;
  position: number;
}

export interface DataValuesTable {
  cycle_id: string;
  element_code: string;
  /** A region code, or `city` for the city-wide figure. */
  region_code: string;
  value: number;
  note: string | null;
  version: number;
  updated_by: string;
  updated_at: string;
}

export interface DataValueHistoryTable {
  id: Generated<number>;
  cycle_id: string;
  element_code: string;
  region_code: string;
  value: number | null;
  note: string | null;
  version: number;
  changed_by: string;
  changed_at: string;
}

export interface WorkAnswersTable {
  cycle_id: string;
  item_code: string;
  /** `{criterion: points}` as JSON. */
  awarded: string;
  explanation: string | null;
  version: number;
  updated_by: string;
  updated_at: string;
}

export type EvidenceTarget = "indicator" | "workItem" | "dataElement";

export interface EvidenceTable {
  id: string;
  cycle_id: string;
  target_kind: EvidenceTarget;
  target_code: string;
  department_code: string;
  sha256: string;
  original_name: string;
  mime_type: string;
  size: number;
  uploaded_by: string;
  uploaded_at: string;
}

export interface CommentsTable {
  id: string;
  cycle_id: string;
  target_kind: string;
  target_code: string;
  author_id: string;
  body: string;
  created_at: string;
}

/** A department's hand-in state in a year (core/workflow/states.ts). No row: draft. */
export interface DepartmentSubmissionsTable {
  cycle_id: string;
  department_code: string;
  state: "draft" | "submitted" | "returned" | "accepted";
  /** Goes up by one at every step; a step names the version it started from. */
  version: number;
  first_submitted_at: string | null;
  last_submitted_at: string | null;
  accepted_at: string | null;
  returns: number;
  updated_at: string;
}

/** One step of a hand-in; JSON columns as text. */
export interface SubmissionEventsTable {
  id: string;
  cycle_id: string;
  department_code: string;
  kind: "submit" | "return" | "accept" | "reopen";
  actor: string;
  at: string;
  declaration: string | null;
  /** submit: the certified snapshot, canonical JSON — exactly the bytes `digest` hashes. */
  snapshot: string | null;
  /** submit: SM3 of `snapshot`, hex. */
  digest: string | null;
  /** submit: `[{check, text, message}]`. */
  justifications: string | null;
  /** return: `[{item: {kind, code}, reason}]`. */
  reasons: string | null;
  /** reopen: why. */
  reason: string | null;
}

export interface LockExceptionsTable {
  id: string;
  cycle_id: string;
  department_code: string;
  /** Last day, inclusive, Beijing time (YYYY-MM-DD). */
  until: string;
  reason: string;
  granted_by: string;
  granted_at: string;
  revoked_by: string | null;
  revoked_at: string | null;
}

/** The year's data frozen at aggregation; the newest row is the one in force. */
export interface CycleSnapshotsTable {
  id: string;
  cycle_id: string;
  snapshot: string;
  digest: string;
  override_reason: string | null;
  created_by: string;
  created_at: string;
}

/** A notice that has been sent (reminder, overdue, escalation); `key` makes it once only. */
export interface NoticesTable {
  key: string;
  kind: string;
  cycle_id: string;
  department_code: string | null;
  created_at: string;
}

/** A notice in one account's notification centre. */
export interface NotificationsTable {
  id: string;
  notice_key: string;
  user_id: string;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

/** An e-mail of a notice: pending → sending (claimed by one process) → sent or failed. */
export interface OutgoingMailTable {
  id: string;
  notice_key: string;
  recipient: string;
  subject: string;
  body: string;
  status: "pending" | "sending" | "sent" | "failed";
  attempts: number;
  claimed_at: string | null;
  sent_at: string | null;
  last_error: string | null;
  created_at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  object_type: string;
  object_id: string;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

/** One row: the sequence number and hash of the newest audit row (taken under lock). */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface ReportNarrativesTable {
  cycle_id: string;
  scope: string;
  section: string;
  text: string;
  version: number;
  updated_by: string;
  updated_at: string;
}

export interface DocumentJobsTable {
  id: string;
  cycle_id: string;
  scope: string;
  kind: string;
  state: string;
  stage: string;
  done: Generated<number>;
  total: Generated<number>;
  file_name: string | null;
  file_sha256: string | null;
  file_size: number | null;
  error: string | null;
  requested_by: string;
  created_at: string;
  updated_at: string;
}

export interface Database {
  departments: DepartmentsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  totp_credentials: TotpCredentialsTable;
  recovery_codes: RecoveryCodesTable;
  login_challenges: LoginChallengesTable;
  frameworks: FrameworksTable;
  cycles: CyclesTable;
  cycle_regions: CycleRegionsTable;
  data_values: DataValuesTable;
  data_value_history: DataValueHistoryTable;
  work_answers: WorkAnswersTable;
  evidence: EvidenceTable;
  comments: CommentsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  department_submissions: DepartmentSubmissionsTable;
  submission_events: SubmissionEventsTable;
  lock_exceptions: LockExceptionsTable;
  cycle_snapshots: CycleSnapshotsTable;
  notices: NoticesTable;
  notifications: NotificationsTable;
  outgoing_mail: OutgoingMailTable;
  report_narratives: ReportNarrativesTable;
  document_jobs: DocumentJobsTable;
}
