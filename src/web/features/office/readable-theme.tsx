import { ConfigProvider } from "antd";
import type { ReactNode } from "react";
import { READABLE_TOKENS, TAG_COLORS } from "../../shared/theme";

/**
 * Text colours with at least 4.5:1 contrast on white (WCAG 2.1 AA), for the pages of
 * figures: antd's defaults for secondary text, links, success, warning and error text
 * are lighter than that. A nested ConfigProvider keeps the app's theme and locale.
 */
export { READABLE_TOKENS, TAG_COLORS };

export function ReadableTheme({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={{ token: READABLE_TOKENS }}>{children}</ConfigProvider>;
}
