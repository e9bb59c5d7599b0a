import { Input, Modal, Typography } from "antd";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * The note of one figure (source, definition…): written here, saved with the figure.
 * Opened from a cell with Ctrl+Enter or from the note mark beside it.
 */
export function NoteDialog(props: {
  cellLabel: string;
  note: string | null;
  readOnly: boolean;
  onSave: (note: string | null) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation("workspace");
  const id = useId();
  const [text, setText] = useState(props.note ?? "");
  return (
    <Modal
      open
      title={t("note.title", { cell: props.cellLabel })}
      okText={t("note.save")}
      okButtonProps={{ disabled: props.readOnly, ...{ "data-testid": "note-save" } }}
      onOk={() => props.onSave(text.trim() === "" ? null : text.trim())}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <label htmlFor={id} className="kp-field-label">
        {t("note.label")}
      </label>
      <Input.TextArea
        id={id}
        value={text}
        maxLength={2000}
        autoSize={{ minRows: 3, maxRows: 8 }}
        readOnly={props.readOnly}
        onChange={(event) => setText(event.target.value)}
        data-testid="note-input"
        autoFocus
      />
      <Typography.Paragraph className="kp-note-hint kp-muted">
        {t("note.hint")}
      </Typography.Paragraph>
    </Modal>
  );
}
