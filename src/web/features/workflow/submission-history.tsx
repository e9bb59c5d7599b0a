import { Alert, Button, Timeline, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DepartmentItems, SubmissionDetail, SubmissionEvent } from "../../../contract/api";
import { formatDateTime, formatLanguage } from "../../shared/format";
import { errorMessage } from "./api-problem";
import { itemName } from "./item-target";
import { useCertificate } from "./queries";
import "./messages";
import "./workflow.css";

/** Whether the data still matches what the head certified (GET …/certificate). */
function CertificateCheck({ year, department }: { year: number; department: string }) {
  const { t } = useTranslation("workflow");
  const [asked, setAsked] = useState(false);
  const certificate = useCertificate(year, department, asked);
  return (
    <div>
      <Button
        size="small"
        onClick={() => (asked ? void certificate.refetch() : setAsked(true))}
        loading={certificate.isFetching}
        data-testid="certificate-check"
      >
        {t("review.certificate")}
      </Button>
      {certificate.data ? (
        <Alert
          style={{ marginTop: 8 }}
          type={certificate.data.matches ? "success" : "error"}
          showIcon
          role="status"
          data-testid={`certificate-${certificate.data.matches ? "matches" : "differs"}`}
          title={
            certificate.data.matches
              ? t("review.certificateMatches")
              : t("review.certificateDiffers")
          }
        />
      ) : certificate.isError ? (
        <Alert
          style={{ marginTop: 8 }}
          type="error"
          showIcon
          title={t("review.certificateFailed", { message: errorMessage(certificate.error) })}
        />
      ) : null}
    </div>
  );
}

function EventBody(props: {
  event: SubmissionEvent;
  items: Pick<DepartmentItems, "indicators" | "workItems">;
  latestSubmit: boolean;
  year: number;
  department: string;
}) {
  const { event, items } = props;
  const { t, i18n } = useTranslation("workflow");
  const lang = formatLanguage(i18n.language);
  const who = event.actor.displayName ?? event.actor.username;
  return (
    <div data-testid={`history-${event.kind}`}>
      <Typography.Text strong>{t(`review.event.${event.kind}`)}</Typography.Text>{" "}
      <Typography.Text type="secondary">
        {t("review.by", { who, at: formatDateTime(event.at, lang) })}
      </Typography.Text>
      {event.declaration ? (
        <Typography.Paragraph className="kp-history-block">
          <Typography.Text type="secondary">{t("review.declaration")}：</Typography.Text>
          {event.declaration}
        </Typography.Paragraph>
      ) : null}
      {event.justifications.length > 0 ? (
        <div className="kp-history-block" data-testid="history-justifications">
          <Typography.Text type="secondary">{t("review.justifications")}：</Typography.Text>
          <ul className="kp-reason-list">
            {event.justifications.map((entry) => (
              <li key={entry.check}>
                {entry.message ?? entry.check}
                <br />
                <Typography.Text strong>{entry.text}</Typography.Text>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {event.reasons.length > 0 ? (
        <div className="kp-history-block">
          <Typography.Text type="secondary">{t("review.reasons")}：</Typography.Text>
          <ul className="kp-reason-list">
            {event.reasons.map((entry, index) => (
              <li key={index}>
                {itemName(entry.item, items)}：{entry.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {event.reason ? (
        <Typography.Paragraph className="kp-history-block">
          {t("review.reopenReason", { reason: event.reason })}
        </Typography.Paragraph>
      ) : null}
      {event.digest ? (
        <div className="kp-history-block">
          <Typography.Text type="secondary">{t("review.digest")}：</Typography.Text>
          <span className="kp-digest">{event.digest}</span>
          {props.latestSubmit ? (
            <CertificateCheck year={props.year} department={props.department} />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** Every step of the department's hand-in, oldest first, with who and when. */
export function SubmissionHistory(props: {
  submission: SubmissionDetail;
  items: Pick<DepartmentItems, "indicators" | "workItems">;
}) {
  const { t } = useTranslation("workflow");
  const { submission } = props;
  if (submission.history.length === 0) {
    return <Typography.Paragraph type="secondary">{t("review.noHistory")}</Typography.Paragraph>;
  }
  const latestSubmit = [...submission.history].reverse().find((event) => event.kind === "submit");
  return (
    <Timeline
      data-testid="submission-history"
      items={submission.history.map((event) => ({
        key: event.id,
        content: (
          <EventBody
            event={event}
            items={props.items}
            latestSubmit={event === latestSubmit}
            year={submission.year}
            department={submission.department}
          />
        ),
      }))}
    />
  );
}
