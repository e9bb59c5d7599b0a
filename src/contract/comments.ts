import { z } from "zod";
import { freeTextSchema, instantSchema } from "./common";
import { roleSchema } from "./roles";

export const commentTargetKindSchema = z
  .enum(["indicator", "workItem"])
  .describe("What the comment is about: an indicator or a work item");

/** The item a comment belongs to, as the query of the list and in the body of a new one. */
export const commentTargetSchema = z.object({
  kind: commentTargetKindSchema,
  code: z.string().min(1).max(128).describe("The indicator's or work item's code"),
});

export const commentsQuerySchema = commentTargetSchema;

export const addCommentBodySchema = commentTargetSchema.extend({
  body: freeTextSchema(2000)
    .trim()
    .min(1)
    .describe("The comment, at most 2,000 characters; not empty once cleaned and trimmed"),
});

export const commentSchema = z
  .object({
    id: z.string(),
    kind: commentTargetKindSchema,
    code: z.string(),
    body: z.string(),
    author: z.object({
      username: z.string(),
      displayName: z.string(),
      role: roleSchema,
    }),
    createdAt: instantSchema,
  })
  .describe("One comment on an item");

export const commentListSchema = z
  .object({
    kind: commentTargetKindSchema,
    code: z.string(),
    comments: z.array(commentSchema).describe("Oldest first"),
  })
  .describe("The comments on one item");

export type CommentTargetKind = z.infer<typeof commentTargetKindSchema>;
export type CommentTarget = z.infer<typeof commentTargetSchema>;
export type AddCommentBody = z.infer<typeof addCommentBodySchema>;
export type Comment = z.infer<typeof commentSchema>;
export type CommentList = z.infer<typeof commentListSchema>;
