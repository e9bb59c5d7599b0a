import { Alert } from "antd";
import { ApiError } from "../../api/client";

/**
 * A failed read shown on the page. A 401 is not shown: the session-expired dialog is
 * already over the page, and once the user signs in again the read is repeated.
 */
export function QueryError({ error }: { error: Error | null | undefined }) {
  if (!error || (error instanceof ApiError && error.status === 401)) return null;
  return <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />;
}
