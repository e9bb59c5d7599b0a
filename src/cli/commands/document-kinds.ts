export const DOCUMENT_KINDS = ["xlsx", "docx", "pdf", "package"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const isDocumentKind = (text: string | undefined): text is DocumentKind =>
  (DOCUMENT_KINDS as readonly string[]).includes(text ?? "");
