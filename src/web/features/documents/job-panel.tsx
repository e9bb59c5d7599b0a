import { DownloadOutlined, FilePdfOutlined, FileZipOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Progress, Space, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DocumentJob } from "../../../contract/api";
import { formatDateTime, formatLanguage } from "../../shared/format";
import { formatFileSize } from "../../shared/evidence/file-format";
import { errorMessage } from "../workflow/api-problem";
import { jobPercent, latestDone, latestOfKind } from "./job-look";
import {
  documentKeys,
  documentLinks,
  isRunning,
  startJob,
  useDocumentJob,
  type JobKind,
} from "./queries";
import "./messages";

/** The newest finished file of a kind: when it was built, its size, and a download. */
function FinishedFile({ year, scope, job }: { year: number; scope: string; job: DocumentJob }) {
  const { t, i18n } = useTranslation("documents");
  const name = t(`job.${job.kind}Name`);
  const size = formatFileSize(job.size ?? 0);
  return (
    <Space wrap data-testid={`job-done-${job.kind}`}>
      <Button
        size="small"
        type="primary"
        icon={<DownloadOutlined aria-hidden />}
        href={documentLinks(year, scope).jobFile(job.id)}
        aria-label={t("job.downloadHint", { name, size })}
        data-testid={`job-download-${job.kind}`}
      >
        {t("job.download")}
      </Button>
      <Typography.Text type="secondary">
        {t("job.finished", {
          at: formatDateTime(job.updatedAt, formatLanguage(i18n.language)),
          size,
        })}
      </Typography.Text>
    </Space>
  );
}

/** A job being built: the stage in words and a bar whose number is also written. */
function RunningJob({ job }: { job: DocumentJob }) {
  const { t } = useTranslation("documents");
  const name = t(`job.${job.kind}Name`);
  const percent = jobPercent(job);
  return (
    <div data-testid={`job-running-${job.kind}`} aria-live="polite">
      <Typography.Text>
        {job.state === "queued" ? t("job.queued") : job.stage}
        {job.total > 0 ? (
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            {t("job.steps", { done: job.done, total: job.total })}
          </Typography.Text>
        ) : null}
      </Typography.Text>
      <Progress
        percent={percent}
        status="active"
        aria-label={t("job.progress", { name })}
        style={{ margin: 0 }}
      />
    </div>
  );
}

/**
 * The bound volume or the province package: a button that starts the build, its
 * progress asked every second while it runs, then the download; the newest finished
 * file stays offered (with its time and size) while a newer one is built.
 */
export function JobPanel(props: {
  year: number;
  scope: string;
  kind: JobKind;
  jobs: readonly DocumentJob[];
}) {
  const { year, scope, kind } = props;
  const { t } = useTranslation("documents");
  const client = useQueryClient();
  const [started, setStarted] = useState<DocumentJob | null>(null);
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const listed = latestOfKind(props.jobs, kind);
  // The job just started here until the list has caught up with it.
  const current = started && started.id !== listed?.id ? started : listed;
  const polled = useDocumentJob(year, scope, current);
  const job = polled.data ?? current;
  const running = job !== null && isRunning(job);
  const jobState = job?.state;

  // A job seen running here that has now finished: the list (and its newest file) is
  // fetched again. A job already finished when the card opened needs no second fetch.
  const seenRunning = useRef(false);
  useEffect(() => {
    if (running) seenRunning.current = true;
    else if (seenRunning.current && (jobState === "done" || jobState === "failed")) {
      seenRunning.current = false;
      void client.invalidateQueries({ queryKey: documentKeys.jobs(year, scope) });
    }
  }, [running, jobState, client, year, scope]);

  const start = async () => {
    setStarting(true);
    setProblem(null);
    try {
      const created = await startJob(year, scope, kind);
      setStarted(created);
      client.setQueryData(documentKeys.job(year, scope, created.id), created);
    } catch (error) {
      setProblem(error);
    } finally {
      setStarting(false);
    }
  };

  const finished = job?.state === "done" ? job : latestDone(props.jobs, kind);
  const name = t(`job.${kind}Name`);
  return (
    <Space orientation="vertical" size={8} style={{ width: "100%" }} data-testid={`job-${kind}`}>
      <Button
        icon={kind === "volume" ? <FilePdfOutlined aria-hidden /> : <FileZipOutlined aria-hidden />}
        loading={starting}
        disabled={running}
        onClick={() => void start()}
        data-testid={`job-start-${kind}`}
      >
        {t(`job.${kind}`)}
      </Button>
      {job && running ? <RunningJob job={job} /> : null}
      {job?.state === "failed" ? (
        <Alert
          type="error"
          showIcon
          data-testid={`job-failed-${kind}`}
          title={t("job.failed", { name, message: job.error ?? job.stage })}
        />
      ) : null}
      {problem ? (
        <Alert
          type="error"
          showIcon
          title={t("job.startFailed", { message: errorMessage(problem) })}
        />
      ) : null}
      {finished ? <FinishedFile year={year} scope={scope} job={finished} /> : null}
    </Space>
  );
}
