import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NotificationList, NotificationsRead } from "../../src/contract/api";
import { demoFiles } from "../../src/platform/package-files";
import { manualClock } from "../../src/server/clock";
import { openPostgres, type Db } from "../../src/server/db/connect";
import { migrate } from "../../src/server/db/migrate";
import type { DepartmentSubmissionsTable } from "../../src/server/db/schema";
import type { ServerDeps } from "../../src/server/http/server-deps";
import { startNoticeScheduler } from "../../src/server/notifications/notice-scheduler";
import { runReminders } from "../../src/server/notifications/run-reminders";
import {
  createMailTransport,
  deliverMail,
  MAX_MAIL_ATTEMPTS,
  type MailTransport,
} from "../../src/server/notifications/send-mail";
import { secretsFromKey } from "../../src/server/secrets/server-key";
import { seedDemoIfEmpty } from "../../src/server/seed/seed-demo";
import { readMail, type ReadMail } from "../support/raw-mail";
import { createScratchPostgres } from "../support/scratch-postgres";
import { restartedServer, serverDepsOver } from "../support/second-server";
import {
  DIALECTS,
  startHarness,
  TEST_PASSWORD,
  type Client,
  type Harness,
} from "../support/server-harness";

/** The demo's departments; 2025 is due on 2026-03-10. */
const DEPARTMENTS = [
  "GOV",
  "BIANBAN",
  "DRC",
  "FIN",
  "EDU",
  "HEALTH",
  "CULTURE",
  "SPORT",
  "TRANSPORT",
  "CIVIL",
  "HRSS",
  "HOUSING",
  "FINANCE_OFFICE",
];
/** 09:30 Beijing time on 3 March 2026: seven days before the deadline. */
const SEVEN_DAYS_BEFORE = "2026-03-03T01:30:00.000Z";
/** 10:00 Beijing time on 11 March 2026: the day after the deadline. */
const DAY_AFTER = "2026-03-11T02:00:00.000Z";

async function setSubmission(
  db: Db,
  year: number,
  department: string,
  state: DepartmentSubmissionsTable["state"],
  firstSubmittedAt: string | null,
) {
  const cycle = await db.db
    .selectFrom("cycles")
    .select("id")
    .where("year", "=", year)
    .executeTakeFirstOrThrow();
  await db.db
    .insertInto("department_submissions")
    .values({
      cycle_id: cycle.id,
      department_code: department,
      state,
      version: 1,
      first_submitted_at: firstSubmittedAt,
      last_submitted_at: firstSubmittedAt,
      accepted_at: null,
      returns: state === "returned" ? 1 : 0,
      updated_at: firstSubmittedAt ?? "2026-03-01T00:00:00.000Z",
    })
    .execute();
}

/** Every notice key with the usernames it went to, in the centre and by e-mail. */
async function delivered(db: Db) {
  const notices = (await db.db.selectFrom("notices").select("key").execute()).map((row) => row.key);
  const inCentre = await db.db
    .selectFrom("notifications")
    .innerJoin("users", "users.id", "notifications.user_id")
    .select(["notifications.notice_key", "users.username"])
    .execute();
  const mail = await db.db.selectFrom("outgoing_mail").selectAll().execute();
  const recipientsOf = (key: string) =>
    inCentre
      .filter((row) => row.notice_key === key)
      .map((row) => row.username)
      .sort();
  const mailedTo = (key: string) =>
    mail
      .filter((row) => row.notice_key === key)
      .map((row) => row.recipient)
      .sort();
  return { notices: notices.sort(), inCentre, mail, recipientsOf, mailedTo };
}

const departmentAccounts = (code: string) => [
  `${code.toLowerCase()}-clerk`,
  `${code.toLowerCase()}-head`,
];
const addressesOf = (usernames: string[]) => usernames.map((name) => `${name}@example.invalid`);

