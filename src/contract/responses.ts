import type { z } from "zod";
import { errorSchema, fieldErrorSchema, forbiddenErrorSchema } from "./errors";
import { lockedErrorSchema } from "./workflow";

/**
 * The error answers an operation can give, for its OpenAPI `responses`. Every route
 * lists each status it can answer, so generated clients know them all.
 */
const ERROR_MEANINGS = {
  400: "The request is malformed (a URL that does not decode, a body that is not JSON, a broken multipart body)",
  401: "Not signed in, or the session has expired",
  403: "Signed in, but this role or department may not do this",
  404: "The year, item, file or account does not exist",
  409: "Someone changed it since you read it (version conflict), or it already exists",
  413: "The upload or the request body is larger than allowed",
  415: "The file type is not accepted",
  422: "A field of the request is refused; the message names it",
  423: "Locked: the year is closed or aggregated, the department's data is submitted or accepted, its deadline has passed, or the account is locked; `lock` says which",
  429: "Too many attempts; try again later",
} as const;

export type ErrorStatus = keyof typeof ERROR_MEANINGS;

/** Statuses whose refusals say more than `{error, message}`: keys not in the schema would be dropped. */
const ERROR_SCHEMAS: Partial<Record<ErrorStatus, z.ZodObject>> = {
  403: forbiddenErrorSchema,
  422: fieldErrorSchema,
  423: lockedErrorSchema,
};

export function errorResponses<S extends ErrorStatus>(
  ...statuses: S[]
): Record<S, typeof errorSchema> {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      (ERROR_SCHEMAS[status] ?? errorSchema).describe(ERROR_MEANINGS[status]),
    ]),
  ) as Record<S, typeof errorSchema>;
}
