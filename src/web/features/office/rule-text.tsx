import { useTranslation } from "react-i18next";
import type { DepartmentIndicator } from "../../../contract/api";
import { formatNumber, formatWithUnit } from "../../shared/format";
import "./messages";

/** How an indicator's value becomes its ratio, in words (spec §1 rules). */
export function RuleText({
  rule,
  unit,
}: {
  rule: DepartmentIndicator["rule"];
  unit: string | null;
}) {
  const { t } = useTranslation("office");
  const figure = (value: number) => formatWithUnit(value, unit);
  switch (rule.type) {
    case "ratio":
    case "inverse":
    case "atLeast":
    case "atMost":
      return <>{t(`rule.${rule.type}`, { target: figure(rule.target) })}</>;
    case "linear":
      return <>{t("rule.linear", { from: figure(rule.from), to: figure(rule.to) })}</>;
    case "bands":
      return (
        <>
          {t("rule.bands", {
            bands: [...rule.bands]
              .sort((a, b) => b.min - a.min)
              .map((band) => t("rule.band", { min: figure(band.min), r: formatNumber(band.r, 4) }))
              .join("；"),
          })}
        </>
      );
    case "cv":
      return (
        <>
          {t("rule.cv", { target: formatNumber(rule.target, 4), max: formatNumber(rule.max, 4) })}
        </>
      );
  }
}
