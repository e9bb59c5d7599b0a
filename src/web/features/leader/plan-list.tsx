import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import type { FrameworkDocument } from "../../../contract/api";
import type { ScoreReport } from "../../../contract/score-report";
import { formatLanguage } from "../../shared/format";
import { describePlanOutcome, describePlanStep, planOutcome, planSubjectFor } from "./plan-steps";

/** The plan to the target in plain words: whether it gets there, then each step. */
export function PlanList({
  report,
  framework,
}: {
  report: ScoreReport;
  framework: FrameworkDocument;
}) {
  const { i18n } = useTranslation("leader");
  const lang = formatLanguage(i18n.language);
  const outcome = planOutcome(report);
  const steps = report.plan.flatMap((step) => {
    const subject = planSubjectFor(step.code, framework, report);
    return subject ? [{ code: step.code, text: describePlanStep(step, subject, lang) }] : [];
  });
  return (
    <div>
      <Alert
        data-testid="plan-outcome"
        type={outcome.kind === "short" ? "warning" : outcome.kind === "met" ? "success" : "info"}
        showIcon
        title={describePlanOutcome(outcome, report.target, steps.length, lang)}
        style={{ marginBottom: 12 }}
      />
      <ol data-testid="plan" style={{ margin: 0, paddingInlineStart: 22, lineHeight: 1.8 }}>
        {steps.map((step) => (
          <li key={step.code} data-testid={`plan-step-${step.code}`}>
            {step.text}
          </li>
        ))}
      </ol>
    </div>
  );
}
