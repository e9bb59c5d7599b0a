import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { TAG_COLORS } from "./theme";
import { isIllustrative, useYear } from "./year-context";

/** A small "示例数据" tag for headings of pages that show demo figures. */
export function IllustrativeTag() {
  const { t } = useTranslation();
  const { cycle } = useYear();
  if (!isIllustrative(cycle)) return null;
  return (
    <Tag color={TAG_COLORS.warning} data-testid="illustrative-tag">
      {t("illustrative")}
    </Tag>
  );
}
