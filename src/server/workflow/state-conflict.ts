import { localized } from "../../core";
import type { SubmissionAction, SubmissionState } from "../../core/workflow/states";
import { DomainError } from "../errors";

const STATE_ZH: Record<SubmissionState, string> = {
  draft: "尚未报送",
  submitted: "已报送、等待审核",
  returned: "已退回修改",
  accepted: "已接收",
};

const ACTION_ZH: Record<SubmissionAction, string> = {
  submit: "报送",
  return: "退回",
  accept: "接收",
  reopen: "重新开放",
};

const HINT_ZH: Record<SubmissionAction, string> = {
  submit: "已报送的材料须由考评办退回后才能再次报送",
  return: "只有已报送、等待审核的材料才能退回",
  accept: "只有已报送、等待审核的材料才能接收",
  reopen: "只有已接收的材料才能重新开放",
};

/** 409: the hand-in is not in a state this step may start from; says which and why. */
export function stateConflict(
  action: SubmissionAction,
  state: SubmissionState,
  departmentName: string,
): DomainError {
  return new DomainError(
    "conflict",
    localized(
      `${departmentName}的材料${STATE_ZH[state]}，不能${ACTION_ZH[action]}：${HINT_ZH[action]}`,
      `${departmentName}'s materials are ${state}; they cannot be ${action === "submit" ? "submitted" : action === "return" ? "returned" : action === "accept" ? "accepted" : "reopened"} now`,
    ),
    { state },
  );
}
