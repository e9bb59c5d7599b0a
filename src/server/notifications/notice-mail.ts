import type { DueNotice } from "../../core/workflow/reminders";

/** Where in the app a notice leads: the department's own page, or its review page for the office. */
export function noticeLink(notice: Pick<DueNotice, "audience" | "department">): string {
  return notice.audience === "office"
    ? `/office/departments/${encodeURIComponent(notice.department)}`
    : "/workspace";
}

/** A notice as an e-mail: its Chinese title and text, where to open it, and who sent it. */
export function noticeMail(notice: Pick<DueNotice, "title" | "body">, link: string) {
  return {
    subject: notice.title.zh,
    body: [
      notice.body.zh,
      "",
      `请登录考评系统处理：${link}`,
      "",
      "此邮件由考评 Kaoping（基本公共服务均等化绩效考评系统）自动发送，请勿直接回复。",
    ].join("\n"),
  };
}
