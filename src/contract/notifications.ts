import { z } from "zod";
import { instantSchema } from "./common";

/** The notification centre: each account's own notices (reminders, overdue, escalations). */

export const notificationKindSchema = z
  .enum(["reminder", "overdue", "escalation"])
  .describe(
    "reminder: the departments' deadline is near; overdue: it has passed without a hand-in; escalation: the office is told of an overdue department",
  );

export const notificationSchema = z
  .object({
    id: z.string(),
    kind: notificationKindSchema,
    year: z.number().int().describe("The evaluation year the notice is about"),
    department: z.string().nullable().describe("The member department it is about"),
    title: z.string().describe("In the request's language (Accept-Language; Chinese by default)"),
    body: z.string().describe("In the request's language"),
    link: z.string().nullable().describe("The app's page to open for it, e.g. /workspace"),
    createdAt: instantSchema,
    readAt: instantSchema.nullable().describe("When the account marked it read; null while unread"),
  })
  .describe("One notice in the account's notification centre");

export const notificationListSchema = z
  .object({
    notifications: z.array(notificationSchema).describe("Newest first, at most the newest 100"),
    unread: z.number().int().min(0).describe("How many of the account's notifications are unread"),
  })
  .describe("The signed-in account's notifications");

export const notificationParamsSchema = z.object({
  id: z.string().min(1).max(64).describe("The notification's id"),
});

export const notificationsReadSchema = z
  .object({
    marked: z.number().int().min(0).describe("How many notifications this call marked read"),
    unread: z.number().int().min(0).describe("Unread notifications left"),
  })
  .describe("The outcome of marking notifications read");

export type NotificationKind = z.infer<typeof notificationKindSchema>;
export type Notification = z.infer<typeof notificationSchema>;
export type NotificationList = z.infer<typeof notificationListSchema>;
export type NotificationsRead = z.infer<typeof notificationsReadSchema>;
