import { Button, Descriptions, Modal, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatLanguage } from "../../shared/format";

export interface ConflictDialogProps {
  open: boolean;
  /** What was being saved: "惠城区 常住人口", "W01 …". */
  item: string;
  mineLabel: string;
  mine: ReactNode;
  storedLabel: string;
  stored: ReactNode;
  storedBy?: string;
  storedAt?: string;
  onKeepMine: () => void;
  onTakeStored: () => void;
}

/**
 * A save that met someone else's newer save (409): both values side by side, who saved
 * the stored one and when, and the user decides. Nothing is overwritten unseen.
 */
export function ConflictDialog(props: ConflictDialogProps) {
  const { t, i18n } = useTranslation("workspace");
  const lang = formatLanguage(i18n.language);
  return (
    <Modal
      open={props.open}
      title={t("conflict.title", { item: props.item })}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      modalRender={(node) => <div data-testid="conflict-dialog">{node}</div>}
      footer={[
        <Button key="stored" onClick={props.onTakeStored} data-testid="conflict-take-stored">
          {t("conflict.takeStored")}
        </Button>,
        <Button
          key="mine"
          type="primary"
          onClick={props.onKeepMine}
          data-testid="conflict-keep-mine"
        >
          {t("conflict.keepMine")}
        </Button>,
      ]}
    >
      <div>
        <Typography.Paragraph>{t("conflict.body")}</Typography.Paragraph>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={props.mineLabel}>
            <span data-testid="conflict-mine">{props.mine}</span>
          </Descriptions.Item>
          <Descriptions.Item label={props.storedLabel}>
            <span data-testid="conflict-stored">{props.stored}</span>
            {props.storedBy ? (
              <div className="kp-muted">
                {t("conflict.storedBy", {
                  user: props.storedBy,
                  time: formatDateTime(props.storedAt ?? null, lang),
                })}
              </div>
            ) : null}
          </Descriptions.Item>
        </Descriptions>
      </div>
    </Modal>
  );
}
