import { Table } from "antd";
import type { TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { DepartmentWorkItem } from "../../../contract/api";
import { formatNumber } from "../../shared/format";
import "./messages";

type Criterion = DepartmentWorkItem["criteria"][number];

/** A work item's criteria with their points and the points the department awarded. */
export function CriteriaTable({ item }: { item: DepartmentWorkItem }) {
  const { t } = useTranslation("office");
  const columns: TableColumnsType<Criterion> = [
    { key: "text", title: t("item.criterion"), dataIndex: "text" },
    {
      key: "points",
      title: t("item.criterionPoints"),
      align: "right",
      render: (_, row) => formatNumber(row.points, 2),
    },
    {
      key: "awarded",
      title: t("item.awarded"),
      align: "right",
      render: (_, row) => {
        const awarded = item.answer?.awarded[row.code];
        return awarded === undefined ? "—" : formatNumber(awarded, 2);
      },
    },
  ];
  return (
    <div data-testid={`criteria-${item.code}`}>
      <Table<Criterion>
        size="small"
        bordered
        rowKey="code"
        columns={columns}
        dataSource={item.criteria}
        pagination={false}
      />
    </div>
  );
}
