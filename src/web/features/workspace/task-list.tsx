import { Button, Space, Table, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { DepartmentItems } from "../../../contract/api";
import type { ScoreResult } from "../../../core";
import { figureCoverage, type Coverage } from "../../../core/progress/figure-coverage";
import { formatPoints } from "./format";
import { CheckIcon, WarningIcon } from "./status-icons";

export interface TaskRow {
  kind: "indicator" | "workItem";
  code: string;
  name: string;
  coverage: Coverage | null;
  answered: boolean;
  evidenceCount: number;
  evidenceRequired: boolean;
  loss: number;
}

/** One row per indicator and work item, from the saved state (the server's view). */
export function taskRows(items: DepartmentItems, saved: ScoreResult | null): TaskRow[] {
  const regions = items.regions.map((region) => region.code);
  const workLoss = new Map(saved?.workItems.map((item) => [item.code, item.loss]));
  const indicators: TaskRow[] = items.indicators.map((indicator) => {
    const entered = new Map(
      indicator.elements.map((element) => [element.code, new Set(Object.keys(element.values))]),
    );
    return {
      kind: "indicator",
      code: indicator.code,
      name: indicator.name,
      coverage: figureCoverage(
        indicator.elements.map((element) => element.code),
        regions,
        (code) => entered.get(code),
      ),
      answered: indicator.status === "ok",
      evidenceCount:
        indicator.evidence.length +
        indicator.elements.reduce((sum, element) => sum + element.evidence.length, 0),
      evidenceRequired: indicator.evidenceRequired.length > 0,
      loss: indicator.loss,
    };
  });
  const work: TaskRow[] = items.workItems.map((item) => ({
    kind: "workItem",
    code: item.code,
    name: item.name,
    coverage: null,
    answered: item.answer !== null,
    evidenceCount: item.evidence.length,
    evidenceRequired: false,
    loss: workLoss.get(item.code) ?? 0,
  }));
  return [...indicators, ...work];
}

function Complete({ ok, text }: { ok: boolean; text: string }) {
  return (
    <span className={ok ? "kp-ok" : "kp-warn"}>
      {ok ? <CheckIcon /> : <WarningIcon />} {text}
    </span>
  );
}

/** The department's to-do list: what is filled, what evidence is there, what each item loses. */
export function TaskList({
  rows,
  onDetails,
}: {
  rows: TaskRow[];
  onDetails: (kind: TaskRow["kind"], code: string) => void;
}) {
  const { t } = useTranslation("workspace");
  const columns: ColumnsType<TaskRow> = [
    {
      title: t("tasks.item"),
      key: "item",
      render: (_, row) => (
        <Space size={4} wrap>
          <Tag>{row.kind === "indicator" ? t("tasks.indicator") : t("tasks.workItem")}</Tag>
          <span className="kp-code">{row.code}</span>
          <span>{row.name}</span>
        </Space>
      ),
    },
    {
      title: t("tasks.completeness"),
      key: "completeness",
      render: (_, row) =>
        row.coverage ? (
          <Complete
            ok={row.coverage.filled >= row.coverage.expected}
            text={t("tasks.figures", { ...row.coverage })}
          />
        ) : (
          <Complete
            ok={row.answered}
            text={row.answered ? t("tasks.answered") : t("tasks.notAnswered")}
          />
        ),
    },
    {
      title: t("tasks.evidence"),
      key: "evidence",
      render: (_, row) =>
        row.evidenceCount > 0 ? (
          <Complete ok text={t("tasks.evidenceOk", { count: row.evidenceCount })} />
        ) : row.evidenceRequired ? (
          <Complete ok={false} text={t("tasks.evidenceMissing")} />
        ) : (
          <span className="kp-muted">{t("tasks.evidenceNone")}</span>
        ),
    },
    {
      title: t("tasks.loss"),
      key: "loss",
      align: "right",
      render: (_, row) => (
        <span data-testid={`task-loss-${row.code}`}>{formatPoints(row.loss)}</span>
      ),
    },
    {
      title: t("tasks.actions"),
      key: "actions",
      render: (_, row) => (
        <Space size={4} wrap>
          <Link
            className="kp-link"
            to={
              row.kind === "indicator"
                ? `/workspace/indicators#indicator-${row.code}`
                : `/workspace/work#work-${row.code}`
            }
            aria-label={`${t("tasks.fill")} ${row.code} ${row.name}`}
          >
            {t("tasks.fill")}
          </Link>
          <Button
            size="small"
            onClick={() => onDetails(row.kind, row.code)}
            aria-label={`${t("tasks.details")} ${row.code} ${row.name}`}
          >
            {t("tasks.details")}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <Table<TaskRow>
      className="kp-task-table"
      rowKey={(row) => `${row.kind}-${row.code}`}
      columns={columns}
      dataSource={rows}
      pagination={false}
      size="small"
      scroll={{ x: 720 }}
      onRow={(row) => ({ "data-testid": `task-${row.code}` }) as HTMLAttributes<HTMLElement>}
    />
  );
}
