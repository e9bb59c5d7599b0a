import { useQueryClient } from "@tanstack/react-query";
import { Button, Checkbox, Input, InputNumber, Tag } from "antd";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DepartmentWorkItem, SaveWorkBody, WorkAnswer } from "../../../contract/api";
import { api, ApiError } from "../../api/client";
import { queryKeys } from "../../api/query-keys";
import { formatDateTime, formatLanguage, formatNumber } from "../../shared/format";
import { SaveStatus } from "./cell-status";
import { ConflictDialog } from "./conflict-dialog";
import { retryDelay } from "./figure-saver";
import type { CellStatus } from "./figure-store";
import { awardedOf, draftFromAnswer, type WorkDraft } from "./work-drafts";
import { ItemReasons } from "../workflow/item-reasons";

export interface WorkItemCardProps {
  year: number;
  department: string;
  item: DepartmentWorkItem;
  /** The newest answer the page knows (saved here or listed by the server). */
  answer: WorkAnswer | null;
  draft: WorkDraft | undefined;
  readOnly: boolean;
  onDraft: (item: string, draft: WorkDraft | undefined) => void;
  onSaved: (answer: WorkAnswer) => void;
  onLocked: (message: string) => void;
  onDetails: (code: string) => void;
}

function sumOf(awarded: Record<string, number>): number {
  return Object.values(awarded).reduce((sum, points) => sum + points, 0);
}

/**
 * One work item of the 工作测评表: each criterion scored (a box for full points, a
 * number for part of them), an explanation, saved together with the version last seen;
 * a conflict asks the user, as for figures.
 */
