import { dueNotices, type DueNotice, type ReminderDepartment } from "../../core/workflow/reminders";
import type { UseCaseDeps } from "../context";
import type { ServerConfig } from "../http/server-deps";
import { newId } from "../ids";
import type { Repositories } from "../repositories";
import { noticeLink, noticeMail } from "./notice-mail";

type ReminderDeps = Pick<UseCaseDeps, "repos" | "clock" | "pinned"> & {
  config: Pick<ServerConfig, "reminderDays">;
};

/**
 * Sends the reminders, overdue notices and escalations due now for every open year:
 * each notice to its accounts' notification centres and, for those with an address,
 * into the e-mail queue. Safe to run as often as wanted and from several server
 * processes at once: a notice is claimed by inserting its key, and only the process
 * whose insert made the row writes its copies. Returns the keys this call sent.
 */
export async function runReminders(deps: ReminderDeps): Promise<string[]> {
  const now = deps.clock.now();
  const sent: string[] = [];
  for (const cycle of await deps.repos.notifications.openCycles()) {
    const framework = await deps.pinned.framework(deps.repos, cycle.framework_id);
    const submissions = new Map(
      (await deps.repos.workflow.submissions(cycle.id)).map((row) => [row.department_code, row]),
    );
    const departments: ReminderDepartment[] = framework.doc.departments.map((department) => {
      const submission = submissions.get(department.code);
      return {
        code: department.code,
        name: department.name,
        state: submission?.state ?? "draft",
        everSubmitted: (submission?.first_submitted_at ?? null) !== null,
      };
    });
    const due = dueNotices({
      year: cycle.year,
      departmentsDue: cycle.departments_due,
      now,
      daysBefore: deps.config.reminderDays,
      departments,
    });
    const known = await deps.repos.notifications.existingKeys(due.map((notice) => notice.key));
    for (const notice of due) {
      if (known.has(notice.key)) continue;
      const claimed = await deps.repos.transaction((tx) =>
        sendNotice(tx, cycle.id, notice, now.toISOString()),
      );
      if (claimed) sent.push(notice.key);
    }
  }
  return sent;
}

/** In one transaction: claim the notice, then write its notifications and e-mails. */
async function sendNotice(
  tx: Repositories,
  cycleId: string,
  notice: DueNotice,
  at: string,
): Promise<boolean> {
  const claimed = await tx.notifications.claimNotice({
    key: notice.key,
    kind: notice.kind,
    cycle_id: cycleId,
    department_code: notice.department,
    created_at: at,
  });
  if (!claimed) return false;
  const recipients = await tx.notifications.recipients(notice.audience, notice.department);
  const link = noticeLink(notice);
  await tx.notifications.addNotifications(
    recipients.map((recipient) => ({
      id: newId(),
      notice_key: notice.key,
      user_id: recipient.id,
      title_zh: notice.title.zh,
      title_en: notice.title.en,
      body_zh: notice.body.zh,
      body_en: notice.body.en,
      link,
      created_at: at,
      read_at: null,
    })),
  );
  const mail = noticeMail(notice, link);
  const addresses = new Set(
    recipients.map((recipient) => recipient.email?.trim() ?? "").filter((email) => email !== ""),
  );
  await tx.notifications.addMail(
    [...addresses].map((recipient) => ({
      id: newId(),
      notice_key: notice.key,
      recipient,
      subject: mail.subject,
      body: mail.body,
      status: "pending" as const,
      attempts: 0,
      claimed_at: null,
      sent_at: null,
      last_error: null,
      created_at: at,
    })),
  );
  return true;
}
