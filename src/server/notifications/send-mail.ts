import nodemailer from "nodemailer";
import type { UseCaseDeps } from "../context";
import type { ServerConfig } from "../http/server-deps";

/** Attempts per e-mail: a failed one goes back to pending until this many have failed. */
export const MAX_MAIL_ATTEMPTS = 3;

/** E-mails looked at in one round; the rest wait for the next. */
const MAIL_BATCH = 200;

const DEFAULT_FROM = "考评 Kaoping <kaoping@localhost>";

/** What sending needs of a nodemailer transport (tests give their own). */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    textEncoding?: "base64" | "quoted-printable";
  }): Promise<unknown>;
}

/** The SMTP transport from the configuration, or undefined when none is set. */
export function createMailTransport(
  config: Pick<ServerConfig, "smtpUrl">,
): MailTransport | undefined {
  return config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : undefined;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
}

type MailDeps = Pick<UseCaseDeps, "repos" | "clock"> & {
  config: Pick<ServerConfig, "mailFrom">;
};

/**
 * Sends the pending e-mails. Each is claimed first (pending → sending, in one guarded
 * statement), so of two processes only one sends it. After sending it is marked sent;
 * a failure puts it back to pending until MAX_MAIL_ATTEMPTS have failed. An e-mail left
 * in `sending` (the process died mid-send) is never sent again by itself: it may have
 * gone out, and a notice is sent at most once.
 */
export async function deliverMail(
  deps: MailDeps,
  transport: MailTransport,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0 };
  const from = deps.config.mailFrom || DEFAULT_FROM;
  for (const { id } of await deps.repos.notifications.pendingMail(MAIL_BATCH)) {
    if (!(await deps.repos.notifications.claimMail(id, deps.clock.now().toISOString()))) continue;
    const mail = await deps.repos.notifications.mail(id);
    try {
      await transport.sendMail({
        from,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.body,
        textEncoding: "base64",
      });
      await deps.repos.notifications.markMailSent(id, deps.clock.now().toISOString());
      report.sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await deps.repos.notifications.markMailFailed(
        id,
        message.slice(0, 1000),
        mail.attempts < MAX_MAIL_ATTEMPTS,
      );
      report.failed++;
    }
  }
  return report;
}
