import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { apiGet } from "./support/api";
import { fillLogin, logIn } from "./support/login";
import { eventually } from "./support/eventually";
import { useE2e } from "./support/suite";

const e2e = useE2e();

const NEW_USER = {
  username: "zhang.wei",
  displayName: "张伟",
  temporaryPassword: "Temp-Pass-2025!k7",
  ownPassword: "Own-Chosen-Pass-2026#q",
};

/**
 * Picks an option of the antd select labelled `label` by its visible text, and waits
 * until the select shows it. The dropdown opens with an animation, and on a busy machine
 * a click can land while it is still moving; then the choice is made again.
 */
async function choose(page: Page, label: string, option: string) {
  const select = page.getByLabel(label, { exact: true });
  const shown = page
    .locator(".ant-form-item")
    .filter({ has: select })
    .locator(".ant-select-content")
    .first();
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page
      .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")
      .filter({ hasText: option })
      .first()
      .click();
    try {
      await expect.poll(() => shown.textContent(), { timeout: 5_000 }).toContain(option);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

describe("an administrator creates a user", () => {
  it("the new user must choose a password at first sign-in, then lands on their home page", async () => {
    const admin = await e2e.browser.newPage();
    await logIn(admin, "admin");
    await admin.goto("/admin/users");
    await admin.getByRole("button", { name: /新建用户/ }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.getByLabel("用户名", { exact: true }).fill(NEW_USER.username);
    await dialog.getByLabel("姓名", { exact: true }).fill(NEW_USER.displayName);
    await choose(admin, "角色", "单位联络员");
    await choose(admin, "成员单位", "市教育局");
    await dialog.getByLabel("临时密码", { exact: true }).fill(NEW_USER.temporaryPassword);
    await dialog.getByRole("button", { name: /^创\s*建$/ }).click();
    // The temporary password is handed over once; the administrator confirms it is noted.
    const handover = admin.getByRole("dialog").filter({ hasText: "我已记下" });
    await eventually(() => handover.textContent()).toContain(NEW_USER.username);
    await handover.getByRole("button", { name: "我已记下" }).click();
    await admin.getByLabel("按用户名或姓名查找").fill(NEW_USER.username);
    await eventually(() => admin.getByTestId("users-table").textContent()).toContain(
      NEW_USER.displayName,
    );

    const created = await apiGet<{ users: { username: string; mustChangePassword: boolean }[] }>(
      admin,
      "/api/users",
    ).then((answer) => answer.users.find((user) => user.username === NEW_USER.username));
    expect(created?.mustChangePassword).toBe(true);

    const user = await e2e.browser.newPage();
    await user.goto("/login");
    await fillLogin(user, NEW_USER.username, NEW_USER.temporaryPassword);
    await user.waitForURL((url) => url.pathname === "/account/password");
    await eventually(() => user.getByTestId("forced-password-notice").isVisible()).toBe(true);
    await user.getByLabel("临时密码（管理员提供）").fill(NEW_USER.temporaryPassword);
    await user.getByLabel("新密码", { exact: true }).fill(NEW_USER.ownPassword);
    await user.getByLabel("再次输入新密码").fill(NEW_USER.ownPassword);
    await user.getByRole("button", { name: "保存新密码" }).click();
    await user.waitForURL((url) => url.pathname.startsWith("/workspace"));

    const me = await apiGet<{ mustChangePassword: boolean; user: { username: string } }>(
      user,
      "/api/me",
    );
    expect(me).toMatchObject({ mustChangePassword: false, user: { username: NEW_USER.username } });

    // The chosen password is the one that works from now on; the temporary one no longer does.
    const again = await e2e.browser.newPage();
    await logIn(again, NEW_USER.username, { password: NEW_USER.ownPassword });
    expect(new URL(again.url()).pathname).toMatch(/^\/workspace/);
  });
});
