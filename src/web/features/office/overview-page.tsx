import { Alert, Card, Empty, Skeleton, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { useYear } from "../../shared/year-context";
import { CityScoreCard } from "./city-score-card";
import { DepartmentTable } from "./department-table";
import { PageTitle } from "./page-title";
import { useDepartmentsOverview } from "./queries";
import { ReadableTheme } from "./readable-theme";
import { TimelinessCard } from "./timeliness-table";
import "./messages";
import { YearActions } from "../workflow/year-actions";

/** 考评办's overview: the city's live score and every department's progress. */
function Overview() {
  const { t } = useTranslation("office");
  const { year, isPending } = useYear();
  const overview = useDepartmentsOverview(year);

  if (year === null) {
    return (
      <>
        <PageTitle>{t("title")}</PageTitle>
        {isPending ? <Skeleton active /> : <Empty description={t("noYear")} />}
      </>
    );
  }
  return (
    <>
      <PageTitle extra={<YearActions />}>{t("title")}</PageTitle>
      <Space orientation="vertical" size={16} style={{ width: "100%" }}>
        <CityScoreCard year={year} />
        <Card
          title={
            <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
              {t("departments.title")}
            </Typography.Title>
          }
          styles={{ body: { padding: 0 } }}
        >
          {overview.isError ? (
            <Alert
              type="error"
              showIcon
              style={{ margin: 16 }}
              title={t("loadFailed", {
                message:
                  overview.error instanceof ApiError
                    ? overview.error.message
                    : String(overview.error),
              })}
            />
          ) : overview.data ? (
            <div data-testid="department-table">
              <DepartmentTable departments={overview.data.departments} />
            </div>
          ) : (
            <Skeleton active style={{ padding: 16 }} />
          )}
        </Card>
        <TimelinessCard year={year} />
      </Space>
    </>
  );
}

export default function OverviewPage() {
  return (
    <ReadableTheme>
      <Overview />
    </ReadableTheme>
  );
}
