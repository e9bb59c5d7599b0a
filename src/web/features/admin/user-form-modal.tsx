import { Button, Form, Input, Modal, Select, Space } from "antd";
import { useTranslation } from "react-i18next";
import type { CreateUserBody, Role, UpdateUserBody, UserAccount } from "../../../contract/api";
import { ApiError } from "../../api/client";
import { fieldErrorsOf } from "../account/field-errors";
import { Hint } from "../account/hint";
import { useShowError } from "../account/use-show-error";
import { isDepartmentRole, ROLE_ORDER } from "./roles";
import { browserRandom, temporaryPassword } from "./temporary-password";

export interface DepartmentOption {
  code: string;
  name: string;
}

interface UserFormValues {
  username: string;
  displayName: string;
  role: Role;
  departmentCode?: string | null;
  email?: string;
  password: string;
}

type Field = keyof UserFormValues;
const FIELDS: readonly Field[] = [
  "username",
  "displayName",
  "role",
  "departmentCode",
  "email",
  "password",
];
const FORM_ID = "user-form";

/**
 * Creating an account (all fields, with a temporary password) or changing one (name,
 * role, department, e-mail). Labelled fields, Enter submits, the first field takes the focus;
 * the server's refusals appear beside the field they name. Rendered only while open,
 * so each opening starts from the account's values.
 */
export function UserFormModal({
  editing,
  departments,
  selfUsername,
  busy,
  onCancel,
  onCreate,
  onUpdate,
}: {
  /** The account being changed; absent: a new one. */
  editing?: UserAccount;
  departments: readonly DepartmentOption[];
  selfUsername: string;
  busy: boolean;
  onCancel: () => void;
  onCreate: (body: CreateUserBody) => Promise<unknown>;
  onUpdate: (username: string, body: UpdateUserBody) => Promise<unknown>;
}) {
  const { t } = useTranslation(["admin", "common"]);
  const showError = useShowError();
  const [form] = Form.useForm<UserFormValues>();
  const role = Form.useWatch("role", form);
  const needsDepartment = isDepartmentRole(role);
  const editingSelf = editing?.username === selfUsername;

  const submit = async (values: UserFormValues) => {
    const departmentCode = isDepartmentRole(values.role) ? (values.departmentCode ?? null) : null;
    const email = values.email?.trim() || null;
    try {
      if (!editing) {
        await onCreate({
          username: values.username.trim(),
          displayName: values.displayName,
          role: values.role,
          departmentCode,
          email,
          password: values.password,
        });
        return;
      }
      const body: UpdateUserBody = {};
      if (values.displayName !== editing.displayName) body.displayName = values.displayName;
      if (values.role !== editing.role) body.role = values.role;
      if (departmentCode !== (editing.department?.code ?? null))
        body.departmentCode = departmentCode;
      if (email !== (editing.email ?? null)) body.email = email;
      if (Object.keys(body).length === 0) {
        onCancel();
        return;
      }
      await onUpdate(editing.username, body);
    } catch (error) {
      const fields = fieldErrorsOf(error, FIELDS, { department: "departmentCode" });
      if (fields) form.setFields(fields);
      else if (error instanceof ApiError && error.status === 409)
        form.setFields([{ name: "username", errors: [error.message] }]);
      else if (error instanceof ApiError && error.status === 404)
        form.setFields([{ name: "departmentCode", errors: [error.message] }]);
      else showError(error);
    }
  };

  return (
    <Modal
      open
      title={
        editing
          ? t("users.form.editTitle", { username: editing.username })
          : t("users.form.createTitle")
      }
      onCancel={onCancel}
      okText={editing ? t("users.form.save") : t("users.form.create")}
      cancelText={t("common:cancel")}
      okButtonProps={{ htmlType: "submit", form: FORM_ID, loading: busy }}
      width={560}
    >
      <Form<UserFormValues>
        form={form}
        name={FORM_ID}
        layout="vertical"
        requiredMark
        initialValues={
          editing
            ? {
                username: editing.username,
                displayName: editing.displayName,
                role: editing.role,
                departmentCode: editing.department?.code ?? null,
                email: editing.email ?? "",
              }
            : undefined
        }
        onFinish={(values) => void submit(values)}
        onValuesChange={(changed: Partial<UserFormValues>) => {
          if ("role" in changed && !isDepartmentRole(changed.role))
            form.setFieldValue("departmentCode", null);
        }}
        data-testid="user-form"
      >
        <Form.Item
          label={t("users.form.username")}
          name="username"
          extra={editing ? undefined : <Hint>{t("users.form.usernameHelp")}</Hint>}
          rules={[
            { required: true, message: t("users.form.usernameRequired") },
            { pattern: /^[a-z0-9][a-z0-9_.-]{1,63}$/, message: t("users.form.usernameFormat") },
          ]}
        >
          <Input
            autoFocus={!editing}
            disabled={!!editing}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
          />
        </Form.Item>
        <Form.Item
          label={t("users.form.displayName")}
          name="displayName"
          rules={[
            { required: true, whitespace: true, message: t("users.form.displayNameRequired") },
          ]}
        >
          <Input autoFocus={!!editing} autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item
          label={t("users.form.role")}
          name="role"
          rules={[{ required: true, message: t("users.form.roleRequired") }]}
          extra={editingSelf ? <Hint>{t("users.form.selfRole")}</Hint> : undefined}
        >
          <Select
            // No opening animation: an option picked the moment the list appears is taken.
            transitionName=""
            disabled={editingSelf}
            options={ROLE_ORDER.map((value) => ({ value, label: t(`common:roles.${value}`) }))}
          />
        </Form.Item>
        <Form.Item
          label={t("users.form.department")}
          name="departmentCode"
          rules={[{ required: needsDepartment, message: t("users.form.departmentRequired") }]}
          extra={needsDepartment ? undefined : <Hint>{t("users.form.departmentNone")}</Hint>}
        >
          <Select
            transitionName=""
            disabled={!needsDepartment}
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            options={departments.map((department) => ({
              value: department.code,
              label: `${department.name}（${department.code}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          label={t("users.form.email")}
          name="email"
          extra={<Hint>{t("users.form.emailHelp")}</Hint>}
          rules={[{ type: "email", max: 254, message: t("users.form.emailFormat") }]}
        >
          <Input type="email" autoComplete="off" spellCheck={false} maxLength={254} />
        </Form.Item>
        {!editing && <PasswordField formId={FORM_ID} />}
      </Form>
    </Modal>
  );
}

/** The temporary password, typed or generated; shared by creation and reset. */
export function PasswordField({ formId, autoFocus }: { formId: string; autoFocus?: boolean }) {
  const { t } = useTranslation("admin");
  const form = Form.useFormInstance();
  const inputId = `${formId}_password`;
  return (
    <Form.Item
      label={t("users.form.password")}
      htmlFor={inputId}
      required
      extra={<Hint>{t("users.form.passwordHelp")}</Hint>}
    >
      <Space.Compact style={{ width: "100%" }}>
        <Form.Item
          name="password"
          noStyle
          rules={[{ required: true, message: t("users.form.passwordRequired") }]}
        >
          <Input
            id={inputId}
            autoFocus={autoFocus}
            autoComplete="new-password"
            spellCheck={false}
            style={{ fontFamily: "ui-monospace, Menlo, Consolas, monospace" }}
          />
        </Form.Item>
        <Button
          onClick={() => {
            form.setFieldValue("password", temporaryPassword(browserRandom));
            void form.validateFields(["password"]);
          }}
        >
          {t("users.form.generate")}
        </Button>
      </Space.Compact>
    </Form.Item>
  );
}
