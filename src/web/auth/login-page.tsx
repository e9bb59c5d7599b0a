import { Alert, Button, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { queryKeys } from "../api/query-keys";
import { changeLanguage } from "../i18n/i18n";
import { LoginForm } from "./login-form";
import "./login-page.css";
import { safeNext } from "./safe-next";
import { homeFor, useMe } from "./use-me";

/**
 * The sign-in page: the system's name, the form, and nothing heavy (no tables, no
 * charts — those load with the pages that need them). Reached with `?next=` it returns
 * there afterwards; with `?expired=1` it also says that the session had expired.
 */
export default function LoginPage() {
  const { t, i18n } = useTranslation("login");
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const next = safeNext(params.get("next"));
  const english = i18n.language === "en";
  if (me.data) return <Navigate to={next ?? homeFor(me.data.user.role)} replace />;

  return (
    <div className="kp-login">
      <header className="kp-login-header">
        <div className="kp-login-brand">
          <span className="kp-login-emblem" aria-hidden="true">
            考
          </span>
          <div>
            <h1 className="kp-login-system">{t("systemName")}</h1>
            <p className="kp-login-system-alt" lang={english ? "zh-CN" : "en"}>
              {t("systemNameEn")}
            </p>
          </div>
        </div>
        <Button
          type="text"
          className="kp-login-language"
          lang={english ? "zh-CN" : "en"}
          onClick={() => changeLanguage(english ? "zh-CN" : "en")}
        >
          {t("switchLanguage")}
        </Button>
      </header>
      <main className="kp-login-main">
        <section className="kp-login-card" aria-labelledby="kp-login-title">
          <Typography.Title level={2} id="kp-login-title" className="kp-login-title">
            {t("title")}
          </Typography.Title>
          {params.get("expired") === "1" && (
            <Alert
              type="info"
              showIcon
              title={t("expiredNotice")}
              data-testid="expired-notice"
              style={{ marginBottom: 16 }}
            />
          )}
          <LoginForm
            onSignedIn={(account) => {
              queryClient.setQueryData(queryKeys.me, account);
              navigate(next ?? homeFor(account.user.role), { replace: true });
            }}
          />
          <p className="kp-login-help">{t("forgotten")}</p>
        </section>
      </main>
      <footer className="kp-login-footer">{t("footer")}</footer>
    </div>
  );
}
