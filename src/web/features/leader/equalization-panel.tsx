import { Col, Empty, Row, Select, Typography } from "antd";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CycleRegion, FrameworkDocument } from "../../../contract/api";
import type { ScoreReport } from "../../../contract/score-report";
import { Chart } from "../../shared/charts/chart";
import { formatMeasure, formatNumber, formatPercent, formatWithUnit } from "../../shared/format";
import { CHART_FONT, COLORS } from "./chart-theme";
import { comparableIndicators } from "./equalization";
import "./messages";

type Outcome = ScoreReport["indicators"][number];

function Measures({ outcome, regions }: { outcome: Outcome; regions: CycleRegion[] }) {
  const { t } = useTranslation("leader");
  const measures = outcome.equalization!;
  const groups = [
    ...new Set(
      regions
        .filter((region) => region.code in outcome.regions && region.group !== null)
        .map((region) => region.group!),
    ),
  ];
  const groupName = (group: string) => t(`equalization.groups.${group}`, { defaultValue: group });
  const rows: [string, string][] = [
    [t("equalization.cv"), formatMeasure(measures.cv)],
    [t("equalization.theil"), formatMeasure(measures.theil)],
    [t("equalization.gini"), formatMeasure(measures.gini)],
    [t("equalization.maxMin"), formatMeasure(measures.maxMin)],
  ];
  const theil = measures.theil;
  const part = (value: number | null) =>
    value === null
      ? t("equalization.notApplicable")
      : theil !== null && theil > 0
        ? t("equalization.shareOf", {
            value: formatMeasure(value),
            share: formatPercent(value / theil),
          })
        : formatMeasure(value);
  return (
    <div data-testid="equalization-measures">
      <Typography.Title level={3} style={{ fontSize: 14 }}>
        {t("equalization.measures")}
      </Typography.Title>
      <dl className="kp-measures" style={{ margin: 0 }}>
        {rows.map(([name, value]) => (
          <div key={name} style={{ display: "flex", justifyContent: "space-between", gap: 8 }}>
            <dt>{name}</dt>
            <dd style={{ margin: 0, fontVariantNumeric: "tabular-nums" }}>{value}</dd>
          </div>
        ))}
      </dl>
      {measures.theilBetween !== null && measures.theilWithin !== null && (
        <>
          <Typography.Title level={3} style={{ fontSize: 14, marginTop: 12 }}>
            {t("equalization.split", { groups: groups.map(groupName).join("/") })}
          </Typography.Title>
          <dl style={{ margin: 0 }} data-testid="theil-split">
            <div style={{ display: "flex", justifyContent: "space-between", gap: 8 }}>
              <dt>{t("equalization.between")}</dt>
              <dd style={{ margin: 0 }}>{part(measures.theilBetween)}</dd>
            </div>
            <div style={{ display: "flex", justifyContent: "space-between", gap: 8 }}>
              <dt>{t("equalization.within")}</dt>
              <dd style={{ margin: 0 }}>{part(measures.theilWithin)}</dd>
            </div>
          </dl>
        </>
      )}
    </div>
  );
}

/**
 * Equalization per indicator across the divisions: pick an indicator, see its value
 * in each region as bars and its spread (CV, Theil, Gini, max/min, Theil's between
 * and within split where regions have groups) as text.
 */
export function EqualizationPanel({
  report,
  framework,
  regions,
}: {
  report: ScoreReport;
  framework: FrameworkDocument;
  regions: CycleRegion[];
}) {
  const { t } = useTranslation("leader");
  const pickerId = useId();
  const comparable = comparableIndicators(report);
  const [chosen, setChosen] = useState<string | null>(null);
  if (comparable.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("equalization.none")} />;
  }
  const definitions = new Map(framework.indicators.map((indicator) => [indicator.code, indicator]));
  const outcome = comparable.find((entry) => entry.code === chosen) ?? comparable[0]!;
  const definition = definitions.get(outcome.code);
  const name = definition?.name ?? outcome.code;
  const unit = definition?.unit ?? null;
  const shown = regions.filter((region) => region.code in outcome.regions);
  const groupName = (group: string | null) =>
    group === null ? "" : t(`equalization.groups.${group}`, { defaultValue: group });
  const hasGroups = shown.some((region) => region.group !== null);

  const option = {
    textStyle: { fontFamily: CHART_FONT },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: (value: number) => formatWithUnit(value, unit),
    },
    grid: { left: 8, right: 72, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: "value",
      // Close figures (99.7 to 99.95) would look equal from zero: let ECharts choose a
      // round start near the lowest value instead of zero.
      scale: true,
      axisLabel: {
        color: COLORS.muted,
        formatter: (value: number) => formatNumber(value, 2),
      },
    },
    yAxis: {
      type: "category",
      inverse: true,
      data: shown.map((region) =>
        hasGroups && region.group !== null
          ? t("equalization.regionWithGroup", { name: region.name, group: groupName(region.group) })
          : region.name,
      ),
      axisLabel: { color: COLORS.text },
    },
    series: [
      {
        name,
        type: "bar",
        itemStyle: { color: COLORS.primary },
        label: {
          show: true,
          position: "right",
          color: COLORS.text,
          formatter: ({ value }: { value: number }) => formatNumber(value, 2),
        },
        data: shown.map((region) => outcome.regions[region.code]),
      },
    ],
  };

  return (
    <Row gutter={[24, 16]}>
      <Col xs={24} lg={16}>
        <label htmlFor={pickerId} style={{ marginRight: 8 }}>
          {t("equalization.indicator")}
        </label>
        <Select
          id={pickerId}
          data-testid="equalization-picker"
          value={outcome.code}
          onChange={setChosen}
          showSearch={{ optionFilterProp: "label" }}
          style={{ width: "min(100%, 360px)", marginBottom: 8 }}
          options={comparable.map((entry) => ({
            value: entry.code,
            label: definitions.get(entry.code)?.name ?? entry.code,
          }))}
        />
        <Chart
          testId="equalization-chart"
          option={option}
          height={Math.max(160, shown.length * 30 + 40)}
          label={t("equalization.label", {
            name,
            summary: shown
              .map(
                (region) => `${region.name} ${formatWithUnit(outcome.regions[region.code], unit)}`,
              )
              .join("；"),
          })}
          table={
            <table>
              <caption>{name}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("equalization.region")}</th>
                  {hasGroups && <th scope="col">{t("equalization.group")}</th>}
                  <th scope="col">{t("equalization.value")}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((region) => (
                  <tr key={region.code}>
                    <th scope="row">{region.name}</th>
                    {hasGroups && <td>{groupName(region.group)}</td>}
                    <td>{formatWithUnit(outcome.regions[region.code], unit)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      </Col>
      <Col xs={24} lg={8}>
        <Measures outcome={outcome} regions={regions} />
      </Col>
    </Row>
  );
}
