import { App, Button, Modal, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { onSessionExpired } from "../api/client";
import { queryKeys } from "../api/query-keys";
import { LoginForm } from "./login-form";
import { nextQuery } from "./safe-next";
import { useMe } from "./use-me";

/**
 * When the server answers 401 to a signed-in call, the session has ended: sign in
 * again in a dialog over the page, so the page — and whatever was typed in it — stays
 * exactly where it was. Afterwards every query is fetched again (with the new session's
 * CSRF token); typed text lives in the components' own state and is not touched.
 * Someone else at the desk may instead go to the login page, which returns here after.
 */
export function SessionExpiredModal() {
  const { t } = useTranslation(["common", "login"]);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const location = useLocation();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const username = me.data?.user.username;

  useEffect(() => onSessionExpired(() => setOpen(true)), []);

  const toLoginPage = () => {
    const here = `${location.pathname}${location.search}`;
    // A full load: the next account must not see this one's cached data.
    window.location.assign(`/login?expired=1&${nextQuery(here)}`);
  };

  return (
    <Modal
      open={open}
      title={t("sessionExpired.title")}
      footer={null}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
    >
      <Typography.Paragraph data-testid="session-expired-dialog">
        {t("sessionExpired.body")}
      </Typography.Paragraph>
      <LoginForm
        fixedUsername={username}
        onSignedIn={(account) => {
          queryClient.setQueryData(queryKeys.me, account);
          setOpen(false);
          void message.success(t("login:resumed"));
          void queryClient.invalidateQueries({
            predicate: (query) => query.queryKey[0] !== "me",
          });
        }}
      />
      <Button color="primary" variant="link" block onClick={toLoginPage} style={{ marginTop: 8 }}>
        {t("login:otherAccount")}
      </Button>
    </Modal>
  );
}
