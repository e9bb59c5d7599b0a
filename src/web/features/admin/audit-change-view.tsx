import { Table, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { changeRows, type ChangeRow } from "./audit-change";

/** One changed field in a line: "value: 12 → 15" (the row's summary in the table). */
export function ChangeSummary({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation("admin");
  const rows = changeRows(before, after).filter((row) => row.changed);
  if (rows.length === 0) return <>{t("audit.noChange")}</>;
  const empty = t("audit.empty");
  const shown = rows.slice(0, 3);
  return (
    <ul style={{ margin: 0, padding: 0, listStyle: "none" }}>
      {shown.map((row) => (
        <li
          key={row.field}
          style={{
            maxWidth: 420,
            overflow: "hidden",
            textOverflow: "ellipsis",
            whiteSpace: "nowrap",
          }}
          title={`${row.field}: ${before === null ? "" : `${row.before ?? empty} → `}${row.after ?? empty}`}
        >
          {row.field && <code>{row.field}</code>}
          {row.field && ": "}
          {/* A creation has no "before": its values read better without an arrow. */}
          {before === null
            ? (row.after ?? empty)
            : `${row.before ?? empty} → ${row.after ?? empty}`}
        </li>
      ))}
      {rows.length > shown.length && <li>…</li>}
    </ul>
  );
}

/** Every field of the row's before and after side by side (the expanded row). */
export function ChangeTable({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation("admin");
  const empty = t("audit.empty");
  const columns: TableColumnsType<ChangeRow> = [
    {
      title: t("audit.field"),
      dataIndex: "field",
      width: 200,
      render: (field: string) => <code>{field || "—"}</code>,
    },
    {
      title: t("audit.before"),
      dataIndex: "before",
      render: (value: string | undefined) => (
        <span style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>{value ?? empty}</span>
      ),
    },
    {
      title: t("audit.after"),
      dataIndex: "after",
      render: (value: string | undefined, row) => (
        <span
          style={{
            whiteSpace: "pre-wrap",
            wordBreak: "break-all",
            fontWeight: row.changed ? 600 : undefined,
          }}
        >
          {value ?? empty}
        </span>
      ),
    },
  ];
  return (
    <Table<ChangeRow>
      rowKey="field"
      size="small"
      columns={columns}
      dataSource={changeRows(before, after)}
      pagination={false}
    />
  );
}
