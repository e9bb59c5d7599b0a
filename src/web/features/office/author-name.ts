import type { TFunction } from "i18next";

/**
 * Who made a change, as people read it: the display name when known, the username
 * otherwise, and "系统导入" for the system's own accounts (`system:seed`, imports).
 */
export function authorName(
  username: string,
  t: TFunction<"office">,
  displayName?: string | null,
): string {
  if (username.startsWith("system:")) return t("departments.system");
  return displayName ?? username;
}
