import { PlusOutlined } from "@ant-design/icons";
import { Button, Table, Typography, type TableColumnsType } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CycleSummary } from "../../../contract/api";
import { formatDate, formatLanguage } from "../../shared/format";
import { useCycles, useYear } from "../../shared/year-context";
import { QueryError } from "../account/query-error";
import { DeadlinesModal } from "./deadlines-modal";
import "./messages";
import { OpenYearModal } from "./open-year-modal";
import { PageTitle } from "./page-title";
import { LockExceptionsCard } from "../workflow/lock-exceptions-card";
import { CycleStatusTag } from "../workflow/state-tag";

/**
 * The evaluation years with their status, framework version and deadlines; opening a
 * new year on a framework version and moving a year's deadlines (admin and office).
 */
export default function YearsPage() {
  const { t, i18n } = useTranslation("admin");
  const lang = formatLanguage(i18n.language);
  const cycles = useCycles();
  const { setYear } = useYear();
  const [moving, setMoving] = useState<CycleSummary | null>(null);
  const [opening, setOpening] = useState(false);
  const rows = [...(cycles.data ?? [])].sort((a, b) => b.year - a.year);

  const columns: TableColumnsType<CycleSummary> = [
    {
      title: t("years.columns.year"),
      dataIndex: "year",
      render: (year: number) => <Typography.Text strong>{year}</Typography.Text>,
    },
    {
      title: t("years.columns.status"),
      dataIndex: "status",
      render: (status: CycleSummary["status"]) => <CycleStatusTag status={status} />,
    },
    {
      title: t("years.columns.framework"),
      key: "framework",
      render: (_value, cycle) =>
        t("years.frameworkValue", {
          name: cycle.framework.name,
          version: cycle.framework.version,
        }),
    },
    {
      title: t("years.columns.departmentsDue"),
      dataIndex: "departmentsDue",
      render: (day: string) => formatDate(day, lang),
    },
    {
      title: t("years.columns.provinceDue"),
      dataIndex: "provinceDue",
      render: (day: string) => formatDate(day, lang),
    },
    {
      title: t("years.columns.actions"),
      key: "actions",
      render: (_value, cycle) => (
        <Button
          size="small"
          aria-label={t("years.moveLabel", { year: cycle.year })}
          onClick={() => setMoving(cycle)}
        >
          {t("years.moveDeadlines")}
        </Button>
      ),
    },
  ];

  return (
    <div>
      <PageTitle
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setOpening(true)}
            data-testid="open-year"
          >
            {t("years.open")}
          </Button>
        }
      >
        {t("years.title")}
      </PageTitle>
      <Typography.Paragraph style={{ maxWidth: 900 }}>{t("years.intro")}</Typography.Paragraph>
      <QueryError error={cycles.error} />
      <div data-testid="years-table">
        <Table<CycleSummary>
          rowKey="year"
          columns={columns}
          dataSource={rows}
          loading={cycles.isPending}
          pagination={false}
          scroll={{ x: 900 }}
        />
      </div>
      <LockExceptionsCard />
      {moving && <DeadlinesModal cycle={moving} onClose={() => setMoving(null)} />}
      {opening && (
        <OpenYearModal
          cycles={rows}
          onClose={() => setOpening(false)}
          onOpened={(year) => {
            setOpening(false);
            setYear(year);
          }}
        />
      )}
    </div>
  );
}
