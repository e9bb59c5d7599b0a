import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  DownloadOutlined,
  ExclamationCircleOutlined,
  WarningOutlined,
} from "@ant-design/icons";
import { Button, Card, Progress, Space, Table, Typography } from "antd";
import type { TableColumnsType } from "antd";
import type { HTMLAttributes, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { DepartmentTimeliness } from "../../../contract/api";
import { apiUrl } from "../../api/client";
import { formatDate, formatDateTime, formatLanguage, formatPercent } from "../../shared/format";
import { QueryBody } from "../../shared/query-body";
import { StatusTag } from "../admin/status-tag";
import { SubmissionStateTag } from "../workflow/state-tag";
import { useTimeliness } from "./queries";
import { timelinessLook, timelinessRank, type TimelinessTone } from "./timeliness-look";
import "./timeliness-messages";

const ICONS: Record<TimelinessTone, ReactNode> = {
  good: <CheckCircleOutlined aria-hidden />,
  warn: <WarningOutlined aria-hidden />,
  bad: <ExclamationCircleOutlined aria-hidden />,
  plain: <ClockCircleOutlined aria-hidden />,
};

/** On time / late N days / missing / pending: an icon and words, the colour only repeats them. */
function PunctualityCell({ row }: { row: DepartmentTimeliness }) {
  const { t, i18n } = useTranslation("timeliness");
  const look = timelinessLook(row);
  return (
    <div>
      <StatusTag tone={look.tone} icon={ICONS[look.tone]} testId={`timeliness-${row.status}`}>
        {t(look.key, { count: look.count })}
      </StatusTag>
      {look.note && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(look.note.key, {
              until: formatDate(look.note.until, formatLanguage(i18n.language)),
            })}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

/** The share of items complete: the number is always written, the bar only repeats it. */
function CompletenessCell({ row }: { row: DepartmentTimeliness }) {
  const { t } = useTranslation("timeliness");
  const { share, complete, total } = row.items;
  if (share === null) return <Typography.Text type="secondary">{t("noItems")}</Typography.Text>;
  return (
    <div style={{ display: "flex", alignItems: "center", gap: 8, minWidth: 160 }}>
      <Progress
        percent={Math.round(share * 1000) / 10}
        showInfo={false}
        size="small"
        style={{ flex: 1, margin: 0 }}
        status={share >= 1 ? "success" : "normal"}
        aria-label={t("progressLabel", { name: row.name })}
      />
      <span style={{ flex: "0 0 auto", fontVariantNumeric: "tabular-nums" }}>
        {formatPercent(share)}
        <Typography.Text type="secondary" style={{ marginLeft: 4, fontSize: 12 }}>
          {t("completeOf", { complete, total })}
        </Typography.Text>
      </span>
    </div>
  );
}

/** Every department's timeliness, returns and completeness, sortable; worst first. */
export function TimelinessTable({ departments }: { departments: DepartmentTimeliness[] }) {
  const { t, i18n } = useTranslation("timeliness");
  const lang = formatLanguage(i18n.language);
  const columns: TableColumnsType<DepartmentTimeliness> = [
    {
      key: "name",
      title: t("department"),
      sorter: (a, b) => a.name.localeCompare(b.name, "zh-CN"),
      render: (_, row) => (
        <Link to={`/office/departments/${encodeURIComponent(row.code)}`}>{row.name}</Link>
      ),
    },
    {
      key: "state",
      title: t("state"),
      render: (_, row) => <SubmissionStateTag state={row.state} />,
    },
    {
      key: "firstSubmitted",
      title: t("firstSubmitted"),
      sorter: (a, b) => (a.firstSubmittedAt ?? "").localeCompare(b.firstSubmittedAt ?? ""),
      render: (_, row) =>
        row.firstSubmittedAt ? (
          <span style={{ fontVariantNumeric: "tabular-nums" }}>
            {formatDateTime(row.firstSubmittedAt, lang)}
          </span>
        ) : (
          <Typography.Text type="secondary">{t("notSubmitted")}</Typography.Text>
        ),
    },
    {
      key: "punctuality",
      title: t("punctuality"),
      sorter: (a, b) => timelinessRank(a) - timelinessRank(b),
      defaultSortOrder: "descend",
      render: (_, row) => <PunctualityCell row={row} />,
    },
    {
      key: "returns",
      title: t("returns"),
      align: "right",
      sorter: (a, b) => a.returns - b.returns,
      render: (_, row) => (
        <span style={{ fontVariantNumeric: "tabular-nums" }}>
          {t("returnsCount", { count: row.returns })}
        </span>
      ),
    },
    {
      key: "completeness",
      title: t("completeness"),
      sorter: (a, b) => (a.items.share ?? 2) - (b.items.share ?? 2),
      render: (_, row) => <CompletenessCell row={row} />,
    },
  ];
  return (
    <Table<DepartmentTimeliness>
      rowKey="code"
      size="middle"
      columns={columns}
      dataSource={departments}
      pagination={false}
      locale={{ emptyText: t("empty") }}
      onRow={(row) =>
        ({ "data-testid": `timeliness-row-${row.code}` }) as HTMLAttributes<HTMLElement>
      }
    />
  );
}

/** The overview's 报送及时性 card: the table, the deadline, and the CSV and Excel downloads. */
export function TimelinessCard({ year }: { year: number }) {
  const { t, i18n } = useTranslation("timeliness");
  const timeliness = useTimeliness(year);
  const download = (extension: "csv" | "xlsx", label: string, format: string) => (
    <Button
      size="small"
      icon={<DownloadOutlined aria-hidden />}
      href={apiUrl(`/api/cycles/${year}/timeliness.${extension}`)}
      aria-label={t("downloadHint", { format })}
      data-testid={`timeliness-download-${extension}`}
    >
      {label}
    </Button>
  );
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t("title")}
        </Typography.Title>
      }
      extra={
        <Space wrap>
          {timeliness.data && (
            <Typography.Text type="secondary">
              {t("due", { date: formatDate(timeliness.data.due, formatLanguage(i18n.language)) })}
            </Typography.Text>
          )}
          {download("csv", t("downloadCsv"), "CSV")}
          {download("xlsx", t("downloadExcel"), "Excel")}
        </Space>
      }
      styles={{ body: { padding: 0 } }}
    >
      <QueryBody
        query={timeliness}
        failed={(message) => t("loadFailed", { message })}
        testId="timeliness-table"
      >
        {(data) => <TimelinessTable departments={data.departments} />}
      </QueryBody>
    </Card>
  );
}
