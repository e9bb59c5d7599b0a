import { Table, Typography } from "antd";
import type { TableColumnsType } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { DepartmentIndicator } from "../../../contract/api";
import { formatPercent, formatScore, formatWithUnit } from "../../shared/format";
import { FiguresTable } from "./figures-table";
import { itemPath, type ReviewData } from "./review-data";
import { IndicatorStatusTag } from "./status-tag";
import "./messages";

/** The unit of an indicator's value: none when the rule scores the spread (cv). */
export function valueUnit(indicator: Pick<DepartmentIndicator, "rule" | "unit">): string | null {
  return indicator.rule.type === "cv" ? null : indicator.unit;
}

/** Files on the indicator and on the data elements it reads. */
export function evidenceCount(indicator: DepartmentIndicator): number {
  return (
    indicator.evidence.length +
    indicator.elements.reduce((sum, element) => sum + element.evidence.length, 0)
  );
}

/**
 * The department's indicators: this year's and last year's value, ratio, points and
 * loss, status and evidence; each row opens to its figures per region.
 */
export function IndicatorTable({ data, department }: { data: ReviewData; department: string }) {
  const { t } = useTranslation("office");
  const previousOf = (code: string) =>
    data.previous?.indicators.find((candidate) => candidate.code === code);

  const columns: TableColumnsType<DepartmentIndicator> = [
    {
      key: "name",
      title: t("review.indicator"),
      render: (_, row) => (
        <div style={{ minWidth: 160 }}>
          <Link
            to={itemPath(department, "indicator", row.code)}
            aria-label={t("review.detailsOf", { name: row.name })}
          >
            {row.name}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.code}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      key: "value",
      title: t("review.value"),
      align: "right",
      render: (_, row) => formatWithUnit(row.value, valueUnit(row)),
    },
    {
      key: "lastYear",
      title:
        data.previousYear === null
          ? t("review.lastYear")
          : `${t("review.lastYear")}（${t("review.lastYearOf", { year: data.previousYear })}）`,
      align: "right",
      render: (_, row) => (
        <Typography.Text type="secondary">
          {formatWithUnit(previousOf(row.code)?.value, valueUnit(row))}
        </Typography.Text>
      ),
    },
    {
      key: "ratio",
      title: t("review.ratio"),
      align: "right",
      render: (_, row) => formatPercent(row.ratio),
    },
    {
      key: "points",
      title: t("review.points"),
      align: "right",
      render: (_, row) => {
        const share = data.shares.get(row.code) ?? 0;
        return `${formatScore(share - row.loss)} / ${formatScore(share)}`;
      },
    },
    {
      key: "loss",
      title: t("review.loss"),
      align: "right",
      render: (_, row) => formatScore(row.loss),
    },
    {
      key: "status",
      title: t("review.status"),
      render: (_, row) => <IndicatorStatusTag status={row.status} />,
    },
    {
      key: "evidence",
      title: t("review.evidence"),
      align: "right",
      render: (_, row) => t("review.evidenceCount", { count: evidenceCount(row) }),
    },
  ];

  return (
    <Table<DepartmentIndicator>
      rowKey="code"
      size="middle"
      columns={columns}
      dataSource={data.items.indicators}
      pagination={false}
      scroll={{ x: "max-content" }}
      locale={{ emptyText: t("review.noIndicators") }}
      onRow={(row) =>
        ({ "data-testid": `indicator-row-${row.code}` }) as HTMLAttributes<HTMLElement>
      }
      expandable={{
        expandedRowRender: (row) => (
          <FiguresTable
            indicator={row}
            previous={previousOf(row.code)}
            regions={data.items.regions}
            previousRegions={data.previous?.regions ?? []}
            regionValues={data.report?.indicators.find((entry) => entry.code === row.code)?.regions}
          />
        ),
      }}
    />
  );
}
