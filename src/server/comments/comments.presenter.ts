import type { Comment, CommentTargetKind } from "../../contract/api";
import type { AuthoredComment } from "./comments.repository";

/** A stored comment as the API shows it. */
export const presentComment = (row: AuthoredComment): Comment => ({
  id: row.id,
  kind: row.target_kind as CommentTargetKind,
  code: row.target_code,
  body: row.body,
  author: { username: row.username, displayName: row.display_name, role: row.role },
  createdAt: row.created_at,
});
