import { Alert, Breadcrumb, Card, Empty, Skeleton, Space, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, Route, Routes, useParams } from "react-router";
import { ApiError } from "../../api/client";
import { formatScore } from "../../shared/format";
import { useYear } from "../../shared/year-context";
import { IndicatorTable } from "./indicator-table";
import { ItemDrawer } from "./item-drawer";
import { itemShares } from "./item-shares";
import { PageTitle } from "./page-title";
import { useDepartmentItems, useFramework, useScore } from "./queries";
import type { ReviewData } from "./review-data";
import { WorkItemTable } from "./work-item-table";
import { ReadableTheme } from "./readable-theme";
import { ReviewWorkflow } from "../workflow/review-workflow";
import "./messages";

const sectionTitle = (text: string) => (
  <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
    {text}
  </Typography.Title>
);

/**
 * 考评办 reviews one department: its indicators with figures per region beside last
 * year's, its work items with criteria and explanations; each item opens (route
 * items/:kind/:code) with its evidence and comment thread.
 */
function Review() {
  const { t } = useTranslation("office");
  const { department = "" } = useParams();
  const { year, previousYear, isPending: yearPending } = useYear();
  const items = useDepartmentItems(year, department);
  // Last year's items only where last year's framework has the department (else a 404).
  const previousFramework = useFramework(previousYear);
  const hadDepartment = previousFramework.data?.departments.some(
    (entry) => entry.code === department,
  );
  const previous = useDepartmentItems(hadDepartment ? previousYear : null, department);
  const score = useScore(year);
  const framework = useFramework(year);
  const shares = useMemo(
    () => (framework.data ? itemShares(framework.data) : new Map<string, number>()),
    [framework.data],
  );
  const name =
    framework.data?.departments.find((entry) => entry.code === department)?.name ?? department;

  const breadcrumb = (
    <Breadcrumb
      style={{ marginBottom: 8 }}
      items={[{ title: <Link to="/office">{t("title")}</Link> }, { title: name }]}
    />
  );
  if (year === null) {
    return (
      <>
        <PageTitle>{t("title")}</PageTitle>
        {yearPending ? <Skeleton active /> : <Empty description={t("noYear")} />}
      </>
    );
  }
  if (items.isError) {
    const unknown = items.error instanceof ApiError && items.error.status === 404;
    return (
      <>
        {breadcrumb}
        <PageTitle>{name}</PageTitle>
        <Alert
          type={unknown ? "warning" : "error"}
          showIcon
          title={
            unknown
              ? t("review.unknown", { code: department })
              : t("loadFailed", {
                  message:
                    items.error instanceof ApiError ? items.error.message : String(items.error),
                })
          }
          action={<Link to="/office">{t("review.back")}</Link>}
        />
      </>
    );
  }
  if (!items.data) {
    return (
      <>
        {breadcrumb}
        <PageTitle>{name}</PageTitle>
        <Skeleton active paragraph={{ rows: 8 }} />
      </>
    );
  }

  const data: ReviewData = {
    year,
    previousYear,
    items: items.data,
    previous: previous.data,
    report: score.data,
    shares,
  };
  const loss = score.data?.departments.find((entry) => entry.code === department)?.loss;
  return (
    <>
      {breadcrumb}
      <PageTitle>{name}</PageTitle>
      <Typography.Paragraph type="secondary" data-testid="department-summary">
        {t("review.summary", {
          indicators: items.data.indicators.length,
          work: items.data.workItems.length,
          loss: formatScore(loss),
        })}
      </Typography.Paragraph>
      <Space orientation="vertical" size={16} style={{ width: "100%" }}>
        <ReviewWorkflow
          year={year}
          department={department}
          departmentName={name}
          items={items.data}
        />
        <Card title={sectionTitle(t("review.indicators"))} styles={{ body: { padding: 0 } }}>
          <div data-testid="indicator-table">
            <IndicatorTable data={data} department={department} />
          </div>
        </Card>
        <Card title={sectionTitle(t("review.workItems"))} styles={{ body: { padding: 0 } }}>
          <div data-testid="work-item-table">
            <WorkItemTable data={data} department={department} />
          </div>
        </Card>
      </Space>
      <Routes>
        <Route
          path="items/:kind/:code"
          element={<ItemDrawer data={data} department={department} />}
        />
      </Routes>
    </>
  );
}

export default function ReviewPage() {
  return (
    <ReadableTheme>
      <Review />
    </ReadableTheme>
  );
}
