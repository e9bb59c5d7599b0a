import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "./server";

/** Fills the login form of the page in view (the login page or the session dialog). */
export async function fillLogin(page: Page, username: string | null, password: string) {
  if (username !== null) await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: /^登\s*录$/ }).click();
}

/**
 * Signs in through the login page as a user would and waits until the app has left
 * it (for the role's home page, or `next`). Demo accounts use the demo password.
 */
export async function logIn(
  page: Page,
  username: string,
  options: { password?: string; next?: string } = {},
): Promise<void> {
  const target = options.next ? `/login?next=${encodeURIComponent(options.next)}` : "/login";
  await page.goto(target);
  await fillLogin(page, username, options.password ?? DEMO_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}
