import { Button, Card, Table, Typography, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { AccountLock } from "../../../contract/api";
import { formatDateTime, formatLanguage } from "../../shared/format";
import { CardHeading } from "../account/card-heading";

/** Accounts paused from signing in now, each with the way to lift the pause. */
export function LocksCard({
  locks,
  onUnlock,
}: {
  locks: readonly AccountLock[];
  onUnlock: (username: string) => void;
}) {
  const { t, i18n } = useTranslation("admin");
  const lang = formatLanguage(i18n.language);
  const columns: TableColumnsType<AccountLock> = [
    { title: t("users.columns.username"), dataIndex: "username" },
    { title: t("users.columns.displayName"), dataIndex: "displayName" },
    {
      title: t("users.locks.scope"),
      dataIndex: "scope",
      render: (scope: AccountLock["scope"]) => t(`users.locks.${scope}`),
    },
    { title: t("users.locks.failures"), dataIndex: "failures", align: "right" },
    {
      title: t("users.locks.until"),
      dataIndex: "lockedUntil",
      render: (until: string) => formatDateTime(until, lang),
    },
    {
      title: t("users.columns.actions"),
      key: "actions",
      render: (_value, lock) => (
        <Button
          size="small"
          aria-label={t("users.actions.label", {
            action: t("users.actions.unlock"),
            user: `${lock.displayName}（${lock.username}）`,
          })}
          onClick={() => onUnlock(lock.username)}
        >
          {t("users.actions.unlock")}
        </Button>
      ),
    },
  ];
  return (
    <Card
      title={<CardHeading>{t("users.locks.title")}</CardHeading>}
      style={{ marginBottom: 16 }}
      data-testid="locks-card"
    >
      <Typography.Paragraph style={{ color: "#595959" }}>
        {t("users.locks.intro")}
      </Typography.Paragraph>
      <Table<AccountLock>
        rowKey={(lock) => `${lock.username}:${lock.scope}:${lock.lastAttemptAt}`}
        size="small"
        columns={columns}
        dataSource={locks as AccountLock[]}
        pagination={false}
      />
    </Card>
  );
}
