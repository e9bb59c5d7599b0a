import { ApiError } from "../../api/client";

export interface FieldError<Name extends string = string> {
  name: Name;
  errors: string[];
}

/**
 * A 422's refusal by field, for a form to show beside the inputs: the body's `field`
 * (with the message) or each of its `issues`. Only fields the form has are returned
 * (`aliases` maps a server's name to the form's, e.g. department → departmentCode);
 * null when there is none, so the caller shows the message as a general error instead.
 */
export function fieldErrorsOf<Name extends string>(
  error: unknown,
  formFields: readonly Name[],
  aliases: Readonly<Record<string, Name>> = {},
): FieldError<Name>[] | null {
  if (!(error instanceof ApiError) || error.status !== 422 || !error.body) return null;
  const byField = new Map<Name, string[]>();
  const isFormField = (field: unknown): field is Name =>
    typeof field === "string" && (formFields as readonly string[]).includes(field);
  const add = (sent: unknown, message: string) => {
    const field = typeof sent === "string" && Object.hasOwn(aliases, sent) ? aliases[sent] : sent;
    if (!isFormField(field)) return;
    byField.set(field, [...(byField.get(field) ?? []), message]);
  };
  const issues = error.body.issues;
  if (Array.isArray(issues)) {
    for (const issue of issues as { field?: unknown; message?: unknown }[]) {
      if (typeof issue?.message === "string") add(issue.field, issue.message);
    }
  }
  if (byField.size === 0) add(error.body.field, error.message);
  if (byField.size === 0) return null;
  return [...byField].map(([name, errors]) => ({ name, errors }));
}
