/**
 * The recovery codes as a text file to keep: a header naming the account and when
 * they were made, one code per line, and the rule that each works once. CRLF line
 * ends, so Windows Notepad (what most offices open .txt with) shows the lines.
 */
export function recoveryCodesText(codes: readonly string[], header: string, note: string): string {
  return [header, "", ...codes, "", note, ""].join("\r\n");
}

/** The file's name: the account and the day, e.g. kaoping-recovery-codes-zhang.san-2026-03-10.txt. */
export function recoveryCodesFileName(account: string, day: string): string {
  const safeAccount = account.replace(/[^A-Za-z0-9._-]+/g, "_");
  return `kaoping-recovery-codes-${safeAccount}-${day}.txt`;
}
