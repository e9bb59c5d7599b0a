import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { lazy, Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { createBrowserRouter, Navigate, RouterProvider } from "react-router";
import { ApiError, setApiLanguage } from "./api/client";
import { RequireAuth } from "./auth/require-auth";
import { homeFor, useMe } from "./auth/use-me";
import { NotFoundPage } from "./layout/not-found-page";
import { pageRoutes } from "./routes";
import { READABLE_TOKENS } from "./shared/theme";
import { YearProvider } from "./shared/year-context";

const LoginPage = lazy(() => import("./auth/login-page"));
// The frame (menu, year selector, session dialog) loads after sign-in, not with the login page.
const AppLayout = lazy(() =>
  import("./layout/app-layout").then((module) => ({ default: module.AppLayout })),
);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Refusals (4xx) are answers, not accidents: only temporary failures are retried.
      retry: (count, error) => error instanceof ApiError && error.temporary && count < 3,
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});

function Home() {
  const me = useMe();
  if (me.isPending) return null;
  return <Navigate to={me.data ? homeFor(me.data.user.role) : "/login"} replace />;
}

const router = createBrowserRouter([
  {
    path: "/login",
    element: (
      <Suspense fallback={null}>
        <LoginPage />
      </Suspense>
    ),
  },
  { path: "/", element: <Home /> },
  {
    element: (
      <RequireAuth>
        <YearProvider>
          <Suspense fallback={null}>
            <AppLayout />
          </Suspense>
        </YearProvider>
      </RequireAuth>
    ),
    children: [
      ...pageRoutes.map((route) => ({
        path: route.path,
        element: (
          <RequireAuth roles={route.roles}>
            <route.page />
          </RequireAuth>
        ),
      })),
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  const { i18n } = useTranslation();
  const english = i18n.language === "en";
  useEffect(() => {
    document.documentElement.lang = english ? "en" : "zh-CN";
    dayjs.locale(english ? "en" : "zh-cn");
    setApiLanguage(english ? "en" : "zh-CN");
  }, [english]);

  return (
    <ConfigProvider
      locale={english ? enUS : zhCN}
      theme={{
        token: { ...READABLE_TOKENS, borderRadius: 4, fontSize: 14 },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
