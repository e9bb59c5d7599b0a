import { Tooltip } from "antd";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { formatDate, formatLanguage } from "../../shared/format";
import { deadlineState } from "./deadline";
import { formatPoints } from "./format";
import { departmentPoints } from "./live-score";
import type { FigureStore } from "./figure-store";
import { useDepartmentLoss, type LiveScoreStore } from "./live-score-store";
import { usePendingCount } from "./store-hooks";
import { CheckIcon, ClockIcon, WarningIcon } from "./status-icons";

/** "距截止还有 N 天" / "今天截止" / "已过截止日期 N 天", with an icon: never colour alone. */
export function DeadlineBadge({ due, today }: { due: string; today: string }) {
  const { t, i18n } = useTranslation("workspace");
  const state = deadlineState(due, today);
  if (!state) return null;
  const text =
    state.kind === "ahead"
      ? t("deadline.ahead", { days: state.days })
      : state.kind === "today"
        ? t("deadline.today")
        : t("deadline.passed", { days: state.days });
  return (
    <span className={`kp-deadline kp-deadline-${state.kind}`} data-testid="deadline">
      {state.kind === "passed" ? <WarningIcon /> : <ClockIcon />}
      <span>{text}</span>
      <span className="kp-muted">
        {t("deadline.due", { date: formatDate(due, formatLanguage(i18n.language)) })}
      </span>
    </span>
  );
}

/** The summary's label with its explanation (apart, so the numbers re-render alone). */
const SummaryLabel = memo(function SummaryLabel() {
  const { t } = useTranslation("workspace");
  return (
    <Tooltip title={t("summary.explain")}>
      <span className="kp-summary-label" tabIndex={0}>
        {t("summary.label")}
      </span>
    </Tooltip>
  );
});

/** The department's points out of 100 at the top of the page: what its items earn and lose. */
export function DepartmentSummary({
  score,
  figures,
  department,
  workDrafts,
}: {
  score: LiveScoreStore;
  figures: FigureStore;
  department: string;
  /** Work answers being edited and not saved. */
  workDrafts: number;
}) {
  const { t } = useTranslation("workspace");
  const withDrafts = usePendingCount(figures) + workDrafts > 0;
  const loss = useDepartmentLoss(score);
  const { indicators, workItems } = score.current().score;
  const points = departmentPoints(
    [...indicators, ...workItems],
    score.scorer.worth,
    department,
    loss,
  );
  const earned = Math.max(0, points.worth - points.loss);
  return (
    <div className="kp-summary" aria-label={t("summary.label")}>
      <SummaryLabel />
      <span className="kp-summary-points">
        <CheckIcon />{" "}
        <span data-testid="dept-points">
          {t("summary.points", { earned: formatPoints(earned), worth: formatPoints(points.worth) })}
        </span>
      </span>
      <span className="kp-summary-loss">
        <WarningIcon /> {t("summary.loss")}{" "}
        <strong data-testid="dept-loss">{formatPoints(points.loss)}</strong> {t("summary.unit")}
      </span>
      {withDrafts ? <span className="kp-muted">（{t("summary.withDrafts")}）</span> : null}
    </div>
  );
}
