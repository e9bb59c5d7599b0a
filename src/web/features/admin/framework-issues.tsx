import { Alert, Table, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { issueText } from "./issue-text";

export interface FrameworkIssue {
  file?: string;
  field: string;
  message: string;
}

/** The issues of a refused framework file (frameworkRefusalSchema's `issues`), or none. */
export function issuesOf(error: ApiError): FrameworkIssue[] {
  const issues = error.body?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((issue: unknown) => {
    if (typeof issue !== "object" || issue === null) return [];
    const { file, field, message } = issue as Record<string, unknown>;
    if (typeof message !== "string") return [];
    return [
      {
        ...(typeof file === "string" ? { file } : {}),
        field: typeof field === "string" ? field : "",
        message,
      },
    ];
  });
}

/**
 * A refused import: that nothing was stored (the import is all or nothing), and every
 * problem by item and field in a table, so the author can fix them all in one pass.
 */
export function FrameworkIssues({
  issues,
  message,
}: {
  issues: FrameworkIssue[];
  message: string;
}) {
  const { t } = useTranslation("admin");
  const columns: TableColumnsType<FrameworkIssue & { key: number }> = [
    {
      title: t("frameworks.issueWhere"),
      dataIndex: "field",
      width: "35%",
      render: (field: string) =>
        field ? <code style={{ wordBreak: "break-all" }}>{field}</code> : t("frameworks.wholeFile"),
    },
    {
      title: t("frameworks.issueMessage"),
      key: "message",
      render: (_value, issue) => issueText(issue),
    },
  ];
  // One upload is one file: its name goes in the title, unless the issues name several.
  const files = [...new Set(issues.map((issue) => issue.file).filter(Boolean))];
  if (files.length > 1) {
    columns.unshift({ title: t("frameworks.issueFile"), dataIndex: "file", width: 160 });
  }
  return (
    <div style={{ marginTop: 16 }} data-testid="framework-refusal">
      <Alert
        type="error"
        showIcon
        role="alert"
        title={
          issues.length > 0
            ? t("frameworks.refusedTitle", { count: issues.length, file: files.join("、") })
            : message
        }
        description={issues.length > 0 ? t("frameworks.refusedBody") : t("frameworks.refusedOther")}
        style={{ marginBottom: 12 }}
      />
      {issues.length > 0 && (
        <div data-testid="framework-issues">
          <Table
            size="small"
            columns={columns}
            dataSource={issues.map((issue, key) => ({ ...issue, key }))}
            pagination={issues.length > 50 ? { pageSize: 50 } : false}
          />
        </div>
      )}
    </div>
  );
}
