import type { PDFDocument } from "pdf-lib";

/** Title, creator, producer and language, so readers and archives describe the file right. */
export function setDocumentInfo(doc: PDFDocument, title: string, illustrative: boolean): void {
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setCreator("Kaoping");
  doc.setProducer("Kaoping (pdf-lib)");
  doc.setLanguage("zh-CN");
  if (illustrative) doc.setKeywords(["示例", "illustrative"]);
}
