import { CheckCircleFilled, ExclamationCircleOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Descriptions, Space, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import type { TwoFactorStatus } from "../../../contract/api";
import { queryKeys } from "../../api/query-keys";
import { nextQuery, safeNext } from "../../auth/safe-next";
import { homeFor, useMe } from "../../auth/use-me";
import { StatusTag } from "../admin/status-tag";
import { CardHeading } from "./card-heading";
import "./messages";
import { RecoveryCodes } from "./recovery-codes";
import { TwoFactorEnrolment } from "./two-factor-enrolment";

/**
 * The account's security page (the account menu leads here): two-factor sign-in — its
 * status, whether the role requires it, and enrolment with QR code, confirmation and the
 * recovery codes shown once — and the way to change the password. When the server
 * requires enrolment (Me.twoFactor.setupRequired) RequireAuth brings the user here
 * first; afterwards they go on to `next`.
 */
export default function TwoFactorPage() {
  const { t } = useTranslation(["account", "common"]);
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [cameForced] = useState(() => me.data?.twoFactor.setupRequired ?? false);
  const account = me.data;
  if (!account) return null;
  const status = account.twoFactor;
  const next = safeNext(params.get("next"));

  // The account is read again only once the codes are put away: while enrolment was
  // required this page stands alone (AccountGate), and the new status would replace it
  // with the full app — and the codes with it — before the user has kept them.
  const enabled = (recoveryCodes: string[]) => {
    setCodes(recoveryCodes);
    void message.success(t("twoFactor.enabled"));
  };

  const finished = async () => {
    await queryClient.invalidateQueries({ queryKey: queryKeys.me });
    setCodes(null);
    if (cameForced || next) navigate(next ?? homeFor(account.user.role), { replace: true });
  };

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
        {t("twoFactor.pageTitle")}
      </Typography.Title>
      {status.setupRequired && !codes && (
        <Alert
          type="warning"
          showIcon
          data-testid="two-factor-required-notice"
          title={t("twoFactor.setupRequiredTitle")}
          description={t("twoFactor.setupRequiredBody")}
          style={{ marginBottom: 16, maxWidth: 760 }}
        />
      )}
      <Space orientation="vertical" size="middle" style={{ width: "100%", maxWidth: 760 }}>
        <Card title={<CardHeading>{t("twoFactor.cardTitle")}</CardHeading>}>
          <StatusList
            status={codes ? { ...status, enrolled: true, setupRequired: false } : status}
            username={account.user.username}
            role={t(`common:roles.${account.user.role}`)}
          />
          <div style={{ marginTop: 16 }}>
            {codes ? (
              <RecoveryCodes
                codes={codes}
                account={account.user.username}
                doneLabel={cameForced || next ? t("twoFactor.continue") : t("twoFactor.done")}
                onDone={() => void finished()}
              />
            ) : status.enrolled ? (
              <Typography.Paragraph style={{ color: "#595959" }}>
                {t("twoFactor.changeDevice")}
              </Typography.Paragraph>
            ) : (
              <TwoFactorEnrolment onEnabled={enabled} />
            )}
          </div>
        </Card>
        {!account.mustChangePassword && !status.setupRequired && !codes && (
          <Card title={<CardHeading>{t("passwordCard.title")}</CardHeading>}>
            <Typography.Paragraph>{t("passwordCard.body")}</Typography.Paragraph>
            <Button
              onClick={() => navigate(`/account/password?${nextQuery("/account/two-factor")}`)}
              data-testid="change-password"
            >
              {t("passwordCard.change")}
            </Button>
          </Card>
        )}
      </Space>
    </div>
  );
}

function StatusList({
  status,
  username,
  role,
}: {
  status: TwoFactorStatus;
  username: string;
  role: string;
}) {
  const { t } = useTranslation("account");
  const items = [
    { key: "account", label: t("twoFactor.account"), children: username },
    { key: "role", label: t("twoFactor.role"), children: role },
    {
      key: "status",
      label: t("twoFactor.status"),
      children: status.enrolled ? (
        <StatusTag tone="good" icon={<CheckCircleFilled aria-hidden />} testId="two-factor-on">
          {t("twoFactor.on")}
        </StatusTag>
      ) : (
        <StatusTag
          tone="plain"
          icon={<ExclamationCircleOutlined aria-hidden />}
          testId="two-factor-off"
        >
          {t("twoFactor.off")}
        </StatusTag>
      ),
    },
    {
      key: "required",
      label: t("twoFactor.requiredLabel"),
      children: status.required ? t("twoFactor.required") : t("twoFactor.notRequired"),
    },
    ...(status.exemptReason
      ? [
          {
            key: "exempt",
            label: t("twoFactor.exempt"),
            children:
              status.exemptReason === "demo" ? t("twoFactor.exemptDemo") : status.exemptReason,
          },
        ]
      : []),
  ];
  return <Descriptions column={1} size="small" bordered items={items} />;
}
