import { Button, Form, Input, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { RecoveryCodes, TwoFactorConfirmBody, TwoFactorSetup } from "../../../contract/api";
import { api } from "../../api/client";
import { fieldErrorsOf } from "./field-errors";
import { QrImage } from "./qr-image";
import { useShowError } from "./use-show-error";

/** The secret in groups of four, easier to type into an app: "JBSW Y3DP EHPK 3PXP". */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/**
 * Turning two-factor sign-in on: the server makes a secret (POST /api/auth/2fa/setup),
 * shown as a QR code and as text; a code from the app confirms it (POST …/confirm),
 * which answers the recovery codes — handed to onEnabled, shown by the page once.
 */
export function TwoFactorEnrolment({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const { t } = useTranslation("account");
  const showError = useShowError();
  const [form] = Form.useForm<TwoFactorConfirmBody>();
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setBusy(true);
    try {
      const next = await api.post<TwoFactorSetup>("/api/auth/2fa/setup");
      // Starting again: the code typed for the old secret no longer counts. (The form
      // exists only once a secret is shown.)
      if (setup) form.resetFields();
      setSetup(next);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (values: TwoFactorConfirmBody) => {
    setBusy(true);
    try {
      const answer = await api.post<RecoveryCodes>("/api/auth/2fa/confirm", {
        code: values.code.replace(/\s+/g, ""),
      } satisfies TwoFactorConfirmBody);
      onEnabled(answer.recoveryCodes);
    } catch (error) {
      const fields = fieldErrorsOf(error, ["code"]);
      if (fields) form.setFields(fields);
      else showError(error);
    } finally {
      setBusy(false);
    }
  };

  if (!setup) {
    return (
      <div>
        <Typography.Paragraph>{t("twoFactor.intro")}</Typography.Paragraph>
        <Button type="primary" loading={busy} onClick={() => void start()} data-testid="start-2fa">
          {t("twoFactor.start")}
        </Button>
      </div>
    );
  }

  return (
    <div data-testid="two-factor-enrolment">
      <Typography.Paragraph>{t("twoFactor.scan")}</Typography.Paragraph>
      <Space align="start" wrap size="large">
        <QrImage text={setup.otpauthUri} alt={t("twoFactor.qrAlt", { account: setup.account })} />
        <div style={{ maxWidth: 360 }}>
          <Typography.Text strong>{t("twoFactor.secret")}</Typography.Text>
          <div>
            <Typography.Text
              code
              copyable={{ text: setup.secret, tooltips: false }}
              data-testid="two-factor-secret"
              style={{ fontSize: 15, wordBreak: "break-all" }}
            >
              {grouped(setup.secret)}
            </Typography.Text>
          </div>
          <Form<TwoFactorConfirmBody>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={confirm}
            style={{ marginTop: 16 }}
          >
            <Form.Item
              label={t("twoFactor.code")}
              name="code"
              rules={[
                { required: true, message: t("twoFactor.codeRequired") },
                { pattern: /^\s*(\d\s*){6}$/, message: t("twoFactor.codeFormat") },
              ]}
            >
              <Input
                autoFocus
                autoComplete="one-time-code"
                inputMode="numeric"
                maxLength={16}
                style={{ maxWidth: 200 }}
              />
            </Form.Item>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t("twoFactor.confirm")}
              </Button>
              <Button onClick={() => void start()} disabled={busy}>
                {t("twoFactor.restart")}
              </Button>
            </Space>
          </Form>
        </div>
      </Space>
    </div>
  );
}
