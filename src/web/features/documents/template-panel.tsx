import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Space, Table, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { useId, useRef, useState, type ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, ApiError } from "../../api/client";
import { errorMessage } from "../workflow/api-problem";
import { documentLinks, refreshAfterImport } from "./queries";
import type {
  TemplateCellError,
  TemplateConflict,
  TemplateImportResult,
} from "../../../contract/template-import";
import {
  hasProblems,
  isXlsxName,
  problemText,
  readRefusal,
  type TemplateProblems,
} from "./template-result";
import "./messages";

type Outcome =
  | { kind: "imported"; result: TemplateImportResult }
  | { kind: "refused"; problems: TemplateProblems; message: string }
  | { kind: "failed"; message: string };

const templateUploadPath = (year: number, department: string) =>
  `/api/cycles/${year}/departments/${encodeURIComponent(department)}/template`;

function RefusalTables({ problems }: { problems: TemplateProblems }) {
  const { t } = useTranslation("documents");
  const stored = (value: number | null) => (value === null ? t("template.empty") : String(value));
  const cellColumns: TableColumnsType<TemplateCellError> = [
    { key: "cell", title: t("template.cell"), dataIndex: "cell", width: 200 },
    { key: "message", title: t("template.problem"), render: (_, row) => problemText(row) },
  ];
  const conflictColumns: TableColumnsType<TemplateConflict> = [
    { key: "cell", title: t("template.cell"), dataIndex: "cell", width: 200 },
    { key: "stored", title: t("template.stored"), render: (_, row) => stored(row.stored) },
    { key: "file", title: t("template.inFile"), render: (_, row) => String(row.file) },
  ];
  return (
    <Space orientation="vertical" size={8} style={{ width: "100%" }}>
      {problems.cells.length > 0 ? (
        <Table<TemplateCellError>
          size="small"
          rowKey={(row) => `${row.cell}|${row.message}`}
          columns={cellColumns}
          dataSource={problems.cells}
          pagination={problems.cells.length > 20 ? { pageSize: 20 } : false}
          data-testid="template-errors"
        />
      ) : null}
      {problems.moreCells > 0 ? (
        <Typography.Text>{t("template.moreCells", { count: problems.moreCells })}</Typography.Text>
      ) : null}
      {problems.conflicts.length > 0 ? (
        <>
          <Typography.Text>{t("template.conflictsHeading")}</Typography.Text>
          <Table<TemplateConflict>
            size="small"
            rowKey="cell"
            columns={conflictColumns}
            dataSource={problems.conflicts}
            pagination={problems.conflicts.length > 20 ? { pageSize: 20 } : false}
            data-testid="template-conflicts"
          />
        </>
      ) : null}
    </Space>
  );
}

function OutcomeNotice({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation("documents");
  if (outcome.kind === "imported") {
    const { changedValues: values, changedWork: work } = outcome.result;
    return (
      <Alert
        type="success"
        showIcon
        data-testid="template-imported"
        title={
          values === 0 && work === 0
            ? t("template.nothingChanged")
            : t("template.imported", { values, work })
        }
      />
    );
  }
  if (outcome.kind === "failed")
    return (
      <Alert
        type="error"
        showIcon
        data-testid="template-failed"
        title={t("template.refused", { message: outcome.message })}
        description={t("template.nothingImported")}
      />
    );
  return (
    <Alert
      type="error"
      showIcon
      data-testid="template-refused"
      title={t("template.refused", { message: outcome.message })}
      description={
        <Space orientation="vertical" size={8} style={{ width: "100%" }}>
          <Typography.Text strong>{t("template.nothingImported")}</Typography.Text>
          <RefusalTables problems={outcome.problems} />
        </Space>
      }
    />
  );
}

/**
 * Offline filling for a department: the template to download, and the upload of the
 * filled one. The server checks every cell and imports all or nothing; a refusal lists
 * each cell's problem and each cell changed online since the download (a conflict).
 */
export function TemplatePanel({ year, department }: { year: number; department: string }) {
  const { t } = useTranslation("documents");
  const client = useQueryClient();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const upload = async (file: File) => {
    if (!isXlsxName(file.name)) {
      setOutcome({ kind: "failed", message: t("template.onlyXlsx") });
      return;
    }
    setUploading(true);
    setOutcome(null);
    const form = new FormData();
    form.append("file", file, file.name);
    try {
      const result = await api.post<TemplateImportResult>(
        templateUploadPath(year, department),
        form,
      );
      setOutcome({ kind: "imported", result });
      await refreshAfterImport(client, year, department);
    } catch (error) {
      const problems = error instanceof ApiError ? readRefusal(error.body) : null;
      setOutcome(
        problems && hasProblems(problems)
          ? { kind: "refused", problems, message: errorMessage(error) }
          : { kind: "failed", message: errorMessage(error) },
      );
    } finally {
      setUploading(false);
    }
  };

  const onChosen = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared so that choosing the same file again (after correcting it) uploads again.
    event.target.value = "";
    if (file) void upload(file);
  };

  return (
    <section aria-labelledby={`${inputId}-heading`} data-testid="template-panel">
      <Typography.Title level={3} id={`${inputId}-heading`} style={{ fontSize: 15 }}>
        {t("template.heading")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("template.hint")}</Typography.Paragraph>
      <Space wrap>
        <Button
          icon={<DownloadOutlined aria-hidden />}
          href={documentLinks(year, department).template}
          data-testid="template-download"
        >
          {t("template.download")}
        </Button>
        <input
          ref={input}
          id={inputId}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={onChosen}
          hidden
          data-testid="template-file"
        />
        <Button
          icon={<UploadOutlined aria-hidden />}
          loading={uploading}
          onClick={() => input.current?.click()}
          data-testid="template-upload"
        >
          {uploading ? t("template.uploading") : t("template.upload")}
        </Button>
      </Space>
      {outcome ? (
        <div style={{ marginTop: 12 }}>
          <OutcomeNotice outcome={outcome} />
        </div>
      ) : null}
    </section>
  );
}
