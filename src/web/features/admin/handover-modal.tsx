import { Alert, Button, Descriptions, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";

export interface Handover {
  kind: "created" | "reset";
  username: string;
  displayName: string;
  password: string;
}

/**
 * After an account is created or its password reset: the temporary password to hand
 * over (with a copy button), and that its holder must change it at the next sign-in.
 */
export function HandoverModal({ handover, onClose }: { handover: Handover; onClose: () => void }) {
  const { t } = useTranslation("admin");
  return (
    <Modal
      open
      title={
        handover.kind === "created"
          ? t("users.handover.createdTitle")
          : t("users.handover.resetTitle")
      }
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} autoFocus>
          {t("users.handover.done")}
        </Button>
      }
    >
      <div data-testid="handover-dialog">
        <Typography.Paragraph>
          {t("users.handover.body", { name: handover.displayName })}
        </Typography.Paragraph>
        <Descriptions
          column={1}
          bordered
          size="small"
          items={[
            { key: "username", label: t("users.handover.username"), children: handover.username },
            {
              key: "password",
              label: t("users.handover.password"),
              children: (
                <Typography.Text
                  code
                  copyable={{ text: handover.password }}
                  data-testid="handover-password"
                  style={{ fontSize: 15 }}
                >
                  {handover.password}
                </Typography.Text>
              ),
            },
          ]}
        />
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 16 }}
          title={t("users.handover.mustChange")}
          description={handover.kind === "reset" ? t("users.handover.sessionsEnded") : undefined}
          data-testid="must-change-notice"
        />
      </div>
    </Modal>
  );
}
