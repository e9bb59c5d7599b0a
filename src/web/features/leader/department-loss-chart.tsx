import { Empty } from "antd";
import { useTranslation } from "react-i18next";
import type { FrameworkDocument } from "../../../contract/api";
import type { ScoreReport } from "../../../contract/score-report";
import { Chart } from "../../shared/charts/chart";
import { formatScore } from "../../shared/format";
import { departmentLosses } from "./area-totals";
import { CHART_FONT, COLORS } from "./chart-theme";
import "./messages";

/** The departments by points lost, most first, by name. */
export function DepartmentLossChart({
  report,
  framework,
}: {
  report: ScoreReport;
  framework: FrameworkDocument;
}) {
  const { t } = useTranslation("leader");
  const losses = departmentLosses(framework, report);
  if (losses.every((entry) => entry.loss <= 0)) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("departments.none")} />;
  }
  const option = {
    textStyle: { fontFamily: CHART_FONT },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: (value: number) => formatScore(value),
    },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: "value",
      axisLabel: { color: COLORS.muted, formatter: (value: number) => value.toFixed(3) },
    },
    yAxis: {
      type: "category",
      inverse: true,
      data: losses.map((entry) => entry.name),
      axisLabel: { color: COLORS.text },
    },
    series: [
      {
        name: t("departments.loss"),
        type: "bar",
        itemStyle: { color: COLORS.lost },
        label: {
          show: true,
          position: "right",
          color: COLORS.text,
          formatter: ({ value }: { value: number }) => formatScore(value),
        },
        data: losses.map((entry) => entry.loss),
      },
    ],
  };
  return (
    <Chart
      testId="department-loss-chart"
      option={option}
      height={Math.max(160, losses.length * 26 + 40)}
      label={t("departments.label", {
        summary: losses
          .map((entry) =>
            t("departments.entry", { name: entry.name, loss: formatScore(entry.loss) }),
          )
          .join("；"),
      })}
      table={
        <table>
          <caption>{t("departments.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("departments.department")}</th>
              <th scope="col">{t("departments.loss")}</th>
            </tr>
          </thead>
          <tbody>
            {losses.map((entry) => (
              <tr key={entry.code}>
                <th scope="row">{entry.name}</th>
                <td>{formatScore(entry.loss)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
