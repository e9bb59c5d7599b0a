import { Form, Input, Modal, Typography } from "antd";
import { useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiProblem } from "./api-problem";
import "./messages";

/**
 * A step that needs a reason in words (reopen a department or the year, aggregate
 * anyway): the text is required; the server's refusal is shown in the dialog.
 */
export function ReasonDialog(props: {
  title: string;
  label: string;
  okText: string;
  intro?: ReactNode;
  testId: string;
  onSend: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation("workflow");
  const id = useId();
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const empty = reason.trim() === "";

  const send = async () => {
    setTried(true);
    if (empty) return;
    setSending(true);
    setProblem(null);
    try {
      await props.onSend(reason.trim());
    } catch (error) {
      setProblem(error);
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open
      title={props.title}
      okText={props.okText}
      cancelText={t("submit.cancel")}
      okButtonProps={{ loading: sending, "data-testid": `${props.testId}-send` } as object}
      onOk={() => void send()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <div data-testid={props.testId}>
        {typeof props.intro === "string" ? (
          <Typography.Paragraph>{props.intro}</Typography.Paragraph>
        ) : (
          props.intro
        )}
        <Form layout="vertical">
          <Form.Item
            label={props.label}
            htmlFor={id}
            validateStatus={tried && empty ? "error" : undefined}
            help={tried && empty ? t("review.reasonRequired") : undefined}
          >
            <Input.TextArea
              id={id}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={1000}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              data-testid={`${props.testId}-reason`}
            />
          </Form.Item>
        </Form>
        <ApiProblem error={problem} title={(text) => t("review.failed", { message: text })} />
      </div>
    </Modal>
  );
}
