import { Table, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { CycleRegion, DepartmentIndicator } from "../../../contract/api";
import { CITY } from "../../../core/formats/check-data";
import { formatNumber, formatWithUnit } from "../../shared/format";
import { cityFigure } from "../../shared/city-figure";
import "./messages";

export interface FiguresTableProps {
  indicator: DepartmentIndicator;
  /** The same indicator last year, when the year before exists and had it. */
  previous: DepartmentIndicator | undefined;
  regions: CycleRegion[];
  previousRegions: CycleRegion[];
  /** The indicator's value per region this year (the score's `regions`). */
  regionValues: Record<string, number> | undefined;
}

interface Row {
  key: string;
  name: string;
  city: boolean;
}

/**
 * An indicator's figures, one row per region and one for the city: each data element
 * it reads this year and last year side by side, and the indicator's value per region.
 * A city figure not entered is the aggregate the scorer uses, marked as such.
 */
export function FiguresTable({
  indicator,
  previous,
  regions,
  previousRegions,
  regionValues,
}: FiguresTableProps) {
  const { t } = useTranslation("office");
  const rows: Row[] = [
    ...regions.map((region) => ({ key: region.code, name: region.name, city: false })),
    { key: CITY, name: t("figures.city"), city: true },
  ];
  const figure = (
    element: DepartmentIndicator["elements"][number] | undefined,
    yearRegions: CycleRegion[],
    row: Row,
  ) => {
    if (!element) return <Typography.Text type="secondary">—</Typography.Text>;
    if (!row.city) return formatNumber(element.values[row.key]?.value, 4);
    const city = cityFigure(element.aggregation, element.values, yearRegions);
    if (!city) return "—";
    return city.entered ? (
      formatNumber(city.value, 4)
    ) : (
      <span>
        {formatNumber(city.value, 4)}
        <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 2 }}>
          ({t(`figures.aggregated.${element.aggregation}`)})
        </Typography.Text>
      </span>
    );
  };

  const columns: TableColumnsType<Row> = [
    {
      key: "region",
      title: t("figures.region"),
      fixed: "left",
      render: (_, row) => (row.city ? <strong>{row.name}</strong> : row.name),
    },
    ...indicator.elements.map((element) => {
      const before = previous?.elements.find((candidate) => candidate.code === element.code);
      return {
        key: element.code,
        title: `${element.name}${element.unit ? t("figures.unitOf", { unit: element.unit }) : ""}`,
        children: [
          {
            key: `${element.code}-now`,
            title: t("figures.thisYear"),
            align: "right" as const,
            render: (_: unknown, row: Row) => figure(element, regions, row),
          },
          {
            key: `${element.code}-before`,
            title: t("figures.lastYear"),
            align: "right" as const,
            className: "kp-last-year",
            render: (_: unknown, row: Row) => (
              <Typography.Text type="secondary">
                {figure(before, previousRegions, row)}
              </Typography.Text>
            ),
          },
        ],
      };
    }),
    {
      key: "value",
      title: t("figures.indicatorValue"),
      align: "right",
      render: (_, row) =>
        row.city && indicator.rule.type === "cv"
          ? `${formatWithUnit(indicator.value, null)} (CV)`
          : row.city
            ? formatWithUnit(indicator.value, indicator.unit)
            : formatWithUnit(regionValues?.[row.key], indicator.unit),
    },
  ];

  return (
    <div data-testid={`figures-${indicator.code}`}>
      <Table<Row>
        size="small"
        bordered
        rowKey="key"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: "max-content" }}
        caption={
          <Typography.Text strong style={{ display: "block", textAlign: "left", padding: "4px 0" }}>
            {t("figures.caption", { name: indicator.name })}
          </Typography.Text>
        }
      />
    </div>
  );
}
