import { Button, Result, Spin } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useNavigate } from "react-router";
import { AccountGate, GATE_PATHS, requiredGate } from "./account-gate";
import { nextQuery, safeNext } from "./safe-next";
import { homeFor, useMe, type Role } from "./use-me";

/**
 * Guards a page: sends a visitor to the login page (remembering where they were), a
 * user who must change the password or set up two-factor sign-in to that page first —
 * shown alone in a plain frame, since the server refuses every other call until it is
 * done — and shows a refusal to a role the page is not for. The server checks again on
 * every call; this only spares people pages they cannot use.
 */
export function RequireAuth({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe();
  if (me.isPending) return <Spin fullscreen description={t("loading")} />;
  if (me.isError) {
    return (
      <Result
        status="warning"
        title={t("errors.network")}
        extra={<Button onClick={() => void me.refetch()}>{t("retry")}</Button>}
      />
    );
  }
  const here = `${location.pathname}${location.search}`;
  if (!me.data) return <Navigate to={`/login?${nextQuery(here)}`} replace />;
  const account = me.data;

  const gate = requiredGate(account);
  if (gate) {
    if (location.pathname === GATE_PATHS[gate])
      return <AccountGate account={account} page={gate} />;
    // Coming from the other gate page, keep the place the user was going to in the first place.
    const onGate = Object.values(GATE_PATHS).includes(location.pathname);
    const goal = onGate ? safeNext(new URLSearchParams(location.search).get("next")) : here;
    const query = goal ? `?${nextQuery(goal)}` : "";
    return <Navigate to={`${GATE_PATHS[gate]}${query}`} replace />;
  }

  if (roles && !roles.includes(account.user.role)) {
    return (
      <Result
        status="403"
        title={t("noAccess")}
        extra={
          <Button type="primary" onClick={() => navigate(homeFor(account.user.role))}>
            {t("backHome")}
          </Button>
        }
      />
    );
  }
  return <>{children}</>;
}
