import { Alert, Card, Table, Typography, type TableColumnsType } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { CycleDetail, CycleRegion } from "../../../contract/api";
import { api } from "../../api/client";
import { queryKeys } from "../../api/query-keys";
import { formatNumber } from "../../shared/format";
import { useYear } from "../../shared/year-context";
import { CardHeading } from "../account/card-heading";
import { QueryError } from "../account/query-error";
import { departmentRows, type DepartmentRow } from "./department-counts";
import "./messages";
import { PageTitle } from "./page-title";
import { useYearFramework } from "./use-year-framework";

/**
 * The shown year's member departments (from its framework, with how many indicators and
 * work items each answers for) and its regions (code, name, population, group). Read
 * only: departments come with a framework, regions with the opened year.
 */
export default function OrganizationPage() {
  const { t } = useTranslation("admin");
  const { year, cycle, isPending } = useYear();
  const framework = useYearFramework(year);
  const detail = useQuery({
    queryKey: queryKeys.cycle(year ?? 0),
    queryFn: () => api.get<CycleDetail>(`/api/cycles/${year}`),
    enabled: year !== null,
  });
  const departments = useMemo(
    () => (framework.data ? departmentRows(framework.data) : []),
    [framework.data],
  );
  const regions = detail.data?.regions ?? [];
  const population = regions.reduce((sum, region) => sum + (region.population ?? 0), 0);

  const departmentColumns: TableColumnsType<DepartmentRow> = [
    { title: t("organization.code"), dataIndex: "code", width: 160 },
    { title: t("organization.name"), dataIndex: "name" },
    { title: t("organization.indicators"), dataIndex: "indicators", align: "right", width: 120 },
    { title: t("organization.workItems"), dataIndex: "workItems", align: "right", width: 150 },
  ];
  const regionColumns: TableColumnsType<CycleRegion> = [
    { title: t("organization.code"), dataIndex: "code", width: 160 },
    { title: t("organization.name"), dataIndex: "name" },
    {
      title: t("organization.population"),
      dataIndex: "population",
      align: "right",
      width: 180,
      render: (value: number | null) => formatNumber(value, 0),
    },
    {
      title: t("organization.group"),
      dataIndex: "group",
      width: 140,
      render: (group: string | null) => group ?? t("organization.noGroup"),
    },
  ];

  if (!isPending && year === null) {
    return (
      <div>
        <PageTitle>{t("organization.title")}</PageTitle>
        <Alert type="info" showIcon title={t("organization.noYear")} />
      </div>
    );
  }

  return (
    <div>
      <PageTitle illustrative>{t("organization.title")}</PageTitle>
      {cycle && (
        <Typography.Paragraph>
          {t("organization.intro", {
            year: cycle.year,
            framework: cycle.framework.name,
            version: cycle.framework.version,
          })}{" "}
          {t("organization.readOnly")}
        </Typography.Paragraph>
      )}
      <QueryError error={framework.error ?? detail.error} />
      <Card
        title={<CardHeading>{t("organization.departments")}</CardHeading>}
        extra={t("organization.departmentsCount", { count: departments.length })}
        style={{ marginBottom: 16 }}
      >
        <div data-testid="departments-table">
          <Table<DepartmentRow>
            rowKey="code"
            size="small"
            columns={departmentColumns}
            dataSource={departments}
            loading={framework.isPending && year !== null}
            pagination={false}
          />
        </div>
      </Card>
      <Card
        title={<CardHeading>{t("organization.regions")}</CardHeading>}
        extra={t("organization.regionsCount", {
          count: regions.length,
          population: formatNumber(population, 0),
        })}
      >
        <div data-testid="regions-table">
          <Table<CycleRegion>
            rowKey="code"
            size="small"
            columns={regionColumns}
            dataSource={regions}
            loading={detail.isPending && year !== null}
            pagination={false}
          />
        </div>
      </Card>
    </div>
  );
}
