import { describe, expect, it } from "vitest";
import { chartChunks } from "./support/chunks";
import { fillLogin, logIn } from "./support/login";
import { eventually } from "./support/eventually";
import { useE2e } from "./support/suite";

const e2e = useE2e();

describe("signing in", () => {
  it("shows the refusal message for a wrong password and stays on the login page", async () => {
    const page = await e2e.browser.newPage();
    e2e.browser.watch.expectRefusal({ status: 401, path: "/api/auth/login" });
    await page.goto("/login");
    await fillLogin(page, "office", "not-the-password-1");
    await eventually(() => page.getByRole("alert").textContent()).toContain("用户名或密码不正确");
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  it("takes each role to its home page after the right password", async () => {
    for (const [username, home] of [
      ["office", "/office"],
      ["leader", "/dashboard"],
      ["edu-clerk", "/workspace"],
    ] as const) {
      const page = await e2e.browser.newPage();
      await logIn(page, username);
      expect(new URL(page.url()).pathname, username).toBe(home);
    }
  });

  it("does not load the chart library on the login page", async () => {
    const charts = chartChunks(e2e.server.app);
    // The dashboard draws charts, so the build has a chunk with the library; without one
    // this test would check nothing.
    expect(charts.length, "no built chunk holds ECharts").toBeGreaterThan(0);
    const page = await e2e.browser.newPage();
    const requested: string[] = [];
    page.on("request", (request) => requested.push(new URL(request.url()).pathname));
    await page.goto("/login", { waitUntil: "networkidle" });
    await eventually(() => page.getByLabel("用户名").isVisible()).toBe(true);
    const scripts = requested.filter((path) => path.endsWith(".js"));
    expect(scripts.length).toBeGreaterThan(0);
    const loadedCharts = scripts.filter((path) => charts.some((name) => path.endsWith(name)));
    expect(loadedCharts, `chart chunks: ${charts.join(", ")}`).toEqual([]);
  });
});
