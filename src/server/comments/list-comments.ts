import type { CommentList, CommentTarget } from "../../contract/api";
import type { AuthUser } from "../auth/auth-user";
import type { UseCaseDeps } from "../context";
import { loadCycle } from "../cycles/load-cycle";
import { authorizeCommentTarget } from "./comment-target";
import { presentComment } from "./comments.presenter";

/** The comments on one indicator or work item of a year, oldest first. */
export async function listComments(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  target: CommentTarget,
): Promise<CommentList> {
  const { cycle, framework } = await loadCycle(deps, year);
  authorizeCommentTarget(user, framework, target);
  const rows = await deps.repos.comments.forTarget(cycle.id, target.kind, target.code);
  return { kind: target.kind, code: target.code, comments: rows.map(presentComment) };
}
