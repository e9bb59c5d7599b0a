import { Empty, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { DepartmentWorkItem, WorkAnswer } from "../../../contract/api";
import type { WorkDraft } from "./work-drafts";
import { WorkItemCard } from "./work-item-card";

export interface WorkSheetProps {
  year: number;
  department: string;
  items: DepartmentWorkItem[];
  answers: ReadonlyMap<string, WorkAnswer | null>;
  drafts: Record<string, WorkDraft>;
  readOnly: boolean;
  onDraft: (item: string, draft: WorkDraft | undefined) => void;
  onSaved: (answer: WorkAnswer) => void;
  onLocked: (message: string) => void;
  onDetails: (code: string) => void;
}

/** The 工作测评表: every work item of the department with its criteria. */
export function WorkSheet(props: WorkSheetProps) {
  const { t } = useTranslation("workspace");
  if (props.items.length === 0) return <Empty description={t("work.empty")} />;
  return (
    <div className="kp-grid" data-testid="work-sheet">
      <Typography.Paragraph className="kp-grid-intro">{t("work.intro")}</Typography.Paragraph>
      {props.items.map((item) => (
        <WorkItemCard
          key={item.code}
          year={props.year}
          department={props.department}
          item={item}
          answer={props.answers.get(item.code) ?? null}
          draft={props.drafts[item.code]}
          readOnly={props.readOnly}
          onDraft={props.onDraft}
          onSaved={props.onSaved}
          onLocked={props.onLocked}
          onDetails={props.onDetails}
        />
      ))}
    </div>
  );
}
