import { Alert, App, Button, Card, Form, Input, Space, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import type { Me } from "../../../contract/api";
import type { ChangePasswordBody, PasswordChanged } from "../../../contract/password-change";
import { api, ApiError } from "../../api/client";
import { queryKeys } from "../../api/query-keys";
import { safeNext } from "../../auth/safe-next";
import { homeFor, useMe } from "../../auth/use-me";
import { fieldErrorsOf } from "./field-errors";
import "./messages";
import { PasswordRules } from "./password-rules";
import { useShowError } from "./use-show-error";

interface PasswordForm extends ChangePasswordBody {
  confirmPassword: string;
}

const SERVER_FIELDS = ["currentPassword", "newPassword"] as const;

/**
 * Choosing one's own password. Forced (the account holds a password an administrator
 * gave, Me.mustChangePassword): RequireAuth brings the user here first and nothing else
 * opens until it is done; then on to `next` or the role's home. Voluntary: from the
 * account menu. The server's policy decides; its refusal is shown beside the field.
 */
export default function PasswordPage() {
  const { t } = useTranslation("account");
  const { message } = App.useApp();
  const showError = useShowError();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<PasswordForm>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const newPassword = Form.useWatch("newPassword", form) ?? "";
  const account = me.data;
  if (!account) return null;
  const forced = account.mustChangePassword;
  const next = safeNext(params.get("next"));

  const submit = async (values: PasswordForm) => {
    setBusy(true);
    setRefusal(null);
    try {
      const changed = await api.post<PasswordChanged>("/api/auth/password", {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      } satisfies ChangePasswordBody);
      queryClient.setQueryData<Me | null>(queryKeys.me, (current) =>
        current ? { ...current, mustChangePassword: false } : current,
      );
      void message.success(
        changed.otherSessionsEnded > 0
          ? t("password.otherSessionsEnded", { count: changed.otherSessionsEnded })
          : t("password.changed"),
      );
      form.resetFields();
      if (forced || next) navigate(next ?? homeFor(account.user.role), { replace: true });
    } catch (error) {
      const fields = fieldErrorsOf(error, SERVER_FIELDS);
      if (fields) form.setFields(fields);
      else if (error instanceof ApiError && error.status === 429) setRefusal(error.message);
      else showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
        {forced ? t("password.titleForced") : t("password.titleVoluntary")}
      </Typography.Title>
      {forced && (
        <Alert
          type="warning"
          showIcon
          data-testid="forced-password-notice"
          title={t("password.forcedNotice")}
          description={t("password.forcedBody")}
          style={{ marginBottom: 16, maxWidth: 560 }}
        />
      )}
      <Card style={{ maxWidth: 560 }}>
        {refusal && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t("password.tooMany")}
            description={refusal}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form<PasswordForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={submit}
          data-testid="password-form"
        >
          <Form.Item
            label={forced ? t("password.currentForced") : t("password.current")}
            name="currentPassword"
            rules={[{ required: true, message: t("password.currentRequired") }]}
          >
            <Input.Password autoFocus autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label={t("password.newPassword")}
            name="newPassword"
            dependencies={["currentPassword"]}
            rules={[
              { required: true, message: t("password.newRequired") },
              ({ getFieldValue }) => ({
                validator: (_rule, value: string | undefined) =>
                  value && value === getFieldValue("currentPassword")
                    ? Promise.reject(new Error(t("password.sameAsCurrent")))
                    : Promise.resolve(),
              }),
            ]}
            extra={<PasswordRules password={newPassword} username={account.user.username} />}
          >
            <Input.Password autoComplete="new-password" aria-describedby="password-rules" />
          </Form.Item>
          <Form.Item
            label={t("password.confirm")}
            name="confirmPassword"
            dependencies={["newPassword"]}
            rules={[
              { required: true, message: t("password.confirmRequired") },
              ({ getFieldValue }) => ({
                validator: (_rule, value: string | undefined) =>
                  !value || value === getFieldValue("newPassword")
                    ? Promise.resolve()
                    : Promise.reject(new Error(t("password.mismatch"))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t("password.submit")}
            </Button>
            {!forced && (
              <Button onClick={() => navigate(next ?? "/account/two-factor")}>
                {t("password.cancel")}
              </Button>
            )}
          </Space>
        </Form>
      </Card>
    </div>
  );
}
