import type { ServerConfig } from "../http/server-deps";

export interface NoticeEnvironment {
  /** Days before the departments' deadline to remind, e.g. "7,3,1". */
  KAOPING_REMINDER_DAYS?: string;
  /** Minutes between looks for due notices and e-mails to send (default 10). */
  KAOPING_NOTICE_INTERVAL_MIN?: string;
  /** e.g. smtp://user:pass@mail.example.gov.cn:587; without it e-mails wait unsent. */
  KAOPING_SMTP_URL?: string;
  KAOPING_MAIL_FROM?: string;
}

/** "7, 3,1" → [7, 3, 1]; anything that is not a list of whole days from 1 to 366 is refused. */
export function parseReminderDays(text: string): number[] {
  const days = text.split(",").map((part) => part.trim());
  if (days.length === 0 || days.some((day) => !/^\d{1,3}$/.test(day))) {
    throw new Error(`KAOPING_REMINDER_DAYS must be whole days separated by commas, got "${text}"`);
  }
  const numbers = days.map(Number);
  if (numbers.some((day) => day < 1 || day > 366)) {
    throw new Error(`KAOPING_REMINDER_DAYS must be between 1 and 366 days, got "${text}"`);
  }
  return [...new Set(numbers)].sort((a, b) => b - a);
}

/** The notices' settings from the environment (only those given). */
export function noticeConfigFromEnvironment(env: NoticeEnvironment): Partial<ServerConfig> {
  const config: Partial<ServerConfig> = {};
  if (env.KAOPING_REMINDER_DAYS) config.reminderDays = parseReminderDays(env.KAOPING_REMINDER_DAYS);
  if (env.KAOPING_NOTICE_INTERVAL_MIN) {
    const minutes = Number(env.KAOPING_NOTICE_INTERVAL_MIN);
    if (!Number.isFinite(minutes) || minutes < 1) {
      throw new Error("KAOPING_NOTICE_INTERVAL_MIN must be a number of minutes, at least 1");
    }
    config.noticeIntervalMs = minutes * 60 * 1000;
  }
  if (env.KAOPING_SMTP_URL) config.smtpUrl = env.KAOPING_SMTP_URL;
  if (env.KAOPING_MAIL_FROM) config.mailFrom = env.KAOPING_MAIL_FROM;
  return config;
}
