import {
  CheckCircleOutlined,
  EditOutlined,
  LockOutlined,
  RollbackOutlined,
  SendOutlined,
  UnlockOutlined,
} from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { CycleStatus, SubmissionState } from "../../../contract/api";
import { StatusTag, type Tone } from "../admin/status-tag";
import "./messages";

const STATE_LOOK: Record<SubmissionState, { tone: Tone; icon: React.ReactNode }> = {
  draft: { tone: "plain", icon: <EditOutlined aria-hidden /> },
  submitted: { tone: "info", icon: <SendOutlined aria-hidden /> },
  returned: { tone: "warn", icon: <RollbackOutlined aria-hidden /> },
  accepted: { tone: "good", icon: <CheckCircleOutlined aria-hidden /> },
};

/** A department's hand-in state: an icon and a word (colour only repeats them). */
export function SubmissionStateTag({ state, testId }: { state: SubmissionState; testId?: string }) {
  const { t } = useTranslation("workflow");
  const look = STATE_LOOK[state];
  return (
    <StatusTag tone={look.tone} icon={look.icon} testId={testId ?? `submission-state-${state}`}>
      {t(`state.${state}`)}
    </StatusTag>
  );
}

const CYCLE_LOOK: Record<CycleStatus, { tone: Tone; icon: React.ReactNode }> = {
  open: { tone: "good", icon: <UnlockOutlined aria-hidden /> },
  aggregated: { tone: "info", icon: <CheckCircleOutlined aria-hidden /> },
  closed: { tone: "plain", icon: <LockOutlined aria-hidden /> },
};

/** The year's status: 填报中 / 已汇总 / 已关闭. */
export function CycleStatusTag({ status }: { status: CycleStatus }) {
  const { t } = useTranslation("workflow");
  const look = CYCLE_LOOK[status];
  return (
    <StatusTag tone={look.tone} icon={look.icon} testId={`cycle-status-${status}`}>
      {t(`cycleStatus.${status}`)}
    </StatusTag>
  );
}
