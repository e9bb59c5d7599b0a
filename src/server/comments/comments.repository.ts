import type { Executor } from "../db/executor";
import type { CommentsTable, Role } from "../db/schema";

export type CommentRow = CommentsTable;

/** A comment with its author's account. */
export interface AuthoredComment extends CommentRow {
  username: string;
  display_name: string;
  role: Role;
}

/** All SQL for comments on items. */
export function commentsRepository(db: Executor) {
  const authored = () =>
    db
      .selectFrom("comments")
      // Accounts are disabled, never deleted, so every author is still there.
      .innerJoin("users", "users.id", "comments.author_id")
      .selectAll("comments")
      .select(["users.username", "users.display_name", "users.role"]);

  return {
    insert: (row: CommentRow) => db.insertInto("comments").values(row).execute(),

    /** One item's comments, oldest first (the same millisecond: in a fixed order, by id). */
    forTarget: (cycleId: string, kind: string, code: string): Promise<AuthoredComment[]> =>
      authored()
        .where("comments.cycle_id", "=", cycleId)
        .where("comments.target_kind", "=", kind)
        .where("comments.target_code", "=", code)
        .orderBy("comments.created_at")
        .orderBy("comments.id")
        .execute(),

    /** When each comment of a year was written and by whom (no text), for the latest activity. */
    stampsForCycle: (cycleId: string) =>
      db
        .selectFrom("comments")
        .innerJoin("users", "users.id", "comments.author_id")
        .select([
          "comments.target_kind",
          "comments.target_code",
          "comments.created_at",
          "users.username",
          "users.display_name",
        ])
        .where("comments.cycle_id", "=", cycleId)
        .execute(),
  };
}

export type CommentsRepository = ReturnType<typeof commentsRepository>;
