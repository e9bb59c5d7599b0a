import { createHash, randomBytes, randomUUID } from "node:crypto";

export const newId = (): string => randomUUID();

/** A random token for a cookie or a CSRF header (256 bits, URL-safe). */
export const newToken = (): string => randomBytes(32).toString("base64url");

export const sha256Hex = (data: string | Buffer): string =>
  createHash("sha256").update(data).digest("hex");

export const sm3Hex = (data: string | Buffer): string =>
  createHash("sm3").update(data).digest("hex");
