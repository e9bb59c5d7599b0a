import {
  CheckCircleOutlined,
  KeyOutlined,
  LockOutlined,
  SafetyCertificateOutlined,
  StopOutlined,
} from "@ant-design/icons";
import { Button, Space, Table, Typography, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { AccountLock, UserAccount } from "../../../contract/api";
import { formatDateTime, formatLanguage } from "../../shared/format";
import { StatusTag } from "./status-tag";

export type UserAction =
  "edit" | "resetPassword" | "disable" | "enable" | "unlock" | "resetTwoFactor";

/** The latest end of each account's locks in force. */
export function lockedUntilByUser(locks: readonly AccountLock[]): Map<string, string> {
  const until = new Map<string, string>();
  for (const lock of locks) {
    const known = until.get(lock.username);
    if (!known || lock.lockedUntil > known) until.set(lock.username, lock.lockedUntil);
  }
  return until;
}

/** Every account with its role, department, state and the actions on it. */
export function UsersTable({
  users,
  lockedUntil,
  selfUsername,
  loading,
  onAction,
}: {
  users: readonly UserAccount[];
  lockedUntil: ReadonlyMap<string, string>;
  selfUsername: string;
  loading: boolean;
  onAction: (action: UserAction, user: UserAccount) => void;
}) {
  const { t, i18n } = useTranslation(["admin", "common"]);
  const lang = formatLanguage(i18n.language);

  const actionButton = (action: UserAction, user: UserAccount) => (
    <Button
      key={action}
      size="small"
      color="primary"
      variant="link"
      aria-label={t("users.actions.label", {
        action: t(`users.actions.${action}`),
        user: `${user.displayName}（${user.username}）`,
      })}
      onClick={() => onAction(action, user)}
      style={{ paddingInline: 4 }}
    >
      {t(`users.actions.${action}`)}
    </Button>
  );

  const columns: TableColumnsType<UserAccount> = [
    {
      title: t("users.columns.username"),
      dataIndex: "username",
      width: 140,
      sorter: (a, b) => a.username.localeCompare(b.username),
      render: (username: string) => (
        <Typography.Text style={{ fontFamily: "ui-monospace, Menlo, Consolas, monospace" }}>
          {username}
        </Typography.Text>
      ),
    },
    {
      title: t("users.columns.displayName"),
      dataIndex: "displayName",
      minWidth: 170,
      render: (name: string, user) =>
        user.username === selfUsername ? `${name}${t("users.self")}` : name,
    },
    {
      title: t("users.columns.role"),
      dataIndex: "role",
      width: 100,
      render: (role: UserAccount["role"]) => t(`common:roles.${role}`),
    },
    {
      title: t("users.columns.department"),
      key: "department",
      width: 140,
      render: (_value, user) => user.department?.name ?? "—",
    },
    {
      title: t("users.columns.status"),
      key: "status",
      width: 160,
      render: (_value, user) => {
        const until = lockedUntil.get(user.username);
        return (
          <Space size={[0, 4]} wrap>
            {user.disabled ? (
              <StatusTag tone="bad" icon={<StopOutlined aria-hidden />}>
                {t("users.status.disabled")}
              </StatusTag>
            ) : (
              <StatusTag tone="good" icon={<CheckCircleOutlined aria-hidden />}>
                {t("users.status.active")}
              </StatusTag>
            )}
            {until && (
              <StatusTag tone="warn" icon={<LockOutlined aria-hidden />} testId="locked-tag">
                {t("users.status.lockedUntil", { until: formatDateTime(until, lang) })}
              </StatusTag>
            )}
            {user.mustChangePassword && (
              <StatusTag tone="info" icon={<KeyOutlined aria-hidden />} testId="must-change-tag">
                {t("users.status.mustChange")}
              </StatusTag>
            )}
          </Space>
        );
      },
    },
    {
      title: t("users.columns.twoFactor"),
      dataIndex: "twoFactorEnrolled",
      width: 90,
      render: (enrolled: boolean) =>
        enrolled ? (
          <StatusTag tone="good" icon={<SafetyCertificateOutlined aria-hidden />}>
            {t("users.twoFactorOn")}
          </StatusTag>
        ) : (
          <StatusTag tone="plain">{t("users.twoFactorOff")}</StatusTag>
        ),
    },
    {
      title: t("users.columns.lastSignIn"),
      dataIndex: "lastSignInAt",
      width: 140,
      sorter: (a, b) => (a.lastSignInAt ?? "").localeCompare(b.lastSignInAt ?? ""),
      render: (at: string | null) => (at ? formatDateTime(at, lang) : t("users.never")),
    },
    {
      title: t("users.columns.actions"),
      key: "actions",
      width: 190,
      render: (_value, user) => {
        const self = user.username === selfUsername;
        return (
          <Space size={0} wrap>
            {actionButton("edit", user)}
            {actionButton("resetPassword", user)}
            {lockedUntil.has(user.username) && actionButton("unlock", user)}
            {user.twoFactorEnrolled && actionButton("resetTwoFactor", user)}
            {!self &&
              (user.disabled ? actionButton("enable", user) : actionButton("disable", user))}
          </Space>
        );
      },
    },
  ];

  return (
    <div data-testid="users-table">
      <Table<UserAccount>
        rowKey="username"
        size="small"
        columns={columns}
        dataSource={users as UserAccount[]}
        loading={loading}
        pagination={{ pageSize: 100, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 1130 }}
      />
    </div>
  );
}
