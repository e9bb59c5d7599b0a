import { registerMessages } from "../../i18n/i18n";

/** Words of the notification centre. */
export const notificationsMessages = {
  zh: {
    button: "通知",
    buttonLabel: "通知中心，{{count}} 条未读",
    buttonLabelNone: "通知中心，没有未读通知",
    title: "通知中心",
    unread: "{{count}} 条未读",
    allRead: "全部已读",
    markAllRead: "全部标为已读",
    markRead: "标为已读",
    markReadLabel: "将“{{title}}”标为已读",
    open: "前往处理",
    empty: "暂无通知。报送截止前 7、3、1 天的提醒和逾期通知会显示在这里。",
    unreadTag: "未读",
    kinds: {
      reminder: "报送提醒",
      overdue: "逾期通知",
      escalation: "逾期督办",
    },
    loadFailed: "通知加载失败：{{message}}",
  },
  en: {
    button: "Notifications",
    buttonLabel: "Notifications, {{count}} unread",
    buttonLabelNone: "Notifications, none unread",
    title: "Notifications",
    unread: "{{count}} unread",
    allRead: "All read",
    markAllRead: "Mark all read",
    markRead: "Mark read",
    markReadLabel: "Mark “{{title}}” read",
    open: "Open",
    empty:
      "No notifications yet. Reminders 7, 3 and 1 days before the hand-in deadline and overdue notices appear here.",
    unreadTag: "Unread",
    kinds: {
      reminder: "Reminder",
      overdue: "Overdue",
      escalation: "Escalation",
    },
    loadFailed: "Could not load notifications: {{message}}",
  },
};

registerMessages("notifications", notificationsMessages);
