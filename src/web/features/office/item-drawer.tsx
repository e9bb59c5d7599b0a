import { useQueryClient } from "@tanstack/react-query";
import { Descriptions, Drawer, Empty, Space, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import type { DepartmentIndicator, DepartmentWorkItem } from "../../../contract/api";
import { queryKeys } from "../../api/query-keys";
import { CommentThread } from "../../shared/comments/comment-thread";
import { EvidencePanel } from "../../shared/evidence/evidence-panel";
import {
  formatDateTime,
  formatLanguage,
  formatNumber,
  formatPercent,
  formatScore,
  formatWithUnit,
} from "../../shared/format";
import { authorName } from "./author-name";
import { CriteriaTable } from "./criteria-table";
import { FiguresTable } from "./figures-table";
import { valueUnit } from "./indicator-table";
import type { ReviewData } from "./review-data";
import { describeRule } from "../../shared/describe-rule";
import { IndicatorStatusTag } from "./status-tag";
import "./messages";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section style={{ marginTop: 20 }}>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

function IndicatorDetails({
  data,
  indicator,
}: {
  data: ReviewData;
  indicator: DepartmentIndicator;
}) {
  const { t, i18n } = useTranslation("office");
  const lang = formatLanguage(i18n.language);
  const queryClient = useQueryClient();
  const refresh = () =>
    void queryClient.invalidateQueries({
      queryKey: queryKeys.items(data.year, indicator.department),
    });
  const share = data.shares.get(indicator.code) ?? 0;
  const previous = data.previous?.indicators.find((candidate) => candidate.code === indicator.code);
  return (
    <>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("review.status")}>
          <IndicatorStatusTag status={indicator.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t("review.value")}>
          {formatWithUnit(indicator.value, valueUnit(indicator))}
        </Descriptions.Item>
        <Descriptions.Item label={t("review.lastYear")}>
          {formatWithUnit(previous?.value, valueUnit(indicator))}
        </Descriptions.Item>
        <Descriptions.Item label={t("review.ratio")}>
          {formatPercent(indicator.ratio)}
        </Descriptions.Item>
        <Descriptions.Item label={t("review.points")}>
          {formatScore(share - indicator.loss)} / {formatScore(share)}
        </Descriptions.Item>
        <Descriptions.Item label={t("review.loss")}>
          {formatScore(indicator.loss)}
        </Descriptions.Item>
        <Descriptions.Item label={t("item.formula")}>
          <code>{indicator.formula}</code>
        </Descriptions.Item>
        <Descriptions.Item label={t("item.rule")}>
          {describeRule(indicator.rule, lang, indicator.unit)}
        </Descriptions.Item>
        <Descriptions.Item label={t("item.weight")}>
          {formatNumber(indicator.weight, 4)}
        </Descriptions.Item>
        <Descriptions.Item label={t("item.required")}>
          {indicator.evidenceRequired.length === 0 ? (
            <Typography.Text type="secondary">{t("item.noneRequired")}</Typography.Text>
          ) : (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {indicator.evidenceRequired.map((entry) => (
                <li key={entry}>{entry}</li>
              ))}
            </ul>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Section title={t("item.figures")}>
        <FiguresTable
          indicator={indicator}
          previous={previous}
          regions={data.items.regions}
          previousRegions={data.previous?.regions ?? []}
          regionValues={
            data.report?.indicators.find((entry) => entry.code === indicator.code)?.regions
          }
        />
      </Section>
      <Section title={t("item.evidence")}>
        <EvidencePanel
          year={data.year}
          kind="indicator"
          code={indicator.code}
          files={indicator.evidence}
          canUpload={false}
          onChanged={refresh}
        />
        {indicator.elements
          .filter((element) => element.evidence.length > 0)
          .map((element) => (
            <div key={element.code} style={{ marginTop: 12 }}>
              <Typography.Text strong>
                {t("item.elementEvidence", { name: element.name })}
              </Typography.Text>
              <EvidencePanel
                year={data.year}
                kind="dataElement"
                code={element.code}
                files={element.evidence}
                canUpload={false}
                onChanged={refresh}
              />
            </div>
          ))}
      </Section>
      <Section title={t("item.comments")}>
        <CommentThread year={data.year} kind="indicator" code={indicator.code} />
      </Section>
    </>
  );
}

function WorkItemDetails({ data, item }: { data: ReviewData; item: DepartmentWorkItem }) {
  const { t, i18n } = useTranslation("office");
  const queryClient = useQueryClient();
  const lang = formatLanguage(i18n.language);
  const loss = data.report?.workItems.find((candidate) => candidate.code === item.code)?.loss;
  return (
    <>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("review.earned")}>
          {formatNumber(item.earned, 2)} / {formatNumber(item.points, 2)}
        </Descriptions.Item>
        <Descriptions.Item label={t("review.loss")}>{formatScore(loss)}</Descriptions.Item>
        <Descriptions.Item label={t("review.status")}>
          {item.answer
            ? `${t("review.answered")} · ${authorName(item.answer.updatedBy, t)} · ${formatDateTime(item.answer.updatedAt, lang)}`
            : t("review.notAnswered")}
        </Descriptions.Item>
        <Descriptions.Item label={t("review.explanation")}>
          {item.answer?.explanation ? (
            <span style={{ whiteSpace: "pre-wrap" }}>{item.answer.explanation}</span>
          ) : (
            <Typography.Text type="secondary">{t("review.noExplanation")}</Typography.Text>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Section title={t("item.criteria")}>
        <CriteriaTable item={item} />
      </Section>
      <Section title={t("item.evidence")}>
        <EvidencePanel
          year={data.year}
          kind="workItem"
          code={item.code}
          files={item.evidence}
          canUpload={false}
          onChanged={() =>
            void queryClient.invalidateQueries({
              queryKey: queryKeys.items(data.year, item.department),
            })
          }
        />
      </Section>
      <Section title={t("item.comments")}>
        <CommentThread year={data.year} kind="workItem" code={item.code} />
      </Section>
    </>
  );
}

/**
 * One item of the department (route items/:kind/:code under its review page), over
 * the page: its figures or criteria, its evidence and its comment thread.
 */
export function ItemDrawer({ data, department }: { data: ReviewData; department: string }) {
  const { t } = useTranslation("office");
  const navigate = useNavigate();
  const { kind, code } = useParams();
  const indicator =
    kind === "indicator" ? data.items.indicators.find((entry) => entry.code === code) : undefined;
  const workItem =
    kind === "workItem" ? data.items.workItems.find((entry) => entry.code === code) : undefined;
  const title = indicator?.name ?? workItem?.name ?? code ?? "";
  const close = () => navigate(`/office/departments/${encodeURIComponent(department)}`);

  return (
    <Drawer
      open
      onClose={close}
      size={760}
      title={
        <Space>
          <span>{title}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {code}
          </Typography.Text>
        </Space>
      }
      closable={{ "aria-label": t("item.close") }}
    >
      <div data-testid="item-drawer">
        {indicator ? (
          <IndicatorDetails data={data} indicator={indicator} />
        ) : workItem ? (
          <WorkItemDetails data={data} item={workItem} />
        ) : (
          <Empty description={t("item.notFound")} />
        )}
      </div>
    </Drawer>
  );
}
