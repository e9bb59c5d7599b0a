import { Alert, Card, Col, Progress, Row, Skeleton, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { formatNumber, formatPercent, formatScore } from "../../shared/format";
import { useFramework, useScore } from "./queries";
import { TAG_COLORS } from "./readable-theme";
import "./messages";

/** The colour of a grade's tag; the grade's name is always written beside it. */
export function gradeColor(meetsTarget: boolean, grade: string | null): string {
  if (grade === null) return TAG_COLORS.neutral;
  return meetsTarget ? TAG_COLORS.good : TAG_COLORS.warning;
}

/**
 * The city's live score (the server's GET /score, fetched again every 30 s and on
 * focus): the score with four decimals, the grade, the target and the parts.
 */
export function CityScoreCard({ year }: { year: number }) {
  const { t } = useTranslation("office");
  const { t: common } = useTranslation();
  const score = useScore(year);
  const framework = useFramework(year);
  const report = score.data;

  const title = (
    <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
      {t("score.title")}
    </Typography.Title>
  );
  if (score.isError) {
    return (
      <Card title={title}>
        <Alert
          type="error"
          showIcon
          title={t("loadFailed", {
            message: score.error instanceof ApiError ? score.error.message : String(score.error),
          })}
        />
      </Card>
    );
  }
  if (!report) {
    return (
      <Card title={title}>
        <Skeleton active paragraph={{ rows: 2 }} />
      </Card>
    );
  }
  const partNames = new Map(framework.data?.parts.map((part) => [part.code, part.name]) ?? []);
  const gap = report.target - report.scoreExact;
  return (
    <Card
      title={title}
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("score.live", { time: dayjs(score.dataUpdatedAt).format("HH:mm:ss") })}
        </Typography.Text>
      }
    >
      <Row gutter={[24, 16]} align="middle">
        <Col xs={24} md={10}>
          <Space orientation="vertical" size={4}>
            <Typography.Text type="secondary">{t("score.score")}</Typography.Text>
            <Space align="baseline" size={12} wrap>
              <span
                data-testid="city-score"
                style={{ fontSize: 36, fontWeight: 600, fontVariantNumeric: "tabular-nums" }}
              >
                {formatScore(report.score)}
              </span>
              <Tag
                data-testid="city-grade"
                color={gradeColor(report.meetsTarget, report.grade)}
                style={{ fontSize: 16, padding: "2px 10px" }}
                aria-label={`${t("score.grade")} ${report.grade ?? t("score.noGrade")}`}
              >
                {report.grade === null
                  ? t("score.noGrade")
                  : common(`grade.${report.grade}`, { defaultValue: report.grade })}
              </Tag>
            </Space>
            <Typography.Text data-testid="city-target">
              {t("score.target", { target: formatScore(report.target) })} ·{" "}
              <Typography.Text type={report.meetsTarget ? "success" : "danger"}>
                {report.meetsTarget ? t("score.met") : t("score.notMet", { gap: formatScore(gap) })}
              </Typography.Text>
            </Typography.Text>
          </Space>
        </Col>
        <Col xs={24} md={14}>
          <Typography.Text type="secondary">{t("score.parts")}</Typography.Text>
          <ul data-testid="city-parts" style={{ listStyle: "none", padding: 0, margin: "4px 0 0" }}>
            {report.parts.map((part) => {
              const name = partNames.get(part.code) ?? part.code;
              return (
                <li key={part.code} style={{ display: "flex", gap: 12, alignItems: "center" }}>
                  <span style={{ flex: "0 0 180px" }}>
                    {t("score.partLine", { name, weight: formatNumber(part.weight, 4) })}
                  </span>
                  <Progress
                    percent={Math.round(part.score * 1000) / 10}
                    showInfo={false}
                    size="small"
                    style={{ flex: 1, margin: 0 }}
                    aria-label={`${name} ${formatPercent(part.score)}`}
                  />
                  <span style={{ flex: "0 0 56px", textAlign: "right" }}>
                    {formatPercent(part.score)}
                  </span>
                </li>
              );
            })}
          </ul>
        </Col>
      </Row>
    </Card>
  );
}
