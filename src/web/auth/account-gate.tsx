import { Button, Spin, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { Me } from "../../contract/api";
import { api, setCsrfToken } from "../api/client";

const PasswordPage = lazy(() => import("../features/account/password-page"));
const TwoFactorPage = lazy(() => import("../features/account/two-factor-page"));

/** The one page an account may use until it has chosen its password or set up its second factor. */
export type GatePage = "password" | "two-factor";

export const GATE_PATHS: Record<GatePage, string> = {
  password: "/account/password",
  "two-factor": "/account/two-factor",
};

/** Which page the account must finish first, or null when it may use the whole app. */
export function requiredGate(account: Me): GatePage | null {
  if (account.mustChangePassword) return "password";
  if (account.twoFactor.setupRequired) return "two-factor";
  return null;
}

/**
 * The frame around that one page: the system's name, who is signed in and a way to sign
 * out — no menu and no year, since the server refuses every other call until then (so
 * nothing here asks it for anything else).
 */
export function AccountGate({ account, page }: { account: Me; page: GatePage }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const logout = async () => {
    await api.post("/api/auth/logout").catch(() => undefined);
    setCsrfToken(null);
    queryClient.clear();
    navigate("/login", { replace: true });
  };

  return (
    <div style={{ minHeight: "100vh", background: "#f5f7fa" }}>
      <header className="app-header" data-testid="account-gate">
        <Typography.Text className="app-title">{t("appTitle")}</Typography.Text>
        <span>
          {account.user.displayName} · {t(`roles.${account.user.role}`)}{" "}
          <Button size="small" onClick={() => void logout()}>
            {t("logout")}
          </Button>
        </span>
      </header>
      <main id="main-content" className="app-content" style={{ maxWidth: 960, margin: "0 auto" }}>
        <Suspense fallback={<Spin description={t("loading")} />}>
          {page === "password" ? <PasswordPage /> : <TwoFactorPage />}
        </Suspense>
      </main>
    </div>
  );
}