describe.each(DIALECTS)("reminders and overdue notices on %s", (dialect) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(dialect);
    // HEALTH has handed in; CULTURE handed in once and was sent back for corrections.
    await setSubmission(harness.db, 2025, "HEALTH", "submitted", "2026-03-02T03:00:00.000Z");
    await setSubmission(harness.db, 2025, "CULTURE", "returned", "2026-03-02T04:00:00.000Z");
  });
  afterAll(() => harness.close());

  it("sends nothing before 09:00 Beijing time, even on a reminder day", async () => {
    harness.clock.set("2026-03-03T00:30:00.000Z");
    expect(await runReminders(harness.deps)).toEqual([]);
    expect((await delivered(harness.db)).notices).toEqual([]);
  });

  it("seven days before: one reminder per department not handed in, to its clerk and head, none for a submitted one", async () => {
    harness.clock.set(SEVEN_DAYS_BEFORE);
    const sent = await runReminders(harness.deps);
    const expected = DEPARTMENTS.filter((code) => code !== "HEALTH").map(
      (code) => `reminder:2025:${code}:7`,
    );
    expect(sent.sort()).toEqual([...expected].sort());
    const state = await delivered(harness.db);
    expect(state.notices).toEqual([...expected].sort());
    for (const code of DEPARTMENTS.filter((candidate) => candidate !== "HEALTH")) {
      const key = `reminder:2025:${code}:7`;
      expect(state.recipientsOf(key)).toEqual(departmentAccounts(code));
      expect(state.mailedTo(key)).toEqual(addressesOf(departmentAccounts(code)));
    }
    expect(state.inCentre.some((row) => row.username.startsWith("health-"))).toBe(false);
    expect(state.mail.every((row) => row.status === "pending")).toBe(true);
    const edu = state.mail.find((row) => row.recipient === "edu-clerk@example.invalid")!;
    expect(edu.subject).toBe("2025 年度考评材料报送提醒：还有 7 天截止");
    expect(edu.body).toContain(
      "市教育局：2025 年度基本公共服务均等化绩效考评材料须于 2026年3月10日前报送",
    );
  });

  it("running again the same day sends nothing more", async () => {
    const before = await delivered(harness.db);
    harness.clock.set("2026-03-03T08:00:00.000Z");
    expect(await runReminders(harness.deps)).toEqual([]);
    const after = await delivered(harness.db);
    expect(after.notices).toEqual(before.notices);
    expect(after.inCentre).toHaveLength(before.inCentre.length);
    expect(after.mail).toHaveLength(before.mail.length);
  });

  it("a restarted server on the same database sends nothing again", async () => {
    const before = await delivered(harness.db);
    const restarted = await restartedServer(harness);
    try {
      expect(await runReminders(restarted.deps)).toEqual([]);
    } finally {
      await restarted.app.close();
    }
    const after = await delivered(harness.db);
    expect(after.inCentre).toHaveLength(before.inCentre.length);
    expect(after.mail).toHaveLength(before.mail.length);
  });

  it("the day after the deadline: overdue to clerk and head, escalated to the office, once, also after a restart", async () => {
    harness.clock.set(DAY_AFTER);
    const sent = await runReminders(harness.deps);
    // HEALTH handed in; CULTURE did once (a return does not make it overdue).
    const late = DEPARTMENTS.filter((code) => code !== "HEALTH" && code !== "CULTURE");
    expect(sent.sort()).toEqual(
      late.flatMap((code) => [`escalation:2025:${code}`, `overdue:2025:${code}`]).sort(),
    );
    const state = await delivered(harness.db);
    for (const code of late) {
      expect(state.recipientsOf(`overdue:2025:${code}`)).toEqual(departmentAccounts(code));
      expect(state.recipientsOf(`escalation:2025:${code}`)).toEqual(["office"]);
      expect(state.mailedTo(`escalation:2025:${code}`)).toEqual(["office@example.invalid"]);
    }
    harness.clock.set("2026-03-12T02:00:00.000Z");
    expect(await runReminders(harness.deps)).toEqual([]);
    const restarted = await restartedServer(harness);
    try {
      expect(await runReminders(restarted.deps)).toEqual([]);
    } finally {
      await restarted.app.close();
    }
    const after = await delivered(harness.db);
    expect(after.notices).toEqual(state.notices);
    expect(after.inCentre).toHaveLength(state.inCentre.length);
    expect(after.mail).toHaveLength(state.mail.length);
  });

  describe("the notification centre", () => {
    let eduClerk: Client;
    let eduHead: Client;
    let healthClerk: Client;
    let office: Client;
    beforeAll(async () => {
      eduClerk = await harness.as("edu-clerk");
      eduHead = await harness.as("edu-head");
      healthClerk = await harness.as("health-clerk");
      office = await harness.as("office");
    });
    const list = async (client: Client, lang?: string) => {
      const response = await client.request({
        method: "GET",
        url: "/api/notifications",
        ...(lang ? { headers: { "accept-language": lang } } : {}),
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as NotificationList;
    };

    it("lists only the account's own notifications, newest first, with the unread count", async () => {
      const edu = await list(eduClerk);
      expect(edu.unread).toBe(2);
      expect(edu.notifications.map((notification) => notification.kind)).toEqual([
        "overdue",
        "reminder",
      ]);
      expect(edu.notifications[1]).toMatchObject({
        year: 2025,
        department: "EDU",
        title: "2025 年度考评材料报送提醒：还有 7 天截止",
        link: "/workspace",
        readAt: null,
      });
      expect((await list(healthClerk)).notifications).toEqual([]);
      const escalations = await list(office);
      expect(escalations.notifications.every((row) => row.kind === "escalation")).toBe(true);
      expect(escalations.notifications).toHaveLength(11);
      expect(escalations.notifications.find((row) => row.department === "EDU")!.link).toBe(
        "/office/departments/EDU",
      );
    });

    it("answers in English when Accept-Language asks for it", async () => {
      const edu = await list(eduClerk, "en-US,en;q=0.9");
      expect(edu.notifications[1]!.title).toBe("2025 evaluation: hand-in due in 7 day(s)");
      expect(edu.notifications[0]!.body).toContain("1 day(s) overdue");
    });

    it("marks one read; another account's notification is 404 and stays unread", async () => {
      const [overdue] = (await list(eduClerk)).notifications;
      const foreign = await healthClerk.post(`/api/notifications/${overdue!.id}/read`);
      expect(foreign.statusCode).toBe(404);
      expect((await list(eduClerk)).unread).toBe(2);
      const unknown = await eduClerk.post(`/api/notifications/no-such-id/read`);
      expect(unknown.statusCode).toBe(404);

      const read = await eduClerk.post(`/api/notifications/${overdue!.id}/read`);
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json() as NotificationsRead).toEqual({ marked: 1, unread: 1 });
      const again = await eduClerk.post(`/api/notifications/${overdue!.id}/read`);
      expect(again.json() as NotificationsRead).toEqual({ marked: 0, unread: 1 });
      const listed = await list(eduClerk);
      expect(listed.notifications[0]!.readAt).toBe(harness.clock.now().toISOString());
      // The head's copy of the same notice is the head's own.
      expect((await list(eduHead)).unread).toBe(2);
    });

    it("marks all of one's own read, and nobody else's", async () => {
      const all = await eduClerk.post("/api/notifications/read-all");
      expect(all.statusCode, all.body).toBe(200);
      expect(all.json() as NotificationsRead).toEqual({ marked: 1, unread: 0 });
      expect((await list(eduClerk)).unread).toBe(0);
      expect((await list(eduHead)).unread).toBe(2);
      expect((await list(office)).unread).toBe(11);
    });
  });
});

