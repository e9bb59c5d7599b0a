import { SafetyCertificateOutlined, WarningOutlined } from "@ant-design/icons";
import { Alert, Table } from "antd";
import { useTranslation } from "react-i18next";
import type { AuditVerdict } from "../../../contract/api";

/** The chain check's verdict: intact with what was checked, or every failing row and why. */
export function ChainVerdict({ verdict }: { verdict: AuditVerdict }) {
  const { t } = useTranslation("admin");
  if (verdict.intact) {
    return (
      <Alert
        type="success"
        showIcon
        icon={<SafetyCertificateOutlined aria-hidden />}
        role="status"
        data-testid="chain-verdict"
        data-intact="true"
        title={t("audit.intact")}
        description={t("audit.intactBody", {
          rows: verdict.rows,
          head: verdict.headSeq,
          checkpoints: verdict.checkpoints,
        })}
        style={{ marginBottom: 16 }}
      />
    );
  }
  return (
    <div data-testid="chain-verdict" data-intact="false" style={{ marginBottom: 16 }}>
      <Alert
        type="error"
        showIcon
        icon={<WarningOutlined aria-hidden />}
        role="alert"
        title={t("audit.broken")}
        description={
          <>
            <div>
              {t("audit.brokenBody", {
                count: verdict.failureCount,
                first: verdict.firstBadSeq ?? verdict.failures[0]?.seq ?? "—",
              })}
            </div>
            <div>{verdict.message}</div>
            {verdict.failureCount > verdict.failures.length && (
              <div>
                {t("audit.moreFailures", {
                  shown: verdict.failures.length,
                  count: verdict.failureCount,
                })}
              </div>
            )}
          </>
        }
        style={{ marginBottom: 8 }}
      />
      <Table
        size="small"
        rowKey={(failure) => `${failure.seq}:${failure.reason}`}
        columns={[
          { title: t("audit.failureSeq"), dataIndex: "seq", width: 100 },
          { title: t("audit.failureReason"), dataIndex: "reason" },
        ]}
        dataSource={verdict.failures}
        pagination={verdict.failures.length > 20 ? { pageSize: 20 } : false}
      />
    </div>
  );
}
