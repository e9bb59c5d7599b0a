import { Tag } from "antd";
import type { ReactNode } from "react";

export type Tone = "good" | "bad" | "warn" | "info" | "plain";

/**
 * A small label with an icon and words (colour is never the only signal). The colours
 * are chosen for AA contrast of the text on its background, which antd's preset tag
 * colours do not all reach.
 */
const TONES: Record<Tone, { color: string; background: string; borderColor: string }> = {
  good: { color: "#135200", background: "#f6ffed", borderColor: "#95de64" },
  bad: { color: "#a8071a", background: "#fff1f0", borderColor: "#ffa39e" },
  warn: { color: "#873800", background: "#fff7e6", borderColor: "#ffc069" },
  info: { color: "#003a8c", background: "#e6f4ff", borderColor: "#91caff" },
  plain: { color: "#262626", background: "#fafafa", borderColor: "#d9d9d9" },
};

export function StatusTag({
  tone,
  icon,
  children,
  testId,
}: {
  tone: Tone;
  icon?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Tag icon={icon} style={{ ...TONES[tone], marginInlineEnd: 4 }} data-testid={testId}>
      {children}
    </Tag>
  );
}