interface Received {
  to: string[];
  mail: ReadMail;
}

/** A local SMTP server that keeps every message it is given. */
async function startMailbox() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          mail: readMail(Buffer.concat(chunks).toString("utf8")),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(DIALECTS)("notice e-mail on %s", (dialect) => {
  let harness: Harness;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  beforeAll(async () => {
    harness = await startHarness(dialect);
    mailbox = await startMailbox();
  });
  afterAll(async () => {
    await mailbox.close();
    await harness.close();
  });

  const mailRows = () => harness.db.db.selectFrom("outgoing_mail").selectAll().execute();

  it("without SMTP the server still posts notices at start, keeps e-mails pending and says so once", async () => {
    harness.clock.set(SEVEN_DAYS_BEFORE);
    const logged: string[] = [];
    const scheduler = startNoticeScheduler(harness.deps, (line) => logged.push(line));
    await scheduler.stop();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain("KAOPING_SMTP_URL");
    const rows = await mailRows();
    expect(rows).toHaveLength(DEPARTMENTS.length * 2);
    expect(rows.every((row) => row.status === "pending" && row.attempts === 0)).toBe(true);
  });

  it("sends each e-mail once through SMTP, in Chinese, even with two servers sending at once", async () => {
    const transport = createMailTransport({ smtpUrl: mailbox.url })!;
    const second = await restartedServer(harness);
    let reports;
    try {
      reports = await Promise.all([
        deliverMail(harness.deps, transport),
        deliverMail(second.deps, transport),
      ]);
    } finally {
      await second.app.close();
    }
    const total = DEPARTMENTS.length * 2;
    expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(total);
    expect(reports.reduce((sum, report) => sum + report.failed, 0)).toBe(0);
    expect(mailbox.received).toHaveLength(total);
    const recipients = mailbox.received.flatMap((message) => message.to);
    expect(new Set(recipients).size).toBe(total);
    expect(recipients.sort()).toEqual(addressesOf(DEPARTMENTS.flatMap(departmentAccounts)).sort());

    const edu = mailbox.received.find((message) => message.to[0] === "edu-head@example.invalid")!;
    expect(edu.mail.subject).toBe("2025 年度考评材料报送提醒：还有 7 天截止");
    expect(edu.mail.headers.get("content-type")).toMatch(/charset=utf-8/i);
    expect(edu.mail.text).toContain(
      "市教育局：2025 年度基本公共服务均等化绩效考评材料须于 2026年3月10日前报送，还有 7 天截止。",
    );
    expect(edu.mail.text).toContain("请登录考评系统处理：/workspace");
    expect(edu.mail.text).toContain("此邮件由考评 Kaoping");
    const rows = await mailRows();
    expect(rows.every((row) => row.status === "sent" && row.attempts === 1)).toBe(true);

    expect(await deliverMail(harness.deps, transport)).toEqual({ sent: 0, failed: 0 });
    expect(mailbox.received).toHaveLength(total);
  });

  it(`retries a failed e-mail until ${MAX_MAIL_ATTEMPTS} attempts; one left in 'sending' is never sent again`, async () => {
    harness.clock.set(DAY_AFTER);
    await runReminders(harness.deps);
    const pending = (await mailRows()).filter((row) => row.status === "pending");
    // 13 overdue notices to clerk and head, 13 escalations to the office.
    expect(pending).toHaveLength(DEPARTMENTS.length * 3);
    const stuck = pending[0]!;
    await harness.db.db
      .updateTable("outgoing_mail")
      .set({ status: "sending", claimed_at: DAY_AFTER, attempts: 1 })
      .where("id", "=", stuck.id)
      .execute();

    const tried: string[] = [];
    const failing: MailTransport = {
      sendMail: async (message) => {
        tried.push(message.to);
        throw new Error("421 mail server busy");
      },
    };
    for (let round = 1; round <= MAX_MAIL_ATTEMPTS; round++) {
      const report = await deliverMail(harness.deps, failing);
      expect(report).toEqual({ sent: 0, failed: pending.length - 1 });
    }
    expect(tried).toHaveLength((pending.length - 1) * MAX_MAIL_ATTEMPTS);
    expect(await deliverMail(harness.deps, failing)).toEqual({ sent: 0, failed: 0 });

    const rows = (await mailRows()).filter(
      (row) => row.notice_key.startsWith("overdue") || row.notice_key.startsWith("escalation"),
    );
    const others = rows.filter((row) => row.id !== stuck.id);
    expect(others.every((row) => row.status === "failed")).toBe(true);
    expect(others.every((row) => row.attempts === MAX_MAIL_ATTEMPTS)).toBe(true);
    expect(others.every((row) => row.last_error === "421 mail server busy")).toBe(true);

    const received = mailbox.received.length;
    const working = createMailTransport({ smtpUrl: mailbox.url })!;
    expect(await deliverMail(harness.deps, working)).toEqual({ sent: 0, failed: 0 });
    expect(mailbox.received).toHaveLength(received);
    const still = (await mailRows()).find((row) => row.id === stuck.id)!;
    expect(still.status).toBe("sending");
  });
});

