import { z } from "zod";

/** Shape of a `kaoping/data@1` document; references to the framework are checked in check-data.ts. */
export const DATA_FORMAT = "kaoping/data@1";

const code = z.string().regex(/^\S+$/, "a code is a non-empty string without spaces");
const finite = z.number().finite();

export const regionSchema = z.object({
  code,
  name: z.string().min(1),
  population: finite.gt(0).optional(),
  group: z.string().min(1).optional(),
});

export const satisfactionItemSchema = z.object({
  code,
  name: z.string().optional(),
  score: finite,
  weight: finite.gt(0),
});

export const satisfactionSchema = z.union([
  finite,
  z.object({ items: z.array(satisfactionItemSchema).min(1) }),
]);

export const dataSchema = z.object({
  format: z.literal(DATA_FORMAT),
  framework: code,
  year: z.number().int().min(1990).max(2200),
  regions: z.array(regionSchema).default([]),
  values: z.record(z.string(), z.record(z.string(), finite)).default({}),
  work: z.record(z.string(), z.record(z.string(), finite)).default({}),
  satisfaction: satisfactionSchema.optional(),
});

export type DataDoc = z.infer<typeof dataSchema>;
export type Region = z.infer<typeof regionSchema>;
export type Satisfaction = z.infer<typeof satisfactionSchema>;
