import { PlusOutlined } from "@ant-design/icons";
import { App, Button, Input, Select, Space } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Role, UserAccount } from "../../../contract/api";
import { useMe } from "../../auth/use-me";
import { useYear } from "../../shared/year-context";
import { QueryError } from "../account/query-error";
import { useShowError } from "../account/use-show-error";
import { HandoverModal, type Handover } from "./handover-modal";
import { LocksCard } from "./locks-card";
import "./messages";
import { PageTitle } from "./page-title";
import { ResetPasswordModal } from "./reset-password-modal";
import { ROLE_ORDER } from "./roles";
import { UserFormModal, type DepartmentOption } from "./user-form-modal";
import { lockedUntilByUser, UsersTable, type UserAction } from "./users-table";
import { useLocks, useUserMutations, useUsers } from "./use-users";
import { useYearFramework } from "./use-year-framework";

type Dialog =
  | { kind: "create" }
  | { kind: "edit"; user: UserAccount }
  | { kind: "resetPassword"; user: UserAccount }
  | { kind: "handover"; handover: Handover };

/**
 * Account administration (admin): every account with its role, department and state;
 * creating one (with a temporary password the holder must change), changing its name,
 * role or department, disabling and enabling, temporary passwords, lifting sign-in
 * pauses and resetting two-factor sign-in. Dangerous actions ask first.
 */
export default function UsersPage() {
  const { t } = useTranslation(["admin", "common"]);
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const me = useMe();
  const { year } = useYear();
  const users = useUsers();
  const locks = useLocks();
  const framework = useYearFramework(year);
  const mutations = useUserMutations();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [search, setSearch] = useState("");
  const [roleFilter, setRoleFilter] = useState<Role | "all">("all");
  const selfUsername = me.data?.user.username ?? "";

  const lockedUntil = useMemo(() => lockedUntilByUser(locks.data?.locks ?? []), [locks.data]);
  const departments = useMemo(
    () => departmentOptions(framework.data, users.data?.users),
    [framework.data, users.data],
  );
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (users.data?.users ?? []).filter(
      (user) =>
        (roleFilter === "all" || user.role === roleFilter) &&
        (needle === "" ||
          user.username.toLowerCase().includes(needle) ||
          user.displayName.toLowerCase().includes(needle)),
    );
  }, [users.data, search, roleFilter]);

  const unlock = (username: string) =>
    mutations.unlock.mutate(username, {
      onSuccess: (result) =>
        void message.success(t("users.done.unlocked", { username, count: result.liftedLocks })),
      onError: showError,
    });

  const act = (action: UserAction, user: UserAccount) => {
    const { username } = user;
    switch (action) {
      case "edit":
      case "resetPassword":
        setDialog({ kind: action, user });
        return;
      case "unlock":
        unlock(username);
        return;
      case "enable":
        mutations.update.mutate(
          { username, body: { disabled: false } },
          {
            onSuccess: () => void message.success(t("users.done.enabled", { username })),
            onError: showError,
          },
        );
        return;
      case "disable":
        void modal.confirm({
          title: t("users.confirm.disableTitle", { username }),
          content: t("users.confirm.disableBody"),
          okText: t("users.confirm.disableOk"),
          okButtonProps: { danger: true },
          cancelText: t("common:cancel"),
          onOk: () =>
            mutations.update
              .mutateAsync({ username, body: { disabled: true } })
              .then(() => void message.success(t("users.done.disabled", { username })))
              .catch(showError),
        });
        return;
      case "resetTwoFactor":
        void modal.confirm({
          title: t("users.confirm.resetTwoFactorTitle", { username }),
          content: t("users.confirm.resetTwoFactorBody"),
          okText: t("users.confirm.resetTwoFactorOk"),
          okButtonProps: { danger: true },
          cancelText: t("common:cancel"),
          onOk: () =>
            mutations.resetTwoFactor
              .mutateAsync(username)
              .then(
                (result) =>
                  void message.success(
                    result.wasEnrolled
                      ? t("users.done.twoFactorReset", { username })
                      : t("users.done.twoFactorWasOff", { username }),
                  ),
              )
              .catch(showError),
        });
        return;
    }
  };

  return (
    <div>
      <PageTitle
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setDialog({ kind: "create" })}
            data-testid="create-user"
          >
            {t("users.create")}
          </Button>
        }
      >
        {t("users.title")}
      </PageTitle>
      <QueryError error={users.error} />
      {(locks.data?.locks.length ?? 0) > 0 && (
        <LocksCard locks={locks.data!.locks} onUnlock={unlock} />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          aria-label={t("users.search")}
          placeholder={t("users.search")}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          style={{ width: 260 }}
        />
        <Select<Role | "all">
          aria-label={t("users.roleFilter")}
          value={roleFilter}
          onChange={setRoleFilter}
          style={{ width: 180 }}
          options={[
            { value: "all", label: t("users.allRoles") },
            ...ROLE_ORDER.map((role) => ({ value: role, label: t(`common:roles.${role}`) })),
          ]}
        />
        <span aria-live="polite">{t("users.count", { count: shown.length })}</span>
      </Space>
      <UsersTable
        users={shown}
        lockedUntil={lockedUntil}
        selfUsername={selfUsername}
        loading={users.isPending}
        onAction={act}
      />

      {(dialog?.kind === "create" || dialog?.kind === "edit") && (
        <UserFormModal
          editing={dialog.kind === "edit" ? dialog.user : undefined}
          departments={departments}
          selfUsername={selfUsername}
          busy={mutations.create.isPending || mutations.update.isPending}
          onCancel={() => setDialog(null)}
          onCreate={async (body) => {
            const created = await mutations.create.mutateAsync(body);
            void message.success(t("users.done.created", { username: created.username }));
            setDialog({
              kind: "handover",
              handover: {
                kind: "created",
                username: created.username,
                displayName: created.displayName,
                password: body.password,
              },
            });
          }}
          onUpdate={async (username, body) => {
            await mutations.update.mutateAsync({ username, body });
            void message.success(t("users.done.updated", { username }));
            setDialog(null);
          }}
        />
      )}
      {dialog?.kind === "resetPassword" && (
        <ResetPasswordModal
          account={dialog.user}
          busy={mutations.resetPassword.isPending}
          onCancel={() => setDialog(null)}
          onReset={async (password) => {
            await mutations.resetPassword.mutateAsync({ username: dialog.user.username, password });
            setDialog({
              kind: "handover",
              handover: {
                kind: "reset",
                username: dialog.user.username,
                displayName: dialog.user.displayName,
                password,
              },
            });
          }}
        />
      )}
      {dialog?.kind === "handover" && (
        <HandoverModal handover={dialog.handover} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}

/**
 * The departments an account may belong to: those of the shown year's framework, plus
 * any an existing account already names (so editing such an account keeps its value).
 */
function departmentOptions(
  framework: { departments: { code: string; name: string }[] } | undefined,
  users: readonly UserAccount[] | undefined,
): DepartmentOption[] {
  const byCode = new Map<string, DepartmentOption>();
  for (const department of framework?.departments ?? []) byCode.set(department.code, department);
  for (const user of users ?? []) {
    if (user.department && !byCode.has(user.department.code))
      byCode.set(user.department.code, user.department);
  }
  return [...byCode.values()];
}