describe.runIf(DIALECTS.includes("postgres"))(
  "two server processes on one PostgreSQL database",
  () => {
    const clock = manualClock(SEVEN_DAYS_BEFORE);
    const dataDir = mkdtempSync(join(tmpdir(), "kaoping-notices-"));
    let drop: () => Promise<void>;
    let first: ServerDeps;
    let second: ServerDeps;
    let pools: Db[];
    beforeAll(async () => {
      const scratch = await createScratchPostgres("kaoping_notices");
      pools = [openPostgres(scratch.url, 10), openPostgres(scratch.url, 10)];
      drop = async () => {
        for (const pool of pools) await pool.close();
        await scratch.drop();
      };
      await migrate(pools[0]!.db as never, "postgres");
      const secrets = secretsFromKey(randomBytes(32));
      first = serverDepsOver(pools[0]!, { secrets, clock, dataDir });
      second = serverDepsOver(pools[1]!, { secrets, clock, dataDir });
      await seedDemoIfEmpty(first, demoFiles(), TEST_PASSWORD);
    });
    afterAll(async () => {
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it("each notice is sent exactly once, whoever runs the reminders and however often", async () => {
      const moments = [
        SEVEN_DAYS_BEFORE,
        "2026-03-03T05:00:00.000Z",
        "2026-03-07T01:30:00.000Z",
        "2026-03-09T03:00:00.000Z",
        "2026-03-10T10:00:00.000Z",
        DAY_AFTER,
        "2026-03-12T02:00:00.000Z",
      ];
      const sent: string[] = [];
      for (const moment of moments) {
        clock.set(moment);
        const rounds = await Promise.all([
          runReminders(first),
          runReminders(second),
          runReminders(first),
          runReminders(second),
        ]);
        sent.push(...rounds.flat());
      }
      const expected = DEPARTMENTS.flatMap((code) => [
        `reminder:2025:${code}:7`,
        `reminder:2025:${code}:3`,
        `reminder:2025:${code}:1`,
        `overdue:2025:${code}`,
        `escalation:2025:${code}`,
      ]).sort();
      expect([...sent].sort()).toEqual(expected);
      const state = await delivered(pools[0]!);
      expect(state.notices).toEqual(expected);
      for (const key of expected) {
        const department = key.split(":")[2]!;
        const accounts = key.startsWith("escalation") ? ["office"] : departmentAccounts(department);
        expect(state.recipientsOf(key)).toEqual(accounts);
        expect(state.mailedTo(key)).toEqual(addressesOf(accounts));
      }

      const delivered1: string[] = [];
      const counting: MailTransport = {
        sendMail: async (message) => {
          delivered1.push(`${message.to} ${message.subject}`);
        },
      };
      const reports = await Promise.all([
        deliverMail(first, counting),
        deliverMail(second, counting),
        deliverMail(first, counting),
      ]);
      expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(state.mail.length);
      expect(delivered1).toHaveLength(state.mail.length);
      expect(new Set(delivered1).size).toBe(state.mail.length);
    });
  },
);
