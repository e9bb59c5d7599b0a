import type { ServerDeps } from "../http/server-deps";
import { runReminders } from "./run-reminders";
import { createMailTransport, deliverMail, type MailTransport } from "./send-mail";

/**
 * Looks for due notices and sends waiting e-mails at start and then every
 * `config.noticeIntervalMs`, one round at a time. Without SMTP the e-mails stay pending
 * (said once in the log) and go out once a later start has KAOPING_SMTP_URL.
 */
export function startNoticeScheduler(
  deps: ServerDeps,
  log: (message: string) => void,
  transport: MailTransport | undefined = createMailTransport(deps.config),
): { stop(): Promise<void> } {
  if (!transport) {
    log(
      "未设置 KAOPING_SMTP_URL：通知只在系统内显示，邮件暂存不发送 (no SMTP configured; e-mails stay pending)",
    );
  }
  let stopped = false;
  const round = async () => {
    await runReminders(deps);
    if (transport) await deliverMail(deps, transport);
  };
  const logFailure = (error: unknown) =>
    log(`通知发送出错 (notices failed): ${error instanceof Error ? error.message : String(error)}`);
  // The first round starts at once (a stop right after start waits for it); later ones
  // queue behind the one before, so two rounds of one process never overlap.
  let running: Promise<unknown> = round().catch(logFailure);
  const tick = () => {
    running = running.then(() => (stopped ? undefined : round())).catch(logFailure);
  };
  const timer = setInterval(tick, deps.config.noticeIntervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
