import { Segmented } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FrameworkDocument } from "../../../contract/api";
import type { ScoreReport } from "../../../contract/score-report";
import { Chart } from "../../shared/charts/chart";
import { formatPercent, formatScore } from "../../shared/format";
import { domainTotals, partTotals, type AreaTotal } from "./area-totals";
import { CHART_FONT, COLORS } from "./chart-theme";
import "./messages";

type View = "domains" | "parts";

function AreasTable({ totals, caption }: { totals: AreaTotal[]; caption: string }) {
  const { t } = useTranslation("leader");
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("areas.area")}</th>
          <th scope="col">{t("areas.earned")}</th>
          <th scope="col">{t("areas.available")}</th>
          <th scope="col">{t("areas.lost")}</th>
          <th scope="col">{t("areas.rate")}</th>
        </tr>
      </thead>
      <tbody>
        {totals.map((total) => (
          <tr key={total.code}>
            <th scope="row">{total.name}</th>
            <td>{formatScore(total.earned)}</td>
            <td>{formatScore(total.available)}</td>
            <td>{formatScore(total.loss)}</td>
            <td>{total.available > 0 ? formatPercent(total.earned / total.available) : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Where the score comes from: per service area (or per part) what it earned and what
 * it lost of what it could give, as stacked bars; the lost segment is hatched so the
 * two differ without colour.
 */
export function AreasChart({
  report,
  framework,
}: {
  report: ScoreReport;
  framework: FrameworkDocument;
}) {
  const { t } = useTranslation("leader");
  const [view, setView] = useState<View>("domains");
  const totals =
    view === "domains" ? domainTotals(framework, report) : partTotals(framework, report);
  const viewName = t(`areas.${view}`);
  const option = {
    textStyle: { fontFamily: CHART_FONT },
    aria: { enabled: true, label: { enabled: false }, decal: { show: true } },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: (value: number) => formatScore(value),
    },
    legend: { top: 0, data: [t("areas.earned"), t("areas.lost")] },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: "value",
      axisLabel: { color: COLORS.muted, formatter: (value: number) => value.toFixed(2) },
    },
    yAxis: {
      type: "category",
      inverse: true,
      data: totals.map((total) => total.name),
      axisLabel: { color: COLORS.text },
    },
    series: [
      {
        name: t("areas.earned"),
        type: "bar",
        stack: "total",
        itemStyle: { color: COLORS.earned, decal: { symbol: "none" } },
        data: totals.map((total) => total.earned),
      },
      {
        name: t("areas.lost"),
        type: "bar",
        stack: "total",
        itemStyle: {
          color: COLORS.lost,
          decal: { symbol: "rect", dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -Math.PI / 4 },
        },
        data: totals.map((total) => total.loss),
      },
    ],
  };
  const summary = totals
    .map((total) =>
      t("areas.entry", {
        name: total.name,
        earned: formatScore(total.earned),
        available: formatScore(total.available),
        lost: formatScore(total.loss),
      }),
    )
    .join("；");

  return (
    <>
      <Segmented<View>
        value={view}
        onChange={setView}
        options={[
          { value: "domains", label: t("areas.domains") },
          { value: "parts", label: t("areas.parts") },
        ]}
        aria-label={t("areas.title")}
        style={{ marginBottom: 8 }}
      />
      <Chart
        testId="areas-chart"
        option={option}
        height={Math.max(180, totals.length * 30 + 60)}
        label={t("areas.label", { view: viewName, summary })}
        table={<AreasTable totals={totals} caption={viewName} />}
      />
    </>
  );
}
