import { attachmentDisposition } from "./download-evidence";

/**
 * Types a browser shows by itself, without running anything the file carries: PDFs
 * (its own viewer) and pictures. SVG is not among them (it can hold script) and is
 * never accepted as evidence anyway.
 */
const PREVIEWABLE = new Set([
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
]);

/** A download: nothing in it may load or run, and no page may frame it. */
const DOWNLOAD_POLICY = "default-src 'none'; sandbox";

/**
 * A preview shown in the app's own <iframe> or <img>: still nothing from elsewhere and
 * no script; pictures and inline styles (a PDF viewer's) from this origin, and framing
 * by this origin only. (A sandbox would stop the browser's PDF viewer.)
 */
const PREVIEW_POLICY =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";

/** The response headers of an evidence file: inline only when asked for and the type is safe to show. */
export function evidenceFileHeaders(
  evidence: { mimeType: string; originalName: string },
  wantInline: boolean,
): Record<string, string> {
  const inline = wantInline && PREVIEWABLE.has(evidence.mimeType);
  const disposition = attachmentDisposition(evidence.originalName);
  return inline
    ? {
        "Content-Disposition": disposition.replace(/^attachment;/, "inline;"),
        "Content-Security-Policy": PREVIEW_POLICY,
        "X-Frame-Options": "SAMEORIGIN",
        "X-Content-Type-Options": "nosniff",
      }
    : {
        "Content-Disposition": disposition,
        "Content-Security-Policy": DOWNLOAD_POLICY,
        "X-Content-Type-Options": "nosniff",
      };
}
