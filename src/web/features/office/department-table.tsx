import { Progress, Table, Typography } from "antd";
import type { TableColumnsType } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { DepartmentOverview } from "../../../contract/api";
import {
  formatDateTime,
  formatLanguage,
  formatPercent,
  formatScore,
  NO_VALUE,
} from "../../shared/format";
import { authorName } from "./author-name";
import { SUBMISSION_ORDER, SubmissionCell } from "../workflow/submission-cell";
import "./messages";

/** A share with its bar: the number is always written, the bar only repeats it. */
function ShareCell({
  share,
  detail,
  label,
}: {
  share: number | null;
  detail: string;
  label: string;
}) {
  const { t } = useTranslation("office");
  if (share === null) {
    return (
      <span>
        {NO_VALUE}{" "}
        <Typography.Text type="secondary">{t("departments.noneExpected")}</Typography.Text>
      </span>
    );
  }
  return (
    <div style={{ display: "flex", alignItems: "center", gap: 8, minWidth: 160 }}>
      <Progress
        percent={Math.round(share * 1000) / 10}
        showInfo={false}
        size="small"
        style={{ flex: 1, margin: 0 }}
        status={share >= 1 ? "success" : "normal"}
        aria-label={label}
      />
      <span style={{ flex: "0 0 auto", fontVariantNumeric: "tabular-nums" }}>
        {formatPercent(share)}
        <Typography.Text type="secondary" style={{ marginLeft: 4, fontSize: 12 }}>
          {detail}
        </Typography.Text>
      </span>
    </div>
  );
}

const byNullableShare = (a: number | null, b: number | null) => (a ?? 2) - (b ?? 2);

/**
 * Every department's progress, sortable by each column; the name leads to the
 * department's review page.
 */
export function DepartmentTable({ departments }: { departments: DepartmentOverview[] }) {
  const { t, i18n } = useTranslation("office");
  const lang = formatLanguage(i18n.language);

  const columns: TableColumnsType<DepartmentOverview> = [
    {
      key: "name",
      title: t("departments.name"),
      sorter: (a, b) => a.name.localeCompare(b.name, "zh-CN"),
      render: (_, row) => (
        <div>
          <Link to={`/office/departments/${encodeURIComponent(row.code)}`}>{row.name}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("departments.items", {
                indicators: row.indicatorCount,
                work: row.workItemCount,
              })}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      key: "submission",
      title: t("departments.column", { ns: "workflow" }),
      sorter: (a, b) => SUBMISSION_ORDER[a.submission.state] - SUBMISSION_ORDER[b.submission.state],
      render: (_, row) => <SubmissionCell submission={row.submission} code={row.code} />,
    },
    {
      key: "figures",
      title: t("departments.figures"),
      sorter: (a, b) => byNullableShare(a.figures.share, b.figures.share),
      render: (_, row) => (
        <ShareCell
          share={row.figures.share}
          detail={t("departments.filledOf", {
            filled: row.figures.filled,
            expected: row.figures.expected,
          })}
          label={t("departments.progressLabel", { name: row.name, what: t("departments.figures") })}
        />
      ),
    },
    {
      key: "evidence",
      title: t("departments.evidence"),
      sorter: (a, b) => byNullableShare(a.evidence.share, b.evidence.share),
      render: (_, row) => (
        <ShareCell
          share={row.evidence.share}
          detail={t("departments.filledOf", {
            filled: row.evidence.withEvidence,
            expected: row.evidence.items,
          })}
          label={t("departments.progressLabel", {
            name: row.name,
            what: t("departments.evidence"),
          })}
        />
      ),
    },
    {
      key: "loss",
      title: t("departments.loss"),
      align: "right",
      sorter: (a, b) => a.loss - b.loss,
      defaultSortOrder: "descend",
      render: (_, row) => (
        <span style={{ fontVariantNumeric: "tabular-nums" }}>{formatScore(row.loss)}</span>
      ),
    },
    {
      key: "lastActivity",
      title: t("departments.lastActivity"),
      sorter: (a, b) => (a.lastActivity?.at ?? "").localeCompare(b.lastActivity?.at ?? ""),
      render: (_, row) => {
        const activity = row.lastActivity;
        if (!activity)
          return <Typography.Text type="secondary">{t("none", { ns: "common" })}</Typography.Text>;
        const who = authorName(activity.by, t, activity.displayName);
        return (
          <div>
            <div>
              {who} · {t(`departments.activity.${activity.kind}`)}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(activity.at, lang)}
            </Typography.Text>
          </div>
        );
      },
    },
  ];

  return (
    <Table<DepartmentOverview>
      rowKey="code"
      size="middle"
      columns={columns}
      dataSource={departments}
      pagination={false}
      locale={{ emptyText: t("departments.empty") }}
      onRow={(row) => ({ "data-testid": `dept-row-${row.code}` }) as HTMLAttributes<HTMLElement>}
    />
  );
}
