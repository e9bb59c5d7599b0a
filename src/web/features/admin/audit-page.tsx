import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Button, Table, Typography, type TableColumnsType } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AuditLogRow } from "../../../contract/api";
import { formatLanguage } from "../../shared/format";
import { QueryError } from "../account/query-error";
import { useShowError } from "../account/use-show-error";
import { ChangeSummary, ChangeTable } from "./audit-change-view";
import { changeRows } from "./audit-change";
import { AuditFilterForm } from "./audit-filters";
import { actionLabel, objectTypeLabel } from "./audit-labels";
import { ChainVerdict } from "./chain-verdict";
import "./messages";
import { PageTitle } from "./page-title";
import { useAuditActions, useAuditLog, useVerifyChain, type AuditFilters } from "./use-audit";

const PAGE_SIZE = 50;

/**
 * The audit log (admin, office, auditor): newest first, a page at a time, filtered by
 * user, action, object and days; each row's before and after readable field by field;
 * and the check of the whole chain with its verdict.
 */
export default function AuditPage() {
  const { t, i18n } = useTranslation("admin");
  const lang = formatLanguage(i18n.language);
  const showError = useShowError();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(1);
  const log = useAuditLog(filters, page, PAGE_SIZE);
  const actions = useAuditActions();
  const verify = useVerifyChain();
  const moment = (at: string) =>
    dayjs(at).format(lang === "en" ? "YYYY-MM-DD HH:mm:ss" : "YYYY年M月D日 HH:mm:ss");

  const columns: TableColumnsType<AuditLogRow> = [
    { title: t("audit.columns.seq"), dataIndex: "seq", width: 90 },
    {
      title: t("audit.columns.at"),
      dataIndex: "at",
      width: 190,
      render: (at: string) => <time dateTime={at}>{moment(at)}</time>,
    },
    { title: t("audit.columns.actor"), dataIndex: "actor", width: 140 },
    {
      title: t("audit.columns.action"),
      dataIndex: "action",
      width: 200,
      render: (action: string) => (
        <>
          <div>{actionLabel(action, lang)}</div>
          <Typography.Text style={{ fontSize: 12, color: "#595959" }}>{action}</Typography.Text>
        </>
      ),
    },
    {
      title: t("audit.columns.object"),
      key: "object",
      width: 220,
      render: (_value, row) => (
        <>
          <div>{objectTypeLabel(row.objectType, lang)}</div>
          <Typography.Text code style={{ wordBreak: "break-all" }}>
            {row.objectId}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t("audit.columns.change"),
      key: "change",
      render: (_value, row) => <ChangeSummary before={row.before} after={row.after} />,
    },
  ];

  return (
    <div>
      <PageTitle
        extra={
          <Button
            icon={<SafetyCertificateOutlined aria-hidden />}
            loading={verify.isPending}
            onClick={() => verify.mutate(undefined, { onError: showError })}
            data-testid="verify-chain"
          >
            {verify.isPending ? t("audit.verifying") : t("audit.verify")}
          </Button>
        }
      >
        {t("audit.title")}
      </PageTitle>
      <Typography.Paragraph style={{ maxWidth: 900 }}>{t("audit.intro")}</Typography.Paragraph>
      {verify.data && <ChainVerdict verdict={verify.data} />}
      <AuditFilterForm
        actions={actions.data?.actions ?? []}
        onApply={(next) => {
          setFilters(next);
          setPage(1);
        }}
      />
      <QueryError error={log.error} />
      <div data-testid="audit-table">
        <Table<AuditLogRow>
          rowKey="seq"
          size="small"
          columns={columns}
          dataSource={log.data?.rows ?? []}
          loading={log.isFetching}
          scroll={{ x: 1100 }}
          expandable={{
            rowExpandable: (row) => changeRows(row.before, row.after).length > 0,
            expandedRowRender: (row) => <ChangeTable before={row.before} after={row.after} />,
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: log.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t("audit.total", { count: total }),
            onChange: setPage,
          }}
        />
      </div>
    </div>
  );
}
