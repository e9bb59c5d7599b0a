import type { WorkAnswer } from "../../contract/api";
import type { StoredWorkAnswer } from "./work.repository";

/** A work item's stored answer as the API shows it. */
export const presentWorkAnswer = (answer: StoredWorkAnswer): WorkAnswer => ({
  itemCode: answer.itemCode,
  awarded: answer.awarded,
  explanation: answer.explanation,
  version: answer.version,
  updatedBy: answer.updatedBy,
  updatedAt: answer.updatedAt,
});
