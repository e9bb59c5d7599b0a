import { Alert, App, Button, Popconfirm, Progress, Space, Typography, Upload } from "antd";
import type { UploadProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Evidence, EvidenceTargetKind } from "../../../contract/api";
import { api, ApiError } from "../../api/client";
import { useMe } from "../../auth/use-me";
import { formatDateTime, formatLanguage } from "../format";
import { ACCEPTED_EXTENSIONS, formatFileSize, previewKind } from "./file-format";
import { uploadEvidenceFile } from "./upload-file";
import "./messages";
import "./evidence.css";

export interface EvidencePanelProps {
  year: number;
  kind: EvidenceTargetKind;
  code: string;
  files: Evidence[];
  canUpload: boolean;
  /** Called after an upload or a removal, so the owner can fetch the list again. */
  onChanged?: () => void;
}

interface RunningFile {
  uid: string;
  name: string;
  percent: number;
}

interface FailedFile {
  uid: string;
  name: string;
  reason: string;
}

function FileIcon() {
  return (
    <svg
      width="12"
      height="12"
      viewBox="0 0 16 16"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      className="kp-evidence-icon"
    >
      <path d="M3 1.8h6.5l3.5 3.5v8.9H3z" strokeLinejoin="round" />
      <path d="M9.5 1.8v3.5H13" strokeLinejoin="round" />
    </svg>
  );
}

const evidenceUrl = (year: number, id: string, inline: boolean) =>
  `/api/cycles/${year}/evidence/${encodeURIComponent(id)}${inline ? "?inline=1" : ""}`;

/**
 * The evidence of one indicator, work item or data element: the files with who
 * uploaded them and when, a preview of PDFs and images, removal of one's own uploads
 * and, where the user may add evidence, drag-and-drop upload with progress.
 */
