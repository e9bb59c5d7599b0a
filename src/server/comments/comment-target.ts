import type { CommentTarget } from "../../contract/api";
import type { Framework } from "../../core";
import { isDepartmentUser, type AuthUser } from "../auth/auth-user";
import { CITY_WRITERS } from "../auth/policy";
import { forbidden, notFound } from "../errors";

const KIND_NAMES = {
  indicator: { zh: "指标", en: "indicator" },
  workItem: { zh: "工作项", en: "work item" },
} as const;

/**
 * Who may read and write an item's comments: the office and admins, and the users of
 * the department that answers for the item. Anyone else (leader, auditor, another
 * department) is refused before the item is even looked up; an item the year's
 * framework does not have is a 404. Returns the item's department.
 */
export function authorizeCommentTarget(
  user: AuthUser,
  framework: Framework,
  target: CommentTarget,
): string {
  const mayDiscuss = CITY_WRITERS.includes(user.role) || isDepartmentUser(user);
  if (!mayDiscuss) {
    throw forbidden(
      "只有考评办和负责该项目的单位可以查看和发表意见",
      "only the evaluation office and the item's own department may read and write its comments",
    );
  }
  const items = target.kind === "indicator" ? framework.indicators : framework.workItems;
  const item = items.find((candidate) => candidate.code === target.code);
  const kind = KIND_NAMES[target.kind];
  if (!item)
    throw notFound(`没有${kind.zh} ${target.code}`, `there is no ${kind.en} ${target.code}`);
  if (isDepartmentUser(user) && user.departmentCode !== item.department) {
    throw forbidden(
      `${kind.zh} ${target.code} 不属于本单位，不能查看或发表意见`,
      `${kind.en} ${target.code} is not your department's; you may not read or write its comments`,
    );
  }
  return item.department;
}
