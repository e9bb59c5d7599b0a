import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { CellStatus } from "./figure-store";
import { CheckIcon, DotIcon, SpinnerIcon, WarningIcon } from "./status-icons";

const ICONS: Record<Exclude<CellStatus, "idle">, () => ReactElement> = {
  saving: SpinnerIcon,
  saved: CheckIcon,
  unsaved: DotIcon,
  error: WarningIcon,
};

/** A save state as icon and word together (保存中 / 已保存 / 未保存 / 有错误). */
export function SaveStatus({ status, testId }: { status: CellStatus; testId?: string }) {
  const { t } = useTranslation("workspace");
  if (status === "idle") return <span className="kp-status" data-testid={testId} />;
  const Icon = ICONS[status];
  return (
    <span className={`kp-status kp-status-${status}`} data-testid={testId} data-status={status}>
      <Icon />
      {t(`status.${status}`)}
    </span>
  );
}
