import { BellOutlined } from "@ant-design/icons";
import { Alert, Badge, Button, Drawer, Empty, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { Notification } from "../../../contract/api";
import { formatDateTime, formatLanguage } from "../../shared/format";
import { useShowError } from "../account/use-show-error";
import "./messages";
import { useNotificationMutations, useNotifications } from "./use-notifications";

const KIND_COLOURS: Record<Notification["kind"], string> = {
  reminder: "blue",
  overdue: "red",
  escalation: "orange",
};

/**
 * The bell in the frame's header: the unread count on a badge (and in the button's
 * accessible name), and a drawer with the account's notices to read, open, and mark read.
 */
export function NotificationCentre() {
  const { t, i18n } = useTranslation("notifications");
  const lang = formatLanguage(i18n.language);
  const [open, setOpen] = useState(false);
  const notifications = useNotifications(i18n.language, true);
  const { markRead, markAllRead } = useNotificationMutations();
  const showError = useShowError();
  const navigate = useNavigate();
  const unread = notifications.data?.unread ?? 0;
  const list = notifications.data?.notifications ?? [];

  const read = (id: string) => markRead.mutateAsync(id).catch(showError);
  const follow = (notification: Notification) => {
    if (notification.readAt === null) void read(notification.id);
    setOpen(false);
    if (notification.link) void navigate(notification.link);
  };

  return (
    <>
      <Badge count={unread} size="small" overflowCount={99}>
        <Button
          size="small"
          type="text"
          icon={<BellOutlined />}
          aria-label={unread > 0 ? t("buttonLabel", { count: unread }) : t("buttonLabelNone")}
          aria-haspopup="dialog"
          aria-expanded={open}
          onClick={() => setOpen(true)}
          data-testid="notification-bell"
        />
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t("title")}
        size={420}
        destroyOnHidden
        data-testid="notification-drawer"
        extra={
          <Button
            size="small"
            disabled={unread === 0}
            loading={markAllRead.isPending}
            onClick={() => void markAllRead.mutateAsync().catch(showError)}
          >
            {t("markAllRead")}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary" aria-live="polite">
          {unread > 0 ? t("unread", { count: unread }) : t("allRead")}
        </Typography.Paragraph>
        {notifications.error && (
          <Alert
            type="error"
            showIcon
            title={t("loadFailed", { message: notifications.error.message })}
          />
        )}
        {notifications.isSuccess && list.length === 0 && <Empty description={t("empty")} />}
        <ul className="kp-notification-list" style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {list.map((notification) => (
            <li
              key={notification.id}
              style={{
                borderBottom: "1px solid rgba(5, 5, 5, 0.06)",
                padding: "12px 0",
              }}
              data-testid="notification-item"
            >
              <Space size={4} wrap>
                <Tag color={KIND_COLOURS[notification.kind]}>{t(`kinds.${notification.kind}`)}</Tag>
                {notification.readAt === null && <Tag color="gold">{t("unreadTag")}</Tag>}
              </Space>
              <Typography.Paragraph
                strong={notification.readAt === null}
                style={{ margin: "6px 0" }}
              >
                {notification.title}
              </Typography.Paragraph>
              <Typography.Paragraph style={{ marginBottom: 6 }}>
                {notification.body}
              </Typography.Paragraph>
              <Space size="small" wrap>
                <Typography.Text type="secondary">
                  {formatDateTime(notification.createdAt, lang)}
                </Typography.Text>
                {notification.link && (
                  <Button size="small" type="link" onClick={() => follow(notification)}>
                    {t("open")}
                  </Button>
                )}
                {notification.readAt === null && (
                  <Button
                    size="small"
                    type="link"
                    aria-label={t("markReadLabel", { title: notification.title })}
                    onClick={() => void read(notification.id)}
                  >
                    {t("markRead")}
                  </Button>
                )}
              </Space>
            </li>
          ))}
        </ul>
      </Drawer>
    </>
  );
}
