import type { Notification, NotificationKind } from "../../contract/notifications";
import type { Lang } from "../../core";
import type { NotificationsRepository } from "./notifications.repository";

type NotificationRow = Awaited<ReturnType<NotificationsRepository["forUser"]>>[number];

/** One notification in the reader's language. */
export function presentNotification(row: NotificationRow, lang: Lang): Notification {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    year: Number(row.year),
    department: row.department_code,
    title: lang === "en" ? row.title_en : row.title_zh,
    body: lang === "en" ? row.body_en : row.body_zh,
    link: row.link,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}
