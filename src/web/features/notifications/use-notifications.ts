import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { NotificationList, NotificationsRead } from "../../../contract/api";
import { api } from "../../api/client";
import { queryKeys } from "../../api/query-keys";

/** New notices are posted by the server every few minutes; looking once a minute is enough. */
export const NOTIFICATION_POLL_MS = 60_000;

/** The signed-in account's notifications, in the page's language, polled every minute. */
export function useNotifications(lang: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.notificationList(lang),
    queryFn: () => api.get<NotificationList>("/api/notifications"),
    refetchInterval: NOTIFICATION_POLL_MS,
    enabled,
  });
}

/** Marking read refreshes the list and the count (in every language held). */
export function useNotificationMutations() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
  return {
    markRead: useMutation({
      mutationFn: (id: string) =>
        api.post<NotificationsRead>(`/api/notifications/${encodeURIComponent(id)}/read`),
      onSettled: refresh,
    }),
    markAllRead: useMutation({
      mutationFn: () => api.post<NotificationsRead>("/api/notifications/read-all"),
      onSettled: refresh,
    }),
  };
}
