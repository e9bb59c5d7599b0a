import type { AddCommentBody, Comment } from "../../contract/api";
import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/auth-user";
import type { UseCaseDeps } from "../context";
import { loadCycle } from "../cycles/load-cycle";
import { newId } from "../ids";
import { authorizeCommentTarget } from "./comment-target";
import { presentComment } from "./comments.presenter";

/**
 * Adds a comment to an indicator or work item, with its audit row, in one transaction.
 * A closed year still takes comments: they discuss the figures and change none of them.
 * The body arrives cleaned and trimmed (contract/comments.ts).
 */
export async function addComment(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  input: AddCommentBody,
): Promise<Comment> {
  const { cycle, framework } = await loadCycle(deps, year);
  const department = authorizeCommentTarget(user, framework, input);
  const row = {
    id: newId(),
    cycle_id: cycle.id,
    target_kind: input.kind,
    target_code: input.code,
    author_id: user.id,
    body: input.body,
    created_at: deps.clock.now().toISOString(),
  };
  await deps.repos.transaction(async (tx) => {
    await tx.audit.lock();
    await tx.comments.insert(row);
    await recordAudit(tx, deps.clock, {
      actor: user.username,
      action: "comment.add",
      objectType: "comment",
      objectId: row.id,
      after: { target: { kind: input.kind, code: input.code, department }, body: row.body },
    });
  });
  return presentComment({
    ...row,
    username: user.username,
    display_name: user.displayName,
    role: user.role,
  });
}
