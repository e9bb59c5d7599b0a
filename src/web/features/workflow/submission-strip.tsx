import { Alert, Button, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { DepartmentItems, SubmissionDetail } from "../../../contract/api";
import { formatDate, formatDateTime, formatLanguage } from "../../shared/format";
import { itemName, placeOf, type ItemPlace } from "./item-target";
import { SubmissionStateTag } from "./state-tag";
import "./messages";
import "./workflow.css";

/**
 * The department's hand-in at the top of its workspace: the state with when it was
 * submitted, the submit button for the head (a hint for the clerk), why the page is
 * read-only when it is, and while returned the office's reasons, each leading to its item.
 */
export function SubmissionStrip(props: {
  submission: SubmissionDetail;
  items: Pick<DepartmentItems, "indicators" | "workItems">;
  isHead: boolean;
  onSubmit: () => void;
  onGoTo: (place: ItemPlace) => void;
}) {
  const { submission, items } = props;
  const { t, i18n } = useTranslation("workflow");
  const lang = formatLanguage(i18n.language);
  const canSubmit =
    (submission.state === "draft" || submission.state === "returned") && submission.lock === null;
  return (
    <div className="kp-submission" data-testid="submission-strip">
      <Space wrap align="center" size={[12, 4]}>
        <span className="kp-summary-label">{t("strip.label")}</span>
        <SubmissionStateTag state={submission.state} />
        <Typography.Text type="secondary">
          {submission.firstSubmittedAt
            ? t("strip.firstSubmitted", { at: formatDateTime(submission.firstSubmittedAt, lang) })
            : t("strip.notYet")}
        </Typography.Text>
        {submission.lastSubmittedAt &&
        submission.lastSubmittedAt !== submission.firstSubmittedAt ? (
          <Typography.Text type="secondary">
            {t("strip.lastSubmitted", { at: formatDateTime(submission.lastSubmittedAt, lang) })}
          </Typography.Text>
        ) : null}
        {submission.acceptedAt ? (
          <Typography.Text type="secondary">
            {t("strip.acceptedAt", { at: formatDateTime(submission.acceptedAt, lang) })}
          </Typography.Text>
        ) : null}
        {submission.returns > 0 ? (
          <Typography.Text type="secondary">
            {t("strip.returns", { count: submission.returns })}
          </Typography.Text>
        ) : null}
        {canSubmit && props.isHead ? (
          <Button type="primary" onClick={props.onSubmit} data-testid="open-submit">
            {t("strip.submit")}
          </Button>
        ) : null}
      </Space>
      {canSubmit && !props.isHead ? (
        <Typography.Paragraph type="secondary" className="kp-submission-hint">
          {t("strip.clerkHint")}
        </Typography.Paragraph>
      ) : null}
      {submission.exception ? (
        <Typography.Paragraph type="secondary" className="kp-submission-hint">
          {t("strip.exception", {
            until: formatDate(submission.exception.until, lang),
            reason: submission.exception.reason,
          })}
        </Typography.Paragraph>
      ) : null}
      {submission.lock ? (
        <Alert
          type="warning"
          showIcon
          role="status"
          className="kp-notice"
          data-testid={`lock-banner-${submission.lock.kind}`}
          title={t("lock.title")}
          description={submission.lock.message}
        />
      ) : null}
      {submission.state === "returned" && submission.openReasons.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          className="kp-notice"
          data-testid="return-reasons"
          title={t("reasons.title")}
          description={
            <ul className="kp-reason-list">
              {submission.openReasons.map((reason, index) => {
                const place = placeOf(reason.item, items);
                const name = itemName(reason.item, items);
                return (
                  <li key={index}>
                    {place ? (
                      <Button
                        type="link"
                        size="small"
                        className="kp-inline-link"
                        onClick={() => props.onGoTo(place)}
                      >
                        {name}
                      </Button>
                    ) : (
                      <strong>{name}</strong>
                    )}
                    ：{reason.reason}
                  </li>
                );
              })}
            </ul>
          }
        />
      ) : null}
    </div>
  );
}
