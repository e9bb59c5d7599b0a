/**
 * A refusal's message without the "file: field: " it starts with (the core's formatIssue
 * writes the place into the message; the issues table shows the place in its own
 * columns, so the message need not say it again).
 */
export function issueText(issue: { file?: string; field: string; message: string }): string {
  const where = issue.field ? `${issue.file ?? ""}: ${issue.field}: ` : `${issue.file ?? ""}: `;
  if (issue.file && issue.message.startsWith(where)) return issue.message.slice(where.length);
  if (issue.field && issue.message.startsWith(`${issue.field}: `))
    return issue.message.slice(issue.field.length + 2);
  return issue.message;
}
