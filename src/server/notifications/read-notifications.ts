import type { NotificationList, NotificationsRead } from "../../contract/notifications";
import type { Lang } from "../../core";
import type { AuthUser } from "../auth/auth-user";
import type { UseCaseDeps } from "../context";
import { notFound } from "../errors";
import { presentNotification } from "./notifications.presenter";

type Deps = Pick<UseCaseDeps, "repos" | "clock">;

/** The signed-in account's own notifications, newest first, and how many are unread. */
export async function listNotifications(
  deps: Deps,
  user: AuthUser,
  lang: Lang,
): Promise<NotificationList> {
  return deps.repos.snapshot(async (repos) => ({
    notifications: (await repos.notifications.forUser(user.id)).map((row) =>
      presentNotification(row, lang),
    ),
    unread: await repos.notifications.unreadCount(user.id),
  }));
}

/** Marks one of the account's own notifications read; another account's is not found (404). */
export async function markNotificationRead(
  deps: Deps,
  user: AuthUser,
  id: string,
): Promise<NotificationsRead> {
  const own = await deps.repos.notifications.ownNotification(id, user.id);
  if (!own) throw notFound(`没有这条通知`, `there is no such notification`);
  const marked =
    own.read_at === null
      ? await deps.repos.notifications.markRead(id, user.id, deps.clock.now().toISOString())
      : 0;
  return { marked, unread: await deps.repos.notifications.unreadCount(user.id) };
}

/** Marks all of the account's notifications read. */
export async function markAllNotificationsRead(
  deps: Deps,
  user: AuthUser,
): Promise<NotificationsRead> {
  const marked = await deps.repos.notifications.markAllRead(
    user.id,
    deps.clock.now().toISOString(),
  );
  return { marked, unread: await deps.repos.notifications.unreadCount(user.id) };
}
