import { DownloadOutlined, EditOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Divider, Select, Skeleton, Space, Typography } from "antd";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { IllustrativeTag } from "../../shared/illustrative-tag";
import { useDepartmentsOverview } from "../office/queries";
import { errorMessage } from "../workflow/api-problem";
import { JobPanel } from "./job-panel";
import { NarrativesDrawer } from "./narratives-drawer";
import { CITY_SCOPE, documentLinks, useDocumentJobs } from "./queries";
import { useMe } from "../../auth/use-me";
import { TemplatePanel } from "./template-panel";
import "./messages";

/** The office's choice: the city's documents or any department's. */
function ScopePicker(props: { year: number; scope: string; onChange: (scope: string) => void }) {
  const { t } = useTranslation("documents");
  const id = useId();
  const overview = useDepartmentsOverview(props.year);
  const options = [
    { value: CITY_SCOPE, label: t("city") },
    ...(overview.data?.departments ?? []).map((entry) => ({
      value: entry.code,
      label: entry.name,
    })),
  ];
  return (
    <Space>
      <label htmlFor={id}>{t("scope")}</label>
      <Select
        id={id}
        value={props.scope}
        options={options}
        onChange={props.onChange}
        showSearch={{ optionFilterProp: "label" }}
        style={{ minWidth: 200 }}
        data-testid="documents-scope"
      />
    </Space>
  );
}

/** The bound volume (every scope) and the province package (the city's only). */
function Jobs({ year, scope }: { year: number; scope: string }) {
  const { t } = useTranslation("documents");
  const jobs = useDocumentJobs(year, scope);
  if (jobs.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={t("job.loadFailed", { message: errorMessage(jobs.error) })}
      />
    );
  if (!jobs.data) return <Skeleton active paragraph={{ rows: 1 }} />;
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <JobPanel year={year} scope={scope} kind="volume" jobs={jobs.data.jobs} />
      {scope === CITY_SCOPE ? (
        <JobPanel year={year} scope={scope} kind="package" jobs={jobs.data.jobs} />
      ) : null}
    </Space>
  );
}

/**
 * 考评文书: the tables (Excel), the report (Word) and its written sections, the bound
 * volume (PDF) and, for the city, the province package. On the department's workspace
 * (`department` given) it also offers the fill-in template; on the office's overview a
 * picker chooses the city or any department, and the office gets the chosen
 * department's template too.
 */
export function DocumentsCard({ year, department }: { year: number; department?: string }) {
  const { t } = useTranslation("documents");
  const [picked, setPicked] = useState(CITY_SCOPE);
  const [writing, setWriting] = useState(false);
  const scope = department ?? picked;
  const isCity = scope === CITY_SCOPE;
  const role = useMe().data?.user.role;
  // The office (and an administrator) may import a template for any department, as the
  // server allows; leaders and auditors only read.
  const templateFor =
    department ?? (!isCity && (role === "office" || role === "admin") ? scope : null);
  const links = documentLinks(year, scope);
  const writeTitle = isCity ? t("writeCityReport") : t("writeReport");

  return (
    <Card
      data-testid="documents-card"
      // On the workspace the card follows the task list directly; the overview spaces its cards.
      style={department === undefined ? undefined : { marginTop: 16 }}
      title={
        <Space wrap>
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            {t("title")}
          </Typography.Title>
          <IllustrativeTag />
        </Space>
      }
      extra={
        department === undefined ? (
          <ScopePicker year={year} scope={picked} onChange={setPicked} />
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t("intro")}</Typography.Paragraph>
      <Space wrap>
        <Button
          icon={<DownloadOutlined aria-hidden />}
          href={links.tables}
          data-testid="download-tables"
        >
          {t("downloadTables")}
        </Button>
        <Button
          icon={<DownloadOutlined aria-hidden />}
          href={links.report}
          data-testid="download-report"
        >
          {isCity ? t("downloadCityReport") : t("downloadReport")}
        </Button>
        <Button
          icon={<EditOutlined aria-hidden />}
          onClick={() => setWriting(true)}
          data-testid="write-report"
        >
          {writeTitle}
        </Button>
      </Space>
      <Divider style={{ margin: "16px 0" }} />
      <Jobs key={`jobs-${scope}`} year={year} scope={scope} />
      {templateFor !== null ? (
        <>
          <Divider style={{ margin: "16px 0" }} />
          <TemplatePanel key={`template-${templateFor}`} year={year} department={templateFor} />
        </>
      ) : null}
      <NarrativesDrawer
        key={`narratives-${scope}`}
        year={year}
        scope={scope}
        title={writeTitle}
        open={writing}
        onClose={() => setWriting(false)}
      />
    </Card>
  );
}
