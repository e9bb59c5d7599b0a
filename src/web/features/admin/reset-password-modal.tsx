import { Alert, Form, Modal } from "antd";
import { useTranslation } from "react-i18next";
import type { UserAccount } from "../../../contract/api";
import { fieldErrorsOf } from "../account/field-errors";
import { useShowError } from "../account/use-show-error";
import { PasswordField } from "./user-form-modal";

const FORM_ID = "reset-password-form";

/** Giving an account a temporary password; the server ends its sessions and lifts its locks. */
export function ResetPasswordModal({
  account,
  busy,
  onCancel,
  onReset,
}: {
  account: UserAccount;
  busy: boolean;
  onCancel: () => void;
  onReset: (password: string) => Promise<unknown>;
}) {
  const { t } = useTranslation(["admin", "common"]);
  const showError = useShowError();
  const [form] = Form.useForm<{ password: string }>();

  const submit = async ({ password }: { password: string }) => {
    try {
      await onReset(password);
    } catch (error) {
      const fields = fieldErrorsOf(error, ["password"]);
      if (fields) form.setFields(fields);
      else showError(error);
    }
  };

  return (
    <Modal
      open
      title={t("users.resetPassword.title", { username: account.username })}
      onCancel={onCancel}
      okText={t("users.resetPassword.submit")}
      okButtonProps={{ htmlType: "submit", form: FORM_ID, loading: busy, danger: true }}
      cancelText={t("common:cancel")}
    >
      <Alert
        type="warning"
        showIcon
        title={t("users.resetPassword.warning")}
        style={{ marginBottom: 16 }}
      />
      <Form form={form} name={FORM_ID} layout="vertical" onFinish={(values) => void submit(values)}>
        <PasswordField formId={FORM_ID} autoFocus />
      </Form>
    </Modal>
  );
}
