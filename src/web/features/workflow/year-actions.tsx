import { App, Button, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AggregateBody } from "../../../contract/api";
import { api, ApiError } from "../../api/client";
import { useMe } from "../../auth/use-me";
import { useYear } from "../../shared/year-context";
import { errorMessage } from "./api-problem";
import { useRefreshAfterStep } from "./queries";
import { ReasonDialog } from "./reason-dialog";
import { CycleStatusTag } from "./state-tag";
import "./messages";

/**
 * Beside the overview's title: the year's status, and for the office 汇总 (when every
 * department is accepted, a confirmation; otherwise the server's 409 names those still
 * pending and a reason to aggregate anyway is asked for) and 重新开放年度 once aggregated.
 */
export function YearActions() {
  const { t } = useTranslation("workflow");
  const { message, modal } = App.useApp();
  const { year, cycle } = useYear();
  const me = useMe();
  const refresh = useRefreshAfterStep();
  const [override, setOverride] = useState<string | null>(null);
  const [reopening, setReopening] = useState(false);
  if (year === null || !cycle) return null;
  const isOffice = me.data?.user.role === "office";

  const aggregate = async (body: AggregateBody) => {
    await api.post(`/api/cycles/${year}/aggregate`, body);
    setOverride(null);
    await refresh(year);
    void message.success(t("aggregate.done", { year }));
  };

  const tryAggregate = () =>
    modal.confirm({
      title: t("aggregate.button"),
      content: t("aggregate.confirm", { year }),
      okText: t("aggregate.send"),
      cancelText: t("submit.cancel"),
      okButtonProps: { "data-testid": "aggregate-confirm" } as object,
      onOk: async () => {
        try {
          await aggregate({});
        } catch (error) {
          // Not every department is accepted: the office may go on with a reason.
          if (error instanceof ApiError && error.status === 409) setOverride(error.message);
          else void message.error(t("aggregate.failed", { message: errorMessage(error) }));
        }
      },
    });

  return (
    <Space wrap align="center" data-testid="year-actions">
      <CycleStatusTag status={cycle.status} />
      {isOffice && cycle.status === "open" ? (
        <Button onClick={tryAggregate} data-testid="aggregate">
          {t("aggregate.button")}
        </Button>
      ) : null}
      {isOffice && cycle.status === "aggregated" ? (
        <Button onClick={() => setReopening(true)} data-testid="reopen-year">
          {t("aggregate.reopen")}
        </Button>
      ) : null}
      {override !== null ? (
        <ReasonDialog
          title={t("aggregate.overrideTitle")}
          intro={override}
          label={t("aggregate.overrideReason")}
          okText={t("aggregate.send")}
          testId="aggregate-override"
          onClose={() => setOverride(null)}
          onSend={(reason) => aggregate({ overrideReason: reason })}
        />
      ) : null}
      {reopening ? (
        <ReasonDialog
          title={t("aggregate.reopenTitle", { year })}
          label={t("aggregate.reopenReason")}
          okText={t("aggregate.reopen")}
          testId="reopen-year-dialog"
          onClose={() => setReopening(false)}
          onSend={async (reason) => {
            await api.post(`/api/cycles/${year}/reopen`, { reason });
            setReopening(false);
            await refresh(year);
            void message.success(t("aggregate.reopenDone", { year }));
          }}
        />
      ) : null}
    </Space>
  );
}
