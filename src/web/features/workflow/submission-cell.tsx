import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Submission } from "../../../contract/api";
import { SubmissionStateTag } from "./state-tag";
import "./messages";

/** The overview's 报送状态 cell: the state, and how often the office has returned it. */
export function SubmissionCell({ submission, code }: { submission: Submission; code: string }) {
  const { t } = useTranslation("workflow");
  return (
    <div>
      <SubmissionStateTag state={submission.state} testId={`dept-state-${code}`} />
      {submission.returns > 0 ? (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("departments.returns", { count: submission.returns })}
          </Typography.Text>
        </div>
      ) : null}
    </div>
  );
}

export const SUBMISSION_ORDER = { draft: 0, returned: 1, submitted: 2, accepted: 3 } as const;
