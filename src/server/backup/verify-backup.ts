import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DomainError, invalid } from "../errors";
import { secretsFromKey } from "../secrets/server-key";
import {
  BACKUP_FORMAT,
  BACKUP_MANIFEST_KEY_PURPOSE,
  CHECKPOINTS_MEMBER,
  evidenceDigestOf,
  KEY_MEMBER,
  MANIFEST_HMAC_MEMBER,
  MANIFEST_MEMBER,
  manifestHmacHolds,
  manifestSchema,
  type BackupManifest,
} from "./backup-format";
import { openZip, type ZipReader } from "./zip-reader";
import { DigestTap } from "./zip-writer";

const KEY_PATTERN = /^[0-9a-f]{64}$/i;
const MANIFEST_LIMIT = 64 * 1024 * 1024;

export interface VerifiedBackup {
  zip: ZipReader;
  manifest: BackupManifest;
  masterKey: Buffer;
  /** SHA-256 of the whole archive, to compare with the one `kaoping backup` printed. */
  sha256: string;
}

/** Streams a member through SHA-256 and returns its digest and size. */
export async function digestMember(zip: ZipReader, name: string) {
  const tap = new DigestTap();
  try {
    await pipeline(
      await zip.open(name),
      tap,
      new Writable({ write: (_chunk, _encoding, done) => done() }),
    );
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw invalid(
      `备份成员 ${name} 已损坏（${(error as Error).message}）`,
      `backup member ${name} is damaged (${(error as Error).message})`,
    );
  }
  return { sha256: tap.digest(), size: tap.size };
}

export function memberMismatch(name: string): DomainError {
  return invalid(
    `备份成员 ${name} 的内容与清单记载的 SHA-256 不符（备份被改动或损坏），未做任何恢复`,
    `backup member ${name} does not match the SHA-256 in the manifest (the backup was changed or is damaged); nothing was restored`,
  );
}

async function fileDigest(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function parseKey(text: string, where: Record<"zh" | "en", string>): Buffer {
  const trimmed = text.trim();
  if (!KEY_PATTERN.test(trimmed)) {
    throw invalid(
      `${where.zh}不是 64 位十六进制的密钥`,
      `${where.en} is not a key of 64 hexadecimal digits`,
    );
  }
  return Buffer.from(trimmed, "hex");
}

/**
 * Opens a backup and checks all of it before anything is written: the key (and that it
 * is the one KAOPING_SECRET_KEY names, when set), the manifest's HMAC and shape, that the
 * archive holds exactly the members the manifest lists, and every member's SHA-256.
 */
export async function openVerifiedBackup(
  file: string,
  envKey: string | undefined,
): Promise<VerifiedBackup> {
  const zip = await openZip(file);
  try {
    const masterKey = parseKey((await zip.readSmall(KEY_MEMBER, 1024)).toString("utf8"), {
      zh: `备份成员 ${KEY_MEMBER} `,
      en: `backup member ${KEY_MEMBER}`,
    });
    if (envKey) {
      const configured = parseKey(envKey, { zh: "KAOPING_SECRET_KEY ", en: "KAOPING_SECRET_KEY" });
      if (!configured.equals(masterKey)) {
        throw invalid(
          "备份中的密钥与 KAOPING_SECRET_KEY 不同：用这个密钥，恢复后的审计链将无法校验。请把 KAOPING_SECRET_KEY 设为备份时的密钥，或不设置它（密钥将写入数据目录）",
          "the backup's key differs from KAOPING_SECRET_KEY: under that key the restored audit chain would not verify. Set KAOPING_SECRET_KEY to the key in use when the backup was taken, or unset it (the key is then written to the data directory)",
        );
      }
    }
    const manifestBytes = await zip.readSmall(MANIFEST_MEMBER, MANIFEST_LIMIT);
    const hmac = (await zip.readSmall(MANIFEST_HMAC_MEMBER, 1024)).toString("utf8");
    const hmacKey = secretsFromKey(masterKey).derive(BACKUP_MANIFEST_KEY_PURPOSE);
    if (!manifestHmacHolds(hmacKey, manifestBytes, hmac)) {
      throw invalid(
        `备份成员 ${MANIFEST_MEMBER} 与其校验码（${MANIFEST_HMAC_MEMBER}）不符：清单被改动或备份已损坏，未做任何恢复`,
        `backup member ${MANIFEST_MEMBER} does not match its HMAC (${MANIFEST_HMAC_MEMBER}): the manifest was edited or the backup is damaged; nothing was restored`,
      );
    }
    const manifest = parseManifest(manifestBytes);

    const listed = new Set(manifest.members.map((member) => member.name));
    const own = new Set([MANIFEST_MEMBER, MANIFEST_HMAC_MEMBER]);
    const extra = zip.names.filter((name) => !listed.has(name) && !own.has(name));
    if (extra.length > 0) {
      throw invalid(
        `备份中有清单未列出的成员：${extra.join("、")}`,
        `the backup holds members the manifest does not list: ${extra.join(", ")}`,
      );
    }
    const present = new Set(zip.names);
    const missing = manifest.members.filter((member) => !present.has(member.name));
    if (missing.length > 0) {
      const names = missing.map((member) => member.name);
      throw invalid(
        `备份缺少清单列出的成员：${names.join("、")}，未做任何恢复`,
        `the backup lacks members the manifest lists: ${names.join(", ")}; nothing was restored`,
      );
    }
    for (const table of manifest.tables) {
      if (!listed.has(table.member)) {
        throw invalid(
          `清单中表 ${table.name} 的成员 ${table.member} 未列入成员清单`,
          `the manifest's table ${table.name} names member ${table.member}, which it does not list`,
        );
      }
    }

    for (const member of manifest.members) {
      if (zip.sizeOf(member.name) !== member.size) throw memberMismatch(member.name);
      const actual = await digestMember(zip, member.name);
      if (actual.sha256 !== member.sha256 || actual.size !== member.size) {
        throw memberMismatch(member.name);
      }
    }
    return { zip, manifest, masterKey, sha256: await fileDigest(file) };
  } catch (error) {
    zip.close();
    throw error;
  }
}

function parseManifest(bytes: Buffer): BackupManifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch {
    json = undefined;
  }
  const format = (json as { format?: unknown } | undefined)?.format;
  if (typeof format === "string" && format !== BACKUP_FORMAT) {
    throw invalid(
      `备份格式为 ${format}，本版 Kaoping 只能恢复 ${BACKUP_FORMAT}`,
      `the backup's format is ${format}; this Kaoping restores ${BACKUP_FORMAT} only`,
    );
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join(".") || "(root)";
    throw invalid(
      `备份成员 ${MANIFEST_MEMBER} 的 ${path} 不合格式：${issue.message}`,
      `backup member ${MANIFEST_MEMBER}, ${path}: ${issue.message}`,
    );
  }
  for (const member of parsed.data.members) {
    const name = member.name;
    const allowed =
      name.startsWith("tables/") ||
      evidenceDigestOf(name) !== undefined ||
      name === KEY_MEMBER ||
      name === CHECKPOINTS_MEMBER;
    if (!allowed) {
      throw invalid(
        `备份成员名 ${name} 不是 Kaoping 备份所用的名称`,
        `backup member name ${name} is not one a Kaoping backup uses`,
      );
    }
  }
  return parsed.data;
}
