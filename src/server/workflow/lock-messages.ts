import { localized, type Localized } from "../../core";
import type { LockReason } from "../../core/workflow/lock";
import { DomainError } from "../errors";

/** Why an item is locked, in words a clerk understands, naming the department. */
export function lockMessage(
  reason: LockReason,
  year: number,
  nameOf: (code: string) => string,
): Localized {
  switch (reason.kind) {
    case "closed":
      return localized(
        `${year} 年度考评已关闭，数据不能再修改`,
        `evaluation year ${year} is closed; figures can no longer change`,
      );
    case "aggregated":
      return localized(
        `${year} 年度考评已汇总，数据已冻结；如需修改，须由考评办重新开放年度`,
        `evaluation year ${year} is aggregated and its data frozen; the evaluation office must reopen the year to change it`,
      );
    case "submitted":
      return localized(
        `${nameOf(reason.department)}已报送 ${year} 年度考评材料，数据只读；如需修改，须由考评办退回`,
        `${nameOf(reason.department)} has submitted its ${year} materials; the data is read-only until the evaluation office returns it`,
      );
    case "accepted":
      return localized(
        `考评办已接收${nameOf(reason.department)}的 ${year} 年度考评材料，数据只读；如需修改，须由考评办重新开放`,
        `the evaluation office has accepted ${nameOf(reason.department)}'s ${year} materials; the data is read-only unless the office reopens it`,
      );
    case "deadline":
      return localized(
        `部门报送截止日期（${reason.due}）已过，数据已锁定；如需补报，请向考评办申请例外`,
        `the departments' deadline (${reason.due}) has passed and the data is locked; ask the evaluation office for an exception`,
      );
  }
}

/** The 423 refusal for a lock, carrying why as data for the client. */
export function lockedError(
  reason: LockReason,
  year: number,
  nameOf: (code: string) => string,
): DomainError {
  return new DomainError("locked", lockMessage(reason, year, nameOf), {
    lock: {
      kind: reason.kind,
      department: "department" in reason ? reason.department : null,
      due: reason.kind === "deadline" ? reason.due : null,
    },
  });
}
