import { Alert, App, Card, Table, Typography, type TableColumnsType } from "antd";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FrameworkList, FrameworkSummary, ImportedFramework } from "../../../contract/api";
import { api, ApiError } from "../../api/client";
import { queryKeys } from "../../api/query-keys";
import { formatDateTime, formatLanguage } from "../../shared/format";
import { CardHeading } from "../account/card-heading";
import { QueryError } from "../account/query-error";
import { useShowError } from "../account/use-show-error";
import { FrameworkIssues, issuesOf, type FrameworkIssue } from "./framework-issues";
import { FrameworkUpload } from "./framework-upload";
import "./messages";
import { PageTitle } from "./page-title";

type Outcome =
  | { kind: "imported"; framework: ImportedFramework }
  | { kind: "refused"; issues: FrameworkIssue[]; message: string };

/**
 * The imported framework versions, and importing a new one from a YAML or JSON file.
 * The server checks the whole document: a refusal lists every problem by item and field
 * and stores nothing, which the page says in so many words.
 */
export default function FrameworksPage() {
  const { t, i18n } = useTranslation("admin");
  const lang = formatLanguage(i18n.language);
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const list = useQuery({
    queryKey: queryKeys.frameworks,
    queryFn: () => api.get<FrameworkList>("/api/frameworks"),
  });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file, file.name);
      return api.post<ImportedFramework>("/api/frameworks", form);
    },
    onSuccess: (framework) => {
      setOutcome({ kind: "imported", framework });
      void message.success(
        t("frameworks.imported", { code: framework.code, version: framework.version }),
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.frameworks });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status !== 401 && error.status !== 0) {
        setOutcome({ kind: "refused", issues: issuesOf(error), message: error.message });
      } else showError(error);
    },
  });

  const columns: TableColumnsType<FrameworkSummary> = [
    { title: t("frameworks.columns.code"), dataIndex: "code" },
    { title: t("frameworks.columns.name"), dataIndex: "name" },
    {
      title: t("frameworks.columns.version"),
      dataIndex: "version",
      render: (version: number) => t("frameworks.versionLabel", { version }),
    },
    {
      title: t("frameworks.columns.counts"),
      key: "counts",
      render: (_value, framework) =>
        t("frameworks.columns.countsValue", {
          indicators: framework.indicators,
          workItems: framework.workItems,
          departments: framework.departments,
        }),
    },
    {
      title: t("frameworks.columns.years"),
      dataIndex: "years",
      render: (years: number[]) => (years.length > 0 ? years.join("、") : t("frameworks.noYears")),
    },
    {
      title: t("frameworks.columns.importedAt"),
      dataIndex: "importedAt",
      render: (at: string) => formatDateTime(at, lang),
    },
    { title: t("frameworks.columns.importedBy"), dataIndex: "importedBy" },
    {
      title: t("frameworks.columns.sha256"),
      dataIndex: "sha256",
      render: (sha: string) => (
        <Typography.Text code title={sha}>
          {sha.slice(0, 12)}
        </Typography.Text>
      ),
    },
  ];

  return (
    <div>
      <PageTitle>{t("frameworks.title")}</PageTitle>
      <Typography.Paragraph style={{ maxWidth: 900 }}>{t("frameworks.intro")}</Typography.Paragraph>
      <Card
        title={<CardHeading>{t("frameworks.uploadTitle")}</CardHeading>}
        style={{ marginBottom: 16 }}
      >
        <FrameworkUpload
          busy={upload.isPending}
          onFile={(file) => {
            setOutcome(null);
            upload.mutate(file);
          }}
        />
        {outcome?.kind === "imported" && outcome.framework.warnings.length > 0 && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 16 }}
            title={t("frameworks.warningsTitle")}
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {outcome.framework.warnings.map((warning) => (
                  <li key={`${warning.field}:${warning.message}`}>{warning.message}</li>
                ))}
              </ul>
            }
          />
        )}
        {outcome?.kind === "refused" && (
          <FrameworkIssues issues={outcome.issues} message={outcome.message} />
        )}
      </Card>
      <Card title={<CardHeading>{t("frameworks.listTitle")}</CardHeading>}>
        <QueryError error={list.error} />
        <div data-testid="frameworks-table">
          <Table<FrameworkSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.frameworks ?? []}
            loading={list.isPending}
            pagination={false}
            scroll={{ x: 1000 }}
          />
        </div>
      </Card>
    </div>
  );
}
