import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * What a Kaoping backup holds. The archive is a zip file whose members are:
 *
 *   tables/<table>.jsonl      one JSON array per row, in the manifest's column order
 *   evidence/<sha256>         each evidence file the tables refer to, named by its digest
 *   audit-checkpoints.jsonl   the checkpoint lines up to the snapshot's audit head
 *   secret.key                the server's secret key (64 hex digits)
 *   manifest.json             what is in the archive, with the SHA-256 of every member
 *   manifest.json.hmac        HMAC-SM3 of manifest.json's bytes under a key derived from
 *                             the secret key, so an edited manifest is refused
 */
export const BACKUP_FORMAT = "kaoping/backup@1";

export const MANIFEST_MEMBER = "manifest.json";
export const MANIFEST_HMAC_MEMBER = "manifest.json.hmac";
export const KEY_MEMBER = "secret.key";
export const CHECKPOINTS_MEMBER = "audit-checkpoints.jsonl";

/** The purpose the manifest's HMAC key is derived for (ServerSecrets.derive). */
export const BACKUP_MANIFEST_KEY_PURPOSE = "backup-manifest";

const SHA256 = /^[0-9a-f]{64}$/;

export const tableMember = (table: string) => `tables/${table}.jsonl`;
export const evidenceMember = (sha256: string) => `evidence/${sha256}`;

/** The digest an evidence member is named by, or undefined when the name is not one. */
export function evidenceDigestOf(member: string): string | undefined {
  const digest = member.startsWith("evidence/") ? member.slice("evidence/".length) : "";
  return SHA256.test(digest) ? digest : undefined;
}

const memberSchema = z.object({
  name: z.string().min(1),
  sha256: z.string().regex(SHA256),
  size: z.number().int().nonnegative(),
});

const tableSchema = z.object({
  name: z.string().regex(/^[a-z_][a-z0-9_]*$/),
  columns: z.array(z.string().regex(/^[a-z_][a-z0-9_]*$/)).min(1),
  rows: z.number().int().nonnegative(),
  member: z.string(),
});

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  kaopingVersion: z.string(),
  dialect: z.enum(["sqlite", "postgres"]),
  createdAt: z.string(),
  /** The migrations the database had, in order: a restore needs exactly these. */
  migrations: z.array(z.string()),
  /** The audit chain as of the snapshot, and whether it verified then. */
  audit: z.object({
    headSeq: z.number().int().nonnegative(),
    headHash: z.string(),
    rows: z.number().int().nonnegative(),
    checkpoints: z.number().int().nonnegative(),
    intact: z.boolean(),
  }),
  tables: z.array(tableSchema),
  evidence: z.object({
    files: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
  }),
  /** Every member but the manifest and its HMAC. */
  members: z.array(memberSchema),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
export type ManifestMember = z.infer<typeof memberSchema>;

export function manifestHmac(key: Buffer, manifestBytes: Buffer): string {
  return createHmac("sm3", key).update(manifestBytes).digest("hex");
}

export function manifestHmacHolds(key: Buffer, manifestBytes: Buffer, given: string): boolean {
  const expected = Buffer.from(manifestHmac(key, manifestBytes));
  const actual = Buffer.from(given.trim());
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
