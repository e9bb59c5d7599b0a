import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  type PDFDocument,
  type PDFPage,
  type PDFRef,
} from "pdf-lib";

/** A bookmark: its title, the page it opens, and the bookmarks under it. */
export interface OutlineEntry {
  title: string;
  page: PDFPage;
  children: OutlineEntry[];
}

function visibleCount(entries: readonly OutlineEntry[]): number {
  return entries.reduce((sum, entry) => sum + 1 + visibleCount(entry.children), 0);
}

/** Writes one level of bookmarks under `parent`; returns the first and last item's refs. */
function writeLevel(
  doc: PDFDocument,
  entries: readonly OutlineEntry[],
  parent: PDFRef,
): { first: PDFRef; last: PDFRef } {
  const { context } = doc;
  const refs = entries.map(() => context.nextRef());
  entries.forEach((entry, index) => {
    const item = PDFDict.withContext(context);
    item.set(PDFName.of("Title"), PDFHexString.fromText(entry.title));
    item.set(PDFName.of("Parent"), parent);
    if (index > 0) item.set(PDFName.of("Prev"), refs[index - 1]!);
    if (index < refs.length - 1) item.set(PDFName.of("Next"), refs[index + 1]!);
    const destination = PDFArray.withContext(context);
    destination.push(entry.page.ref);
    destination.push(PDFName.of("XYZ"));
    destination.push(PDFNull);
    destination.push(PDFNull);
    destination.push(PDFNull);
    item.set(PDFName.of("Dest"), destination);
    if (entry.children.length > 0) {
      const { first, last } = writeLevel(doc, entry.children, refs[index]!);
      item.set(PDFName.of("First"), first);
      item.set(PDFName.of("Last"), last);
      // Positive: the item opens showing its children.
      item.set(PDFName.of("Count"), PDFNumber.of(visibleCount(entry.children)));
    }
    context.assign(refs[index]!, item);
  });
  return { first: refs[0]!, last: refs[refs.length - 1]! };
}

/**
 * The document outline (bookmarks), which pdf-lib has no API for: an /Outlines dictionary
 * whose items link to each other (/First /Last /Next /Prev /Parent) and each open a page;
 * the reader shows the bookmarks panel when the file is opened.
 */
export function writeOutline(doc: PDFDocument, entries: readonly OutlineEntry[]): void {
  if (entries.length === 0) return;
  const { context } = doc;
  const root = context.nextRef();
  const { first, last } = writeLevel(doc, entries, root);
  const outlines = PDFDict.withContext(context);
  outlines.set(PDFName.of("Type"), PDFName.of("Outlines"));
  outlines.set(PDFName.of("First"), first);
  outlines.set(PDFName.of("Last"), last);
  outlines.set(PDFName.of("Count"), PDFNumber.of(visibleCount(entries)));
  context.assign(root, outlines);
  doc.catalog.set(PDFName.of("Outlines"), root);
  doc.catalog.set(PDFName.of("PageMode"), PDFName.of("UseOutlines"));
}
