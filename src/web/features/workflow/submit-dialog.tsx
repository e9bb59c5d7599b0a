import { App, Button, Checkbox, Input, Modal, Skeleton, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type {
  DepartmentItems,
  SubmissionCheckView,
  SubmissionDetail,
  SubmitBody,
} from "../../../contract/api";
import { api } from "../../api/client";
import { ApiProblem } from "./api-problem";
import { placeOf, type ItemPlace } from "./item-target";
import { departmentPath, useRefreshAfterStep, useSubmissionChecks } from "./queries";
import { justificationsFor, readiness } from "./submit-readiness";
import "./messages";
import "./workflow.css";

function CheckEntry(props: {
  check: SubmissionCheckView;
  place: ItemPlace | null;
  onGoTo: (place: ItemPlace) => void;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation("workflow");
  const { check, place } = props;
  return (
    <li className="kp-check" data-testid={`check-${check.severity}`} data-check={check.id}>
      <div className="kp-check-line">
        <span>{check.message}</span>
        {place ? (
          <Button size="small" type="link" onClick={() => props.onGoTo(place)}>
            {t("submit.goTo")}
          </Button>
        ) : null}
      </div>
      {props.children}
    </li>
  );
}

/**
 * The head certifies and hands in: the checks (errors first, then warnings), a
 * justification for each warning, the declaration to tick, and 报送 — enabled only
 * when nothing blocks. Each finding leads to its item (the dialog closes).
 */
export function SubmitDialog(props: {
  year: number;
  department: string;
  items: Pick<DepartmentItems, "indicators" | "workItems">;
  onClose: () => void;
  onGoTo: (place: ItemPlace) => void;
}) {
  const { year, department } = props;
  const { t } = useTranslation("workflow");
  const { message } = App.useApp();
  const refresh = useRefreshAfterStep();
  const checks = useSubmissionChecks(year, department, true);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [confirmed, setConfirmed] = useState(false);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  const found = checks.data?.checks ?? [];
  const state = readiness(found, texts, confirmed);
  const goTo = (place: ItemPlace) => {
    props.onClose();
    props.onGoTo(place);
  };

  const send = async () => {
    if (!checks.data || !state.ready) return;
    setSending(true);
    setProblem(null);
    const body: SubmitBody = {
      declaration: checks.data.declaration,
      justifications: justificationsFor(state.warnings, texts),
    };
    try {
      await api.post<SubmissionDetail>(`${departmentPath(year, department)}/submit`, body);
      await refresh(year, department);
      void message.success(t("submit.done"));
      props.onClose();
    } catch (error) {
      setProblem(error);
      void checks.refetch();
    } finally {
      setSending(false);
    }
  };

  const blockerText =
    state.blocker === "errors"
      ? t("submit.blockedErrors")
      : state.blocker === "warnings"
        ? t("submit.blockedWarnings")
        : state.blocker === "confirm"
          ? t("submit.blockedConfirm")
          : null;

  return (
    <Modal
      open
      width={760}
      title={t("submit.title", { year })}
      onCancel={props.onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={props.onClose}>
          {t("submit.cancel")}
        </Button>,
        <Button
          key="send"
          type="primary"
          disabled={!state.ready || !checks.data}
          loading={sending}
          onClick={() => void send()}
          data-testid="submit-send"
        >
          {t("submit.send")}
        </Button>,
      ]}
    >
      <div data-testid="submit-dialog">
        <ApiProblem
          error={checks.error}
          title={(text) => t("strip.loadFailed", { message: text })}
        />
        {!checks.data ? (
          checks.isError ? null : (
            <>
              <Typography.Paragraph>{t("submit.loading")}</Typography.Paragraph>
              <Skeleton active />
            </>
          )
        ) : (
          <>
            {found.length === 0 ? (
              <Typography.Paragraph data-testid="checks-clear">
                {t("submit.noProblems")}
              </Typography.Paragraph>
            ) : null}
            {state.errors.length > 0 ? (
              <section aria-labelledby="check-errors" data-testid="check-errors">
                <h3 id="check-errors" className="kp-check-heading kp-check-heading-error">
                  {t("submit.errors", { count: state.errors.length })}
                </h3>
                <ul className="kp-check-list">
                  {state.errors.map((check) => (
                    <CheckEntry
                      key={check.id}
                      check={check}
                      place={placeOf(check.target, props.items)}
                      onGoTo={goTo}
                    />
                  ))}
                </ul>
              </section>
            ) : null}
            {state.warnings.length > 0 ? (
              <section aria-labelledby="check-warnings" data-testid="check-warnings">
                <h3 id="check-warnings" className="kp-check-heading">
                  {t("submit.warnings", { count: state.warnings.length })}
                </h3>
                <ul className="kp-check-list">
                  {state.warnings.map((check) => (
                    <CheckEntry
                      key={check.id}
                      check={check}
                      place={placeOf(check.target, props.items)}
                      onGoTo={goTo}
                    >
                      <Input.TextArea
                        aria-label={`${t("submit.justification")}：${check.message}`}
                        placeholder={t("submit.justificationPlaceholder")}
                        autoSize={{ minRows: 1, maxRows: 4 }}
                        maxLength={1000}
                        value={texts[check.id] ?? ""}
                        onChange={(event) =>
                          setTexts((all) => ({ ...all, [check.id]: event.target.value }))
                        }
                        data-testid="justification"
                      />
                    </CheckEntry>
                  ))}
                </ul>
              </section>
            ) : null}
            <section aria-labelledby="declaration-heading" className="kp-declaration">
              <h3 id="declaration-heading" className="kp-check-heading">
                {t("submit.declaration")}
              </h3>
              <Typography.Paragraph data-testid="declaration-text">
                {checks.data.declaration}
              </Typography.Paragraph>
              <Checkbox
                checked={confirmed}
                onChange={(event) => setConfirmed(event.target.checked)}
                data-testid="declaration-confirm"
              >
                {t("submit.confirm")}
              </Checkbox>
            </section>
            {blockerText ? (
              <Typography.Paragraph type="secondary" data-testid="submit-blocker">
                {blockerText}
              </Typography.Paragraph>
            ) : null}
          </>
        )}
        <ApiProblem
          error={problem}
          title={(text) => t("submit.refused", { message: text })}
          testId="submit-refused"
        />
      </div>
    </Modal>
  );
}
