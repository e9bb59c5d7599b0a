import { describe, expect, it } from "vitest";
import { DEFAULT_REMINDER_DAYS } from "../../core/workflow/reminders";
import { DEFAULT_SERVER_CONFIG } from "../http/server-deps";
import { noticeConfigFromEnvironment, parseReminderDays } from "./notice-config";

describe("notice settings from the environment", () => {
  it.each([
    ["7,3,1", [7, 3, 1]],
    [" 1, 3 ,7", [7, 3, 1]],
    ["14,7,7,1", [14, 7, 1]],
    ["30", [30]],
  ])("KAOPING_REMINDER_DAYS=%j gives %j", (text, days) => {
    expect(parseReminderDays(text)).toEqual(days);
  });

  it.each(["", "7;3", "7,,1", "-1", "0", "1.5", "400", "seven"])(
    "KAOPING_REMINDER_DAYS=%j is refused at start",
    (text) => {
      expect(() => parseReminderDays(text)).toThrow(/KAOPING_REMINDER_DAYS/);
    },
  );

  it("defaults to 7, 3 and 1 days and ten minutes between rounds, with no SMTP", () => {
    expect(DEFAULT_SERVER_CONFIG.reminderDays).toEqual(DEFAULT_REMINDER_DAYS);
    expect(DEFAULT_SERVER_CONFIG.noticeIntervalMs).toBe(10 * 60 * 1000);
    expect(noticeConfigFromEnvironment({})).toEqual({});
  });

  it("takes SMTP, the sender and the interval when given", () => {
    expect(
      noticeConfigFromEnvironment({
        KAOPING_REMINDER_DAYS: "5,2",
        KAOPING_NOTICE_INTERVAL_MIN: "2",
        KAOPING_SMTP_URL: "smtp://mail.example.gov.cn:587",
        KAOPING_MAIL_FROM: "考评办 <kaoping@example.gov.cn>",
      }),
    ).toEqual({
      reminderDays: [5, 2],
      noticeIntervalMs: 2 * 60 * 1000,
      smtpUrl: "smtp://mail.example.gov.cn:587",
      mailFrom: "考评办 <kaoping@example.gov.cn>",
    });
    expect(() => noticeConfigFromEnvironment({ KAOPING_NOTICE_INTERVAL_MIN: "0" })).toThrow();
  });
});
