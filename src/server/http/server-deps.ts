import { DEFAULT_REMINDER_DAYS } from "../../core/workflow/reminders";
import type { UseCaseDeps } from "../context";

export interface ServerConfig {
  /** Always mark the cookie Secure (set when TLS ends at a proxy that does not say so). */
  secureCookies: boolean;
  /** Largest evidence file accepted, in bytes. */
  uploadLimitBytes: number;
  /** Trust X-Forwarded-* from a reverse proxy. */
  trustProxy: boolean;
  /**
   * Admin, office and auditor accounts must sign in with a second factor (TOTP); on
   * unless KAOPING_REQUIRE_2FA=0. Accounts marked exempt (the demo accounts) are not held to it.
   */
  requireTwoFactor: boolean;
  /** The built web app's folder (default build/web in the checkout); see http/web-app.ts. */
  webRoot?: string;
  /** Days before the departments' deadline a reminder goes out (KAOPING_REMINDER_DAYS="7,3,1"). */
  reminderDays: readonly number[];
  /** How often the server looks for due notices and e-mails to send (run once at start too). */
  noticeIntervalMs: number;
  /** Where notice e-mails go out (KAOPING_SMTP_URL, e.g. smtp://host:587); none: they wait. */
  smtpUrl?: string;
  /** The sender of notice e-mails (KAOPING_MAIL_FROM). */
  mailFrom?: string;
}

export const DEFAULT_SERVER_CONFIG: ServerConfig = {
  secureCookies: false,
  uploadLimitBytes: 50 * 1024 * 1024,
  trustProxy: false,
  requireTwoFactor: true,
  reminderDays: DEFAULT_REMINDER_DAYS,
  noticeIntervalMs: 10 * 60 * 1000,
};

export interface ServerDeps extends UseCaseDeps {
  config: ServerConfig;
}
