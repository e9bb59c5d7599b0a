import { z } from "zod";

/** `DELETE …/values/:element/:region?version=N`: the version the user last saw. */
export const clearValueQuerySchema = z.object({
  // Digits only: a bare coercion would read `?version=` as 0.
  version: z
    .string()
    .regex(/^\d{1,15}$/)
    .pipe(z.coerce.number<string>().int())
    .describe("The version of the figure you last saw; a stale one is refused with 409"),
});

export const clearedValueSchema = z
  .object({
    element: z.string(),
    region: z.string(),
    cleared: z.literal(true),
    version: z
      .literal(0)
      .describe("The version to send when the figure is entered again: 0, as for a new figure"),
  })
  .describe("The figure is no longer entered");

/** `GET …/evidence/:id?inline=1`: show a PDF or picture in the page instead of downloading it. */
export const evidenceDownloadQuerySchema = z.object({
  inline: z
    .enum(["0", "1"])
    .optional()
    .describe(
      "1: serve a PDF, PNG, JPEG, GIF or WebP inline, for an <iframe> or <img> of the app; " +
        "other types are always attachments",
    ),
});

export type ClearValueQuery = z.infer<typeof clearValueQuerySchema>;
export type ClearedValue = z.infer<typeof clearedValueSchema>;
export type EvidenceDownloadQuery = z.infer<typeof evidenceDownloadQuerySchema>;
