import { Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { FrameworkDocument } from "../../../contract/api";
import type { ScoreReport } from "../../../contract/score-report";
import { Chart } from "../../shared/charts/chart";
import { formatScore } from "../../shared/format";
import { gradeColor } from "../office/city-score-card";
import { CHART_FONT, COLORS } from "./chart-theme";
import { gaugeScale } from "./gauge-scale";
import "./messages";

/**
 * The score on a gauge from the floor to 1, its bands the framework's grades, with a
 * second thin pointer at the target; the score, grade and verdict also as text.
 */
export function ScoreGauge({
  report,
  framework,
}: {
  report: ScoreReport;
  framework: FrameworkDocument | undefined;
}) {
  const { t } = useTranslation("leader");
  const { t: common } = useTranslation();
  const { floor, bands } = gaugeScale(report.score, framework?.grades ?? [], COLORS.bands);
  const gradeName =
    report.grade === null
      ? t("gauge.noGrade")
      : common(`grade.${report.grade}`, { defaultValue: report.grade });
  const verdict = report.meetsTarget
    ? t("gauge.met")
    : t("gauge.notMet", { gap: formatScore(report.target - report.scoreExact) });

  const option = {
    textStyle: { fontFamily: CHART_FONT },
    series: [
      {
        type: "gauge",
        min: floor,
        max: 1,
        splitNumber: 4,
        radius: "95%",
        center: ["50%", "58%"],
        axisLine: { lineStyle: { width: 14, color: bands } },
        axisTick: { distance: -14, length: 5 },
        splitLine: { distance: -14, length: 14 },
        axisLabel: {
          distance: 20,
          color: COLORS.muted,
          formatter: (value: number) => value.toFixed(2),
        },
        pointer: { width: 5 },
        anchor: { show: true, size: 10 },
        title: { show: false },
        detail: {
          valueAnimation: false,
          offsetCenter: [0, "45%"],
          fontSize: 26,
          fontWeight: 600,
          color: COLORS.text,
          formatter: (value: number) => value.toFixed(4),
        },
        data: [
          { value: report.score, name: t("gauge.scorePointer") },
          {
            value: report.target,
            name: t("gauge.targetPointer"),
            pointer: { width: 2, length: "85%", itemStyle: { color: COLORS.target } },
            detail: { show: false },
          },
        ],
      },
    ],
  };

  return (
    <>
      <Chart
        testId="score-gauge"
        option={option}
        height={240}
        label={t("gauge.label", {
          score: formatScore(report.score),
          grade: gradeName,
          target: formatScore(report.target),
          verdict,
        })}
      />
      <Space orientation="vertical" size={2} style={{ width: "100%", alignItems: "center" }}>
        <Space align="baseline" size={12}>
          <Typography.Text type="secondary">{t("gauge.score")}</Typography.Text>
          <span
            data-testid="city-score"
            style={{ fontSize: 24, fontWeight: 600, fontVariantNumeric: "tabular-nums" }}
          >
            {formatScore(report.score)}
          </span>
          <Typography.Text type="secondary">{t("gauge.gradeLabel")}</Typography.Text>
          <Tag
            data-testid="city-grade"
            color={gradeColor(report.meetsTarget, report.grade)}
            style={{ fontSize: 15 }}
          >
            {gradeName}
          </Tag>
        </Space>
        <Typography.Text data-testid="city-target">
          {t("gauge.target", { target: formatScore(report.target) })} ·{" "}
          <Typography.Text type={report.meetsTarget ? "success" : "danger"}>
            {verdict}
          </Typography.Text>
        </Typography.Text>
      </Space>
    </>
  );
}
