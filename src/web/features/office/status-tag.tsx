import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { DepartmentIndicator } from "../../../contract/api";
import { TAG_COLORS } from "./readable-theme";
import "./messages";

const LOOK = {
  ok: { color: TAG_COLORS.good, key: "review.statusOk" },
  missing: { color: TAG_COLORS.warning, key: "review.statusMissing" },
  error: { color: TAG_COLORS.bad, key: "review.statusError" },
} as const;

/** An indicator's status: a symbol and a word, the colour only repeats them. */
export function IndicatorStatusTag({ status }: { status: DepartmentIndicator["status"] }) {
  const { t } = useTranslation("office");
  const look = LOOK[status];
  return (
    <Tag color={look.color} data-testid={`status-${status}`}>
      {t(look.key)}
    </Tag>
  );
}
