import type { Lang, Localized } from "../text/localized";

/** One thing wrong with an input file: where (file and field path) and what, in both languages. */
export interface InputIssue {
  file: string;
  /** e.g. `indicators[I002].formula`, `values.POP.HC`; empty for the whole document. */
  path: string;
  message: Localized;
}

export function formatIssue(issue: InputIssue, lang: Lang = "zh"): string {
  const where = issue.path ? `${issue.file}: ${issue.path}` : issue.file;
  return `${where}: ${issue.message[lang]}`;
}

/**
 * A framework or data file that Kaoping refuses. Nothing from it has been kept:
 * loading either returns a whole, valid document or throws this.
 */
export class InputError extends Error {
  constructor(readonly issues: InputIssue[]) {
    super(issues.map((issue) => formatIssue(issue, "en")).join("\n"));
    this.name = "InputError";
  }

  format(lang: Lang = "zh"): string {
    return this.issues.map((issue) => formatIssue(issue, lang)).join("\n");
  }
}
