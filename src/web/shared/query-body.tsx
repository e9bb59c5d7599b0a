import type { UseQueryResult } from "@tanstack/react-query";
import { Alert, Skeleton } from "antd";
import type { ReactNode } from "react";
import { ApiError } from "../api/client";

/**
 * A card's body fed by one query: the refusal in words when it failed, a skeleton
 * while it loads, else the content (inside a wrapper the browser tests find by id).
 */
export function QueryBody<T>(props: {
  query: UseQueryResult<T>;
  failed: (message: string) => string;
  testId: string;
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  if (query.isError) {
    const message = query.error instanceof ApiError ? query.error.message : String(query.error);
    return <Alert type="error" showIcon style={{ margin: 16 }} title={props.failed(message)} />;
  }
  if (query.data === undefined) return <Skeleton active style={{ padding: 16 }} />;
  return <div data-testid={props.testId}>{props.children(query.data)}</div>;
}
