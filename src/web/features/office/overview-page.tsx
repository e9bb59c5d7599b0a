import { Card, Empty, Skeleton, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useYear } from "../../shared/year-context";
import { QueryBody } from "../../shared/query-body";
import { CityScoreCard } from "./city-score-card";
import { DepartmentTable } from "./department-table";
import { PageTitle } from "./page-title";
import { useDepartmentsOverview } from "./queries";
import { ReadableTheme } from "./readable-theme";
import { TimelinessCard } from "./timeliness-table";
import "./messages";
import { YearActions } from "../workflow/year-actions";
import { DocumentsCard } from "../documents/documents-card";

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
          <QueryBody
            query={overview}
            failed={(message) => t("loadFailed", { message })}
            testId="department-table"
          >
            {(data) => <DepartmentTable departments={data.departments} />}
          </QueryBody>
        </Card>
        <TimelinessCard year={year} />
        <DocumentsCard year={year} />
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