export function EvidencePanel({
  year,
  kind,
  code,
  files,
  canUpload,
  onChanged,
}: EvidencePanelProps) {
  const { t, i18n } = useTranslation("evidence");
  const { message } = App.useApp();
  const me = useMe();
  const username = me.data?.user.username;
  const [previewId, setPreviewId] = useState<string | null>(null);
  const [running, setRunning] = useState<RunningFile[]>([]);
  const [failed, setFailed] = useState<FailedFile[]>([]);
  const [removing, setRemoving] = useState<string | null>(null);
  const when = (instant: string) => formatDateTime(instant, formatLanguage(i18n.language));
  const previewed = files.find((file) => file.id === previewId) ?? null;

  const reasonOf = (error: unknown): string => {
    if (!(error instanceof ApiError)) return String(error);
    if (error.status === 413) return t("tooLarge", { message: error.message });
    if (error.status === 415) return t("typeRefused", { message: error.message });
    return error.message;
  };

  const customRequest: UploadProps["customRequest"] = (options) => {
    const file = options.file as File & { uid: string };
    setRunning((list) => [...list, { uid: file.uid, name: file.name, percent: 0 }]);
    setFailed((list) => list.filter((entry) => entry.name !== file.name));
    const upload = uploadEvidenceFile({
      year,
      kind,
      code,
      file,
      onProgress: (percent) =>
        setRunning((list) =>
          list.map((entry) => (entry.uid === file.uid ? { ...entry, percent } : entry)),
        ),
    });
    upload.done
      .then(() => {
        message.success(t("uploaded", { name: file.name }));
        onChanged?.();
      })
      .catch((error: unknown) => {
        if ((error as Error).name === "AbortError") return;
        setFailed((list) => [...list, { uid: file.uid, name: file.name, reason: reasonOf(error) }]);
      })
      .finally(() => setRunning((list) => list.filter((entry) => entry.uid !== file.uid)));
    return { abort: upload.abort };
  };

  const remove = async (file: Evidence) => {
    setRemoving(file.id);
    try {
      await api.delete(`/api/cycles/${year}/evidence/${encodeURIComponent(file.id)}`);
      if (previewId === file.id) setPreviewId(null);
      message.success(t("removed", { name: file.originalName }));
      onChanged?.();
    } catch (error) {
      message.error(reasonOf(error));
    } finally {
      setRemoving(null);
    }
  };

  return (
    <section
      className="kp-evidence"
      data-testid={`evidence-${kind}-${code}`}
      aria-label={`${t("title")} ${code}`}
    >
      {files.length === 0 ? (
        <Typography.Text className="kp-evidence-muted">{t("empty")}</Typography.Text>
      ) : (
        <ul className="kp-evidence-list">
          {files.map((file) => {
            const previewable = previewKind(file.mimeType) !== "none";
            return (
              <li key={file.id} className="kp-evidence-item" data-testid="evidence-item">
                <div className="kp-evidence-name">
                  <FileIcon />
                  <Typography.Text strong>{file.originalName}</Typography.Text>
                  <Typography.Text className="kp-evidence-muted">
                    {" "}
                    · {formatFileSize(file.size)}
                  </Typography.Text>
                </div>
                <Typography.Text className="kp-evidence-meta kp-evidence-muted">
                  {t("uploadedBy", { user: file.uploadedBy, time: when(file.uploadedAt) })}
                </Typography.Text>
                <Space size={4} wrap className="kp-evidence-actions">
                  {previewable && (
                    <Button
                      size="small"
                      type={previewId === file.id ? "primary" : "default"}
                      aria-pressed={previewId === file.id}
                      aria-label={`${t("preview")} ${file.originalName}`}
                      onClick={() => setPreviewId(previewId === file.id ? null : file.id)}
                    >
                      {t("preview")}
                    </Button>
                  )}
                  <Button
                    size="small"
                    href={evidenceUrl(year, file.id, false)}
                    aria-label={`${t("download")} ${file.originalName}`}
                  >
                    {t("download")}
                  </Button>
                  {username !== undefined && file.uploadedBy === username && (
                    <Popconfirm
                      title={t("removeConfirm", { name: file.originalName })}
                      okText={t("remove")}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove(file)}
                    >
                      <Button
                        size="small"
                        danger
                        loading={removing === file.id}
                        aria-label={`${t("remove")} ${file.originalName}`}
                      >
                        {t("remove")}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              </li>
            );
          })}
        </ul>
      )}

      {previewed && (
        <div className="kp-evidence-preview" data-testid="evidence-preview">
          <div className="kp-evidence-preview-bar">
            <Typography.Text>{t("previewOf", { name: previewed.originalName })}</Typography.Text>
            <Button size="small" onClick={() => setPreviewId(null)}>
              {t("common:close")}
            </Button>
          </div>
          {previewKind(previewed.mimeType) === "pdf" ? (
            <iframe
              title={t("previewOf", { name: previewed.originalName })}
              src={evidenceUrl(year, previewed.id, true)}
              className="kp-evidence-frame"
            />
          ) : previewKind(previewed.mimeType) === "image" ? (
            <img
              src={evidenceUrl(year, previewed.id, true)}
              alt={previewed.originalName}
              className="kp-evidence-image"
            />
          ) : (
            <Typography.Text>{t("noPreview")}</Typography.Text>
          )}
        </div>
      )}

      {running.map((entry) => (
        <div key={entry.uid} className="kp-evidence-progress" role="status">
          <Typography.Text>{t("uploading", { name: entry.name })}</Typography.Text>
          <Progress
            percent={entry.percent}
            size="small"
            aria-label={t("uploading", { name: entry.name })}
          />
        </div>
      ))}
      {failed.map((entry) => (
        <Alert
          key={entry.uid}
          type="error"
          showIcon
          role="alert"
          className="kp-evidence-failure"
          title={t("uploadFailed", { name: entry.name })}
          description={entry.reason}
          closable={{
            "aria-label": t("dismiss"),
            onClose: () => setFailed((list) => list.filter((item) => item.uid !== entry.uid)),
          }}
        />
      ))}

      {canUpload && (
        <Upload.Dragger
          className="kp-evidence-upload"
          multiple
          accept={ACCEPTED_EXTENSIONS}
          showUploadList={false}
          customRequest={customRequest}
        >
          <p className="kp-evidence-upload-hint">{t("uploadHint")}</p>
          <p className="kp-evidence-upload-types">{t("uploadTypes")}</p>
        </Upload.Dragger>
      )}
    </section>
  );
}
