import { z } from "zod";
import { cleanFreeText } from "../core/text/clean-text";

/**
 * Text a person writes (a note, an explanation): line breaks kept, controls and
 * bidirectional overrides dropped (see core/text/clean-text.ts) before it is stored.
 * Lone surrogates never get this far: the server refuses them with 422 first.
 * Request bodies only: `overwrite` runs on the way in.
 */
export const freeTextSchema = (max: number) =>
  z
    .string()
    .max(max)
    .overwrite(cleanFreeText)
    .describe(
      `Free text, at most ${max} characters; control and bidi-override characters are removed`,
    );

/** The evaluation year in a path. */
export const yearParamsSchema = z.object({
  year: z.coerce.number().int().min(1990).max(2200).describe("The evaluation year, e.g. 2025"),
});

/** An ISO 8601 instant in UTC, as every timestamp of the API is written. */
export const instantSchema = z.string().describe("ISO 8601, UTC");
