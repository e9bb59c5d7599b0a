import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "./support/axe";
import type { Device } from "./support/browser";
import { logIn } from "./support/login";
import { screenshot } from "./support/output";
import { useE2e } from "./support/suite";
import { waitForExpression } from "./support/wait";
import { waitForGridInteractive } from "./support/workspace";

const e2e = useE2e();

interface MainPage {
  name: string;
  /** Who looks at it; null: nobody signed in. */
  user: string | null;
  path: string;
  device: Device;
  /** What shows the page has its content (not a spinner). */
  ready: (page: Page) => Promise<void>;
}

const visible = (testId: string) => async (page: Page) => {
  await page.getByTestId(testId).first().waitFor({ state: "visible" });
};
const heading = async (page: Page) => {
  await page.getByRole("heading", { level: 1 }).first().waitFor({ state: "visible" });
};
const grid = async (page: Page) => {
  await waitForGridInteractive(page);
};

/** Every main page, as the role that uses it sees it; the clerk's also on a phone. */
const PAGES: MainPage[] = [
  { name: "login", user: null, path: "/login", device: "desktop", ready: heading },
  {
    name: "workspace-tasks",
    user: "edu-clerk",
    path: "/workspace",
    device: "desktop",
    ready: visible("task-EDU01"),
  },
  {
    name: "workspace-indicators",
    user: "edu-clerk",
    path: "/workspace/indicators",
    device: "desktop",
    ready: grid,
  },
  {
    name: "workspace-work",
    user: "edu-clerk",
    path: "/workspace/work",
    device: "desktop",
    ready: visible("work-W05"),
  },
  {
    name: "workspace-tasks-phone",
    user: "edu-clerk",
    path: "/workspace",
    device: "phone",
    ready: visible("task-EDU01"),
  },
  {
    name: "workspace-indicators-phone",
    user: "edu-clerk",
    path: "/workspace/indicators",
    device: "phone",
    ready: grid,
  },
  {
    name: "workspace-work-phone",
    user: "edu-clerk",
    path: "/workspace/work",
    device: "phone",
    ready: visible("work-W05"),
  },
  { name: "login-phone", user: null, path: "/login", device: "phone", ready: heading },
  {
    name: "account-password-phone",
    user: "edu-clerk",
    path: "/account/password",
    device: "phone",
    ready: visible("password-form"),
  },
  {
    name: "workspace-submit-dialog",
    user: "edu-head",
    path: "/workspace",
    device: "desktop",
    ready: async (page) => {
      await page.getByTestId("open-submit").click();
      await page.getByTestId("declaration-text").waitFor({ state: "visible" });
    },
  },
  {
    name: "office-overview",
    user: "office",
    path: "/office",
    device: "desktop",
    ready: visible("city-score"),
  },
  {
    name: "office-review-edu",
    user: "office",
    path: "/office/departments/EDU",
    device: "desktop",
    ready: visible("indicator-row-EDU01"),
  },
  {
    name: "leader-dashboard",
    user: "leader",
    path: "/dashboard",
    device: "desktop",
    ready: visible("city-score"),
  },
  {
    name: "admin-users",
    user: "admin",
    path: "/admin/users",
    device: "desktop",
    ready: visible("users-table"),
  },
  {
    name: "admin-organization",
    user: "admin",
    path: "/admin/organization",
    device: "desktop",
    ready: heading,
  },
  {
    name: "admin-frameworks",
    user: "admin",
    path: "/admin/frameworks",
    device: "desktop",
    ready: heading,
  },
  { name: "admin-years", user: "admin", path: "/admin/years", device: "desktop", ready: heading },
  {
    name: "office-years-exceptions",
    user: "office",
    path: "/admin/years",
    device: "desktop",
    ready: visible("grant-exception"),
  },
  {
    name: "admin-audit",
    user: "auditor",
    path: "/admin/audit",
    device: "desktop",
    ready: visible("audit-table"),
  },
  {
    name: "account-two-factor",
    user: "office",
    path: "/account/two-factor",
    device: "desktop",
    ready: heading,
  },
];

describe("every main page", () => {
  it.each(PAGES)(
    "$name: no serious or critical accessibility violation; screenshot",
    async (entry) => {
      const page = await e2e.browser.newPage({ device: entry.device });
      if (entry.user) await logIn(page, entry.user);
      await page.goto(entry.path);
      await entry.ready(page);
      // Let lazy parts (charts, tables) settle before judging and photographing.
      await page.waitForLoadState("networkidle");
      await waitForExpression(page, `!document.querySelector(".ant-spin-spinning, .ant-skeleton")`);
      await screenshot(page, entry.name);
      const violations = await seriousViolations(page);
      expect(
        violations,
        `axe on ${entry.path} (${entry.device}):\n${violations.join("\n")}`,
      ).toEqual([]);
    },
  );
});
