/**
 * Every page of the app with the roles it is for. The menu is built from this table,
 * and RequireAuth refuses the page to other roles (the server refuses their calls
 * anyway). Pages are lazy, so the login page does not load the grid or the charts.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from "react";
import type { Role } from "./auth/use-me";

export interface PageRoute {
  path: string;
  /** Key of the menu label in the common namespace; pages without one are not in the menu. */
  menu?: string;
  group?: "admin";
  roles: readonly Role[];
  page: LazyExoticComponent<ComponentType>;
}

const CITY: readonly Role[] = ["admin", "office", "leader", "auditor"];
const DEPARTMENT: readonly Role[] = ["dept_clerk", "dept_head"];
const ALL: readonly Role[] = [...CITY, ...DEPARTMENT];

export const pageRoutes: PageRoute[] = [
  {
    path: "/workspace/*",
    menu: "menu.workspace",
    roles: DEPARTMENT,
    page: lazy(() => import("./features/workspace/workspace-page")),
  },
  {
    path: "/office",
    menu: "menu.office",
    roles: CITY,
    page: lazy(() => import("./features/office/overview-page")),
  },
  {
    path: "/office/departments/:department/*",
    roles: CITY,
    page: lazy(() => import("./features/office/review-page")),
  },
  {
    path: "/dashboard",
    menu: "menu.dashboard",
    roles: CITY,
    page: lazy(() => import("./features/leader/dashboard-page")),
  },
  {
    path: "/admin/users",
    menu: "menu.users",
    group: "admin",
    roles: ["admin"],
    page: lazy(() => import("./features/admin/users-page")),
  },
  {
    path: "/admin/organization",
    menu: "menu.organization",
    group: "admin",
    roles: ["admin", "office"],
    page: lazy(() => import("./features/admin/organization-page")),
  },
  {
    path: "/admin/frameworks",
    menu: "menu.frameworks",
    group: "admin",
    roles: ["admin", "office"],
    page: lazy(() => import("./features/admin/frameworks-page")),
  },
  {
    path: "/admin/years",
    menu: "menu.years",
    group: "admin",
    roles: ["admin", "office"],
    page: lazy(() => import("./features/admin/years-page")),
  },
  {
    path: "/admin/audit",
    menu: "menu.audit",
    group: "admin",
    roles: ["admin", "office", "auditor"],
    page: lazy(() => import("./features/admin/audit-page")),
  },
  {
    path: "/account/two-factor",
    menu: "menu.account",
    roles: ALL,
    page: lazy(() => import("./features/account/two-factor-page")),
  },
  {
    path: "/account/password",
    roles: ALL,
    page: lazy(() => import("./features/account/password-page")),
  },
];