export function WorkItemCard(props: WorkItemCardProps) {
  const { item, answer, draft, year } = props;
  const { t, i18n } = useTranslation("workspace");
  const lang = formatLanguage(i18n.language);
  const queryClient = useQueryClient();
  const explanationId = useId();
  const [status, setStatus] = useState<CellStatus>("idle");
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ current: WorkAnswer | null } | null>(null);
  const attempt = useRef(0);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (retryTimer.current) clearTimeout(retryTimer.current);
    },
    [],
  );

  const shown = draft ?? draftFromAnswer(answer);
  const outOfRange = item.criteria.filter((criterion) => {
    const points = shown.awarded[criterion.code];
    return points !== null && points !== undefined && (points < 0 || points > criterion.points);
  });
  const earned = sumOf(awardedOf(shown));
  const shownStatus: CellStatus =
    status === "saving" || status === "error" ? status : draft ? "unsaved" : status;

  const change = (next: WorkDraft) => {
    setProblem(null);
    if (status !== "saving") setStatus("unsaved");
    props.onDraft(item.code, next);
  };

  const save = async (version: number, toSave: WorkDraft) => {
    if (retryTimer.current) clearTimeout(retryTimer.current);
    const body: SaveWorkBody = {
      awarded: awardedOf(toSave),
      explanation: toSave.explanation.trim() === "" ? null : toSave.explanation,
      version,
    };
    setStatus("saving");
    setProblem(null);
    try {
      const saved = await api.put<WorkAnswer>(
        `/api/cycles/${year}/work/${encodeURIComponent(item.code)}`,
        body,
      );
      attempt.current = 0;
      props.onSaved(saved);
      props.onDraft(item.code, undefined);
      setStatus("saved");
      void queryClient.invalidateQueries({ queryKey: queryKeys.items(year, props.department) });
    } catch (error) {
      const refusal = error instanceof ApiError ? error : null;
      if (refusal?.status === 409 && refusal.body && "current" in refusal.body) {
        setStatus("unsaved");
        setConflict({ current: refusal.body.current as WorkAnswer | null });
      } else if (refusal?.status === 423) {
        setStatus("unsaved");
        props.onLocked(refusal.message);
      } else if (refusal === null || refusal.temporary) {
        setStatus("unsaved");
        setProblem(refusal?.message ?? String(error));
        const delay = retryDelay(attempt.current++);
        retryTimer.current = setTimeout(() => void save(version, toSave), delay);
      } else {
        setStatus("error");
        setProblem(refusal.message);
      }
    }
  };

  const canSave = !props.readOnly && outOfRange.length === 0 && status !== "saving";
  const savedBy = answer
    ? t("work.savedBy", { user: answer.updatedBy, time: formatDateTime(answer.updatedAt, lang) })
    : t("work.notAnswered");

  return (
    <section
      className="kp-card"
      id={`work-${item.code}`}
      data-testid={`work-${item.code}`}
      aria-labelledby={`work-heading-${item.code}`}
    >
      <div className="kp-card-head">
        <h3 id={`work-heading-${item.code}`} className="kp-card-title">
          <span className="kp-code">{item.code}</span> {item.name}
        </h3>
        <Tag>{t("work.points", { points: formatNumber(item.points, 4) })}</Tag>
        <Button size="small" onClick={() => props.onDetails(item.code)}>
          {t("grid.details")}
        </Button>
      </div>
      <ItemReasons kind="workItem" code={item.code} />
      <table className="kp-work-table">
        <thead>
          <tr>
            <th scope="col">{t("work.criterion")}</th>
            <th scope="col">{t("work.met")}</th>
            <th scope="col">{t("work.awarded")}</th>
          </tr>
        </thead>
        <tbody>
          {item.criteria.map((criterion) => {
            const points = shown.awarded[criterion.code] ?? null;
            const invalid = outOfRange.includes(criterion);
            return (
              <tr key={criterion.code}>
                <th scope="row" className="kp-work-criterion">
                  <span className="kp-code">{criterion.code}</span> {criterion.text}
                  <span className="kp-muted">（{formatNumber(criterion.points, 4)}）</span>
                </th>
                <td>
                  <Checkbox
                    checked={points === criterion.points}
                    disabled={props.readOnly}
                    aria-label={t("work.metLabel", { criterion: criterion.code })}
                    data-testid={`work-met-${item.code}-${criterion.code}`}
                    onChange={(event) =>
                      change({
                        ...shown,
                        awarded: {
                          ...shown.awarded,
                          [criterion.code]: event.target.checked ? criterion.points : 0,
                        },
                      })
                    }
                  />
                </td>
                <td>
                  <InputNumber
                    value={points}
                    min={0}
                    max={criterion.points}
                    step={0.5}
                    readOnly={props.readOnly}
                    status={invalid ? "error" : undefined}
                    aria-label={t("work.awardedLabel", {
                      criterion: criterion.code,
                      points: formatNumber(criterion.points, 4),
                    })}
                    data-testid={`work-${item.code}-${criterion.code}`}
                    onChange={(value) =>
                      change({
                        ...shown,
                        awarded: { ...shown.awarded, [criterion.code]: value ?? null },
                      })
                    }
                  />
                  {invalid ? (
                    <div className="kp-cell-error">
                      {t("work.outOfRange", { points: formatNumber(criterion.points, 4) })}
                    </div>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <label htmlFor={explanationId} className="kp-field-label">
        {t("work.explanation")}
      </label>
      <Input.TextArea
        id={explanationId}
        value={shown.explanation}
        maxLength={5000}
        autoSize={{ minRows: 2, maxRows: 8 }}
        readOnly={props.readOnly}
        data-testid={`work-explanation-${item.code}`}
        onChange={(event) => change({ ...shown, explanation: event.target.value })}
      />
      <div className="kp-work-foot">
        <span data-testid={`work-points-${item.code}`}>
          {t("work.earned", {
            earned: formatNumber(earned, 4),
            points: formatNumber(item.points, 4),
          })}
        </span>
        <SaveStatus status={shownStatus} testId={`work-status-${item.code}`} />
        <span className="kp-muted">{savedBy}</span>
        {problem ? (
          <span className="kp-cell-error" role="alert">
            {problem}
          </span>
        ) : null}
        <Button
          type="primary"
          disabled={!canSave || !draft}
          loading={status === "saving"}
          data-testid={`work-save-${item.code}`}
          onClick={() => draft && void save(answer?.version ?? 0, draft)}
        >
          {t("work.save")}
        </Button>
      </div>
      {conflict ? (
        <ConflictDialog
          open
          item={`${item.code} ${item.name}`}
          mineLabel={t("conflict.workMine")}
          mine={
            <>
              {t("work.earned", {
                earned: formatNumber(earned, 4),
                points: formatNumber(item.points, 4),
              })}
              {shown.explanation ? <div className="kp-muted">{shown.explanation}</div> : null}
            </>
          }
          storedLabel={t("conflict.workStored")}
          stored={
            conflict.current ? (
              <>
                {t("work.earned", {
                  earned: formatNumber(sumOf(conflict.current.awarded), 4),
                  points: formatNumber(item.points, 4),
                })}
                {conflict.current.explanation ? (
                  <div className="kp-muted">{conflict.current.explanation}</div>
                ) : null}
              </>
            ) : (
              t("conflict.empty")
            )
          }
          storedBy={conflict.current?.updatedBy}
          storedAt={conflict.current?.updatedAt}
          onKeepMine={() => {
            const current = conflict.current;
            setConflict(null);
            if (current) props.onSaved(current);
            if (draft) void save(current?.version ?? 0, draft);
          }}
          onTakeStored={() => {
            const current = conflict.current;
            setConflict(null);
            if (current) props.onSaved(current);
            props.onDraft(item.code, undefined);
            setStatus("idle");
          }}
        />
      ) : null}
    </section>
  );
}
