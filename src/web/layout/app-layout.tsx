import { Alert, Button, Dropdown, Layout, Menu, Select, Space, Spin, Typography } from "antd";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { api, setCsrfToken } from "../api/client";
import { changeLanguage } from "../i18n/i18n";
import { useMe } from "../auth/use-me";
import { pageRoutes } from "../routes";
import { isIllustrative, useYear } from "../shared/year-context";
import { SessionExpiredModal } from "../auth/session-expired-modal";
import { NotificationCentre } from "../features/notifications/notification-centre";

const { Header, Sider, Content } = Layout;

/** The frame around every signed-in page: menu by role, year, language, account. */
export function AppLayout() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { year, cycles, cycle, setYear } = useYear();
  const role = me.data?.user.role;

  const visible = pageRoutes.filter((route) => route.menu && role && route.roles.includes(role));
  const item = (route: (typeof visible)[number]) => {
    const path = route.path.replace("/*", "");
    return { key: path, label: <Link to={path}>{t(route.menu!)}</Link> };
  };
  const main = visible.filter((route) => !route.group).map(item);
  const admin = visible.filter((route) => route.group === "admin").map(item);
  const menuItems = [
    ...main,
    ...(admin.length > 0
      ? [{ key: "admin", label: t("menu.admin"), type: "group" as const, children: admin }]
      : []),
  ];
  const selected = menuItems
    .flatMap((entry) => ("children" in entry && entry.children ? entry.children : [entry]))
    .map((entry) => entry.key)
    .filter((key) => location.pathname.startsWith(key))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);

  const logout = async () => {
    await api.post("/api/auth/logout").catch(() => undefined);
    setCsrfToken(null);
    queryClient.clear();
    navigate("/login", { replace: true });
  };
  const english = i18n.language === "en";

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <a className="skip-link" href="#main-content">
        {english ? "Skip to content" : "跳到正文"}
      </a>
      <Sider
        breakpoint="lg"
        collapsedWidth={0}
        theme="light"
        width={200}
        zeroWidthTriggerStyle={{ top: 6 }}
      >
        <div className="app-brand">
          <Typography.Text strong>{t("appName")}</Typography.Text>
        </div>
        <nav aria-label={english ? "Main menu" : "主菜单"}>
          <Menu mode="inline" selectedKeys={selected} items={menuItems} />
        </nav>
      </Sider>
      <Layout>
        <Header className="app-header">
          <Typography.Text className="app-title">{t("appTitle")}</Typography.Text>
          <Space wrap size="small">
            {year !== null && (
              <Select
                aria-label={t("year")}
                size="small"
                value={year}
                onChange={setYear}
                options={cycles.map((entry) => ({
                  value: entry.year,
                  label: t("yearLabel", { year: entry.year }),
                }))}
                style={{ width: 112 }}
              />
            )}
            <Button
              size="small"
              lang={english ? "zh-CN" : "en"}
              onClick={() => changeLanguage(english ? "zh-CN" : "en")}
            >
              {english ? t("switchToChinese") : t("switchToEnglish")}
            </Button>
            {me.data && <NotificationCentre />}
            {me.data && (
              <Dropdown
                menu={{
                  items: [
                    {
                      key: "account",
                      label: <Link to="/account/two-factor">{t("menu.account")}</Link>,
                    },
                    {
                      key: "password",
                      label: <Link to="/account/password">{t("menu.password")}</Link>,
                    },
                    { key: "logout", label: t("logout"), onClick: () => void logout() },
                  ],
                }}
              >
                <Button size="small" type="text" data-testid="account-menu">
                  {me.data.user.displayName} · {t(`roles.${me.data.user.role}`)}
                </Button>
              </Dropdown>
            )}
          </Space>
        </Header>
        {isIllustrative(cycle) && (
          <Alert type="warning" banner showIcon title={t("demoBanner")} data-testid="demo-banner" />
        )}
        <Content id="main-content" className="app-content" tabIndex={-1}>
          <Suspense fallback={<Spin description={t("loading")} />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
      <SessionExpiredModal />
    </Layout>
  );
}
