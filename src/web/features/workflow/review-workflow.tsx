import { App, Alert, Button, Card, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DepartmentItems, SubmissionDetail } from "../../../contract/api";
import { api } from "../../api/client";
import { useMe } from "../../auth/use-me";
import { formatDateTime, formatLanguage } from "../../shared/format";
import { errorMessage } from "./api-problem";
import { departmentPath, useRefreshAfterStep, useSubmission } from "./queries";
import { ReasonDialog } from "./reason-dialog";
import { ReturnDialog } from "./return-dialog";
import { SubmissionStateTag } from "./state-tag";
import { SubmissionHistory } from "./submission-history";
import "./messages";
import "./workflow.css";

type Step = "return" | "reopen" | null;

/**
 * On the office's review page: the department's hand-in state, the office's steps
 * (退回 and 接收 for a submission, 重新开放 for an accepted one) and the history with
 * the declaration, the justified warnings and the digest. Only the office acts; the
 * others read.
 */
export function ReviewWorkflow(props: {
  year: number;
  department: string;
  departmentName: string;
  items: Pick<DepartmentItems, "indicators" | "workItems">;
}) {
  const { year, department, departmentName } = props;
  const { t, i18n } = useTranslation("workflow");
  const lang = formatLanguage(i18n.language);
  const { message, modal } = App.useApp();
  const me = useMe();
  const submission = useSubmission(year, department);
  const refresh = useRefreshAfterStep();
  const [step, setStep] = useState<Step>(null);
  const isOffice = me.data?.user.role === "office";
  const data: SubmissionDetail | undefined = submission.data;

  const done = async (text: string) => {
    setStep(null);
    await refresh(year, department);
    void message.success(text);
  };

  const accept = () =>
    modal.confirm({
      title: t("review.accept"),
      content: t("review.acceptConfirm", { department: departmentName }),
      okText: t("review.accept"),
      cancelText: t("submit.cancel"),
      okButtonProps: { "data-testid": "accept-confirm" } as object,
      onOk: async () => {
        try {
          await api.post(`${departmentPath(year, department)}/accept`);
          await done(t("review.acceptDone"));
        } catch (error) {
          void message.error(t("review.failed", { message: errorMessage(error) }));
        }
      },
    });

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t("review.title")}
        </Typography.Title>
      }
      data-testid="review-workflow"
    >
      {submission.isError ? (
        <Alert
          type="error"
          showIcon
          title={t("strip.loadFailed", { message: errorMessage(submission.error) })}
        />
      ) : null}
      {data ? (
        <Space orientation="vertical" size={12} style={{ width: "100%" }}>
          <Space wrap align="center">
            <SubmissionStateTag state={data.state} />
            {data.lastSubmittedAt ? (
              <Typography.Text type="secondary">
                {t("strip.lastSubmitted", { at: formatDateTime(data.lastSubmittedAt, lang) })}
              </Typography.Text>
            ) : null}
            {data.returns > 0 ? (
              <Typography.Text type="secondary">
                {t("strip.returns", { count: data.returns })}
              </Typography.Text>
            ) : null}
            {isOffice && data.state === "submitted" ? (
              <>
                <Button danger onClick={() => setStep("return")} data-testid="review-return">
                  {t("review.return")}
                </Button>
                <Button type="primary" onClick={accept} data-testid="review-accept">
                  {t("review.accept")}
                </Button>
              </>
            ) : null}
            {isOffice && data.state === "accepted" ? (
              <Button onClick={() => setStep("reopen")} data-testid="review-reopen">
                {t("review.reopen")}
              </Button>
            ) : null}
          </Space>
          <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
            {t("review.history")}
          </Typography.Title>
          <SubmissionHistory submission={data} items={props.items} />
        </Space>
      ) : null}
      {step === "return" ? (
        <ReturnDialog
          year={year}
          department={department}
          departmentName={departmentName}
          items={props.items}
          onClose={() => setStep(null)}
          onDone={() => done(t("review.returnDone"))}
        />
      ) : null}
      {step === "reopen" ? (
        <ReasonDialog
          title={t("review.reopenTitle", { department: departmentName })}
          label={t("review.reopenReason")}
          okText={t("review.reopen")}
          testId="reopen-dialog"
          onClose={() => setStep(null)}
          onSend={async (reason) => {
            await api.post(`${departmentPath(year, department)}/reopen`, { reason });
            await done(t("review.reopenDone"));
          }}
        />
      ) : null}
    </Card>
  );
}
