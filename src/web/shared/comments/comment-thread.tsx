import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Input, Spin, Typography } from "antd";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type {
  AddCommentBody,
  Comment,
  CommentList,
  CommentTargetKind,
} from "../../../contract/api";
import { api, ApiError } from "../../api/client";
import { queryKeys } from "../../api/query-keys";
import { formatDateTime, formatLanguage } from "../format";
import "./messages";
import "./comments.css";

export interface CommentThreadProps {
  year: number;
  kind: CommentTargetKind;
  code: string;
}

const MAX_LENGTH = 2000;

/**
 * The conversation about one item between the department and the office: who wrote
 * what (with their role) and when, oldest first, and a box to add to it.
 */
export function CommentThread({ year, kind, code }: CommentThreadProps) {
  const { t, i18n } = useTranslation("comments");
  const { t: common } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [draft, setDraft] = useState("");
  const key = queryKeys.comments(year, kind, code);

  const thread = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api.get<CommentList>(`/api/cycles/${year}/comments`, { query: { kind, code }, signal }),
  });

  const add = useMutation({
    mutationFn: (body: AddCommentBody) => api.post<Comment>(`/api/cycles/${year}/comments`, body),
    onSuccess: () => {
      setDraft("");
      message.success(t("sent"));
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) => message.error(error instanceof ApiError ? error.message : String(error)),
  });

  const send = () => {
    const body = draft.trim();
    if (body === "" || add.isPending) return;
    add.mutate({ kind, code, body });
  };

  const comments = thread.data?.comments ?? [];
  return (
    <section
      className="kp-comments"
      data-testid={`comments-${kind}-${code}`}
      aria-label={`${t("title")} ${code}`}
    >
      {thread.isPending ? (
        <Spin size="small" />
      ) : thread.isError ? (
        <Alert
          type="error"
          showIcon
          title={t("loadFailed", {
            message: thread.error instanceof ApiError ? thread.error.message : String(thread.error),
          })}
        />
      ) : comments.length === 0 ? (
        <Typography.Text className="kp-comments-muted">{t("empty")}</Typography.Text>
      ) : (
        <ol className="kp-comments-list">
          {comments.map((comment) => (
            <li key={comment.id} className="kp-comment" data-testid="comment-item">
              <div className="kp-comment-head">
                <Typography.Text strong>{comment.author.displayName}</Typography.Text>
                <Typography.Text className="kp-comments-muted">
                  {common(`roles.${comment.author.role}`)}
                </Typography.Text>
                <Typography.Text className="kp-comments-muted">
                  <time dateTime={comment.createdAt}>
                    {formatDateTime(comment.createdAt, formatLanguage(i18n.language))}
                  </time>
                </Typography.Text>
              </div>
              <div className="kp-comment-body">{comment.body}</div>
            </li>
          ))}
        </ol>
      )}
      <label htmlFor={inputId} className="kp-comments-label">
        {t("label")}
      </label>
      <Input.TextArea
        id={inputId}
        value={draft}
        maxLength={MAX_LENGTH}
        autoSize={{ minRows: 2, maxRows: 6 }}
        placeholder={t("placeholder")}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            send();
          }
        }}
        data-testid={`comment-input-${kind}-${code}`}
      />
      <div className="kp-comments-actions">
        <Button
          type="primary"
          onClick={send}
          loading={add.isPending}
          disabled={draft.trim() === ""}
          data-testid={`comment-send-${kind}-${code}`}
        >
          {t("send")}
        </Button>
      </div>
    </section>
  );
}
