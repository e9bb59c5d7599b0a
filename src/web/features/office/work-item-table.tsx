import { Table, Typography } from "antd";
import type { TableColumnsType } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { DepartmentWorkItem } from "../../../contract/api";
import { formatNumber, formatScore } from "../../shared/format";
import { CriteriaTable } from "./criteria-table";
import { itemPath, type ReviewData } from "./review-data";
import "./messages";

/**
 * The department's work items: points awarded of the item's points, whether it is
 * answered, the explanation, the loss and the evidence; the name opens the criteria.
 */
export function WorkItemTable({ data, department }: { data: ReviewData; department: string }) {
  const { t } = useTranslation("office");
  const lossOf = (code: string) =>
    data.report?.workItems.find((candidate) => candidate.code === code)?.loss;

  const columns: TableColumnsType<DepartmentWorkItem> = [
    {
      key: "name",
      title: t("review.workItem"),
      render: (_, row) => (
        <div style={{ minWidth: 160 }}>
          <Link
            to={itemPath(department, "workItem", row.code)}
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
      key: "earned",
      title: t("review.earned"),
      align: "right",
      render: (_, row) => `${formatNumber(row.earned, 2)} / ${formatNumber(row.points, 2)}`,
    },
    {
      key: "loss",
      title: t("review.loss"),
      align: "right",
      render: (_, row) => formatScore(lossOf(row.code)),
    },
    {
      key: "answered",
      title: t("review.status"),
      render: (_, row) =>
        row.answer ? (
          <Typography.Text type="success">{t("review.answered")}</Typography.Text>
        ) : (
          <Typography.Text type="warning">{t("review.notAnswered")}</Typography.Text>
        ),
    },
    {
      key: "explanation",
      title: t("review.explanation"),
      render: (_, row) =>
        row.answer?.explanation ? (
          <Typography.Paragraph
            ellipsis={{ rows: 2, tooltip: row.answer.explanation }}
            style={{ margin: 0, maxWidth: 360 }}
          >
            {row.answer.explanation}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">{t("review.noExplanation")}</Typography.Text>
        ),
    },
    {
      key: "evidence",
      title: t("review.evidence"),
      align: "right",
      render: (_, row) => t("review.evidenceCount", { count: row.evidence.length }),
    },
  ];

  return (
    <Table<DepartmentWorkItem>
      rowKey="code"
      size="middle"
      columns={columns}
      dataSource={data.items.workItems}
      pagination={false}
      scroll={{ x: "max-content" }}
      locale={{ emptyText: t("review.noWorkItems") }}
      onRow={(row) => ({ "data-testid": `work-row-${row.code}` }) as HTMLAttributes<HTMLElement>}
      expandable={{ expandedRowRender: (row) => <CriteriaTable item={row} /> }}
    />
  );
}
