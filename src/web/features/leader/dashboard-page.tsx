import { Alert, Card, Col, Empty, Row, Skeleton, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { useYear } from "../../shared/year-context";
import { PageTitle } from "../office/page-title";
import { useCycleDetail, useFramework, useScore } from "../office/queries";
import { AreasChart } from "./areas-chart";
import { DepartmentLossChart } from "./department-loss-chart";
import { EqualizationPanel } from "./equalization-panel";
import { PlanList } from "./plan-list";
import { ScoreGauge } from "./score-gauge";
import { ReadableTheme } from "../office/readable-theme";
import "./messages";

function Panel({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card
      data-testid={testId}
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {title}
        </Typography.Title>
      }
      style={{ height: "100%" }}
    >
      {children}
    </Card>
  );
}

const messageOf = (error: unknown) => (error instanceof ApiError ? error.message : String(error));

/**
 * 领导小组's dashboard: the live score against the target, where it comes from, who
 * loses points, the plan to the target in words, and equalization across regions.
 */
function Dashboard() {
  const { t } = useTranslation("leader");
  const { year, isPending } = useYear();
  const score = useScore(year);
  const framework = useFramework(year);
  const cycle = useCycleDetail(year);

  if (year === null) {
    return (
      <>
        <PageTitle>{t("title")}</PageTitle>
        {isPending ? <Skeleton active /> : <Empty description={t("noYear")} />}
      </>
    );
  }
  const failure = score.error ?? framework.error;
  if (failure) {
    return (
      <>
        <PageTitle>{t("title")}</PageTitle>
        <Alert type="error" showIcon title={t("loadFailed", { message: messageOf(failure) })} />
      </>
    );
  }
  const report = score.data;
  const doc = framework.data;
  if (!report || !doc) {
    return (
      <>
        <PageTitle>{t("title")}</PageTitle>
        <Skeleton active paragraph={{ rows: 10 }} />
      </>
    );
  }
  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Panel title={t("gauge.title")}>
            <ScoreGauge report={report} framework={doc} />
          </Panel>
        </Col>
        <Col xs={24} lg={15}>
          <Panel title={t("areas.title")}>
            <AreasChart report={report} framework={doc} />
          </Panel>
        </Col>
        <Col xs={24} lg={12}>
          <Panel title={t("departments.title")}>
            <DepartmentLossChart report={report} framework={doc} />
          </Panel>
        </Col>
        <Col xs={24} lg={12}>
          <Panel title={t("plan.title")}>
            <PlanList report={report} framework={doc} />
          </Panel>
        </Col>
        <Col span={24}>
          <Panel title={t("equalization.title")}>
            {cycle.isError ? (
              <Alert
                type="error"
                showIcon
                title={t("loadFailed", { message: messageOf(cycle.error) })}
              />
            ) : cycle.data ? (
              <EqualizationPanel report={report} framework={doc} regions={cycle.data.regions} />
            ) : (
              <Skeleton active />
            )}
          </Panel>
        </Col>
      </Row>
    </>
  );
}

export default function DashboardPage() {
  return (
    <ReadableTheme>
      <Dashboard />
    </ReadableTheme>
  );
}
