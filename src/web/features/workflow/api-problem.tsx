import { Alert } from "antd";
import { ApiError } from "../../api/client";

/** The server's issues of a 422, each `{field, message}` (already in the user's language). */
export function issuesOf(error: unknown): string[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.body?.issues)) return [];
  return (error.body.issues as { field?: unknown; message?: unknown }[])
    .map((issue) => (typeof issue.message === "string" ? issue.message : ""))
    .filter((message) => message !== "");
}

export const errorMessage = (error: unknown) =>
  error instanceof ApiError ? error.message : String(error);

/** A refused step: the server's message, and its issues when it listed them. */
export function ApiProblem({
  error,
  title,
  testId,
}: {
  error: unknown;
  title: (message: string) => string;
  testId?: string;
}) {
  if (!error) return null;
  const issues = issuesOf(error);
  return (
    <Alert
      type="error"
      showIcon
      className="kp-notice"
      data-testid={testId}
      title={title(errorMessage(error))}
      description={
        issues.length > 0 ? (
          <ul className="kp-reason-list">
            {issues.map((issue, index) => (
              <li key={index}>{issue}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
