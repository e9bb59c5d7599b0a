import { randomBytes } from "node:crypto";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, InjectOptions } from "fastify";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import yazl from "yazl";
import { demoFiles } from "../../src/platform/package-files";
import { writeCheckpoint } from "../../src/server/audit/checkpoint-audit";
import { verifyAuditLog } from "../../src/server/audit/verify-audit";
import type { AuthUser } from "../../src/server/auth/auth-user";
import { TEST_COST } from "../../src/server/auth/passwords";
import {
  BACKUP_MANIFEST_KEY_PURPOSE,
  manifestHmac,
  type BackupManifest,
} from "../../src/server/backup/backup-format";
import { createBackup, type BackupSummary } from "../../src/server/backup/create-backup";
import { readMasterKey } from "../../src/server/backup/master-key";
import { restoreBackup } from "../../src/server/backup/restore-backup";
import { composeFromEnvironment, type Composed } from "../../src/server/compose";
import { scoreCycle } from "../../src/server/cycles/score-cycle";
import { openPostgres, openSqlite, type Dialect } from "../../src/server/db/connect";
import { migrate } from "../../src/server/db/migrate";
import { buildApp } from "../../src/server/http/app";
import { sha256Hex } from "../../src/server/ids";
import { secretsFromKey } from "../../src/server/secrets/server-key";
import { seedDemoIfEmpty } from "../../src/server/seed/seed-demo";
import { createScratchPostgres } from "../support/scratch-postgres";
import { DIALECTS, TEST_PASSWORD } from "../support/server-harness";

const FIGURE = "/api/cycles/2025/values/PRIMARY_ENROLLED/HC";
const ADMIN: AuthUser = {
  id: "backup-test",
  username: "backup-test",
  displayName: "备份测试",
  role: "admin",
  departmentCode: null,
};

/** A place Kaoping can live in: a data directory, and a PostgreSQL database of its own or SQLite. */
interface Place {
  dialect: Dialect;
  dataDir: string;
  databaseUrl?: string;
  env: Record<string, string>;
  drop(): Promise<void>;
}

const scratch = mkdtempSync(join(tmpdir(), "kaoping-backup-"));
const places: Place[] = [];

/** An empty place: the data directory does not exist yet, the database has no tables. */
async function emptyPlace(dialect: Dialect): Promise<Place> {
  const dataDir = join(mkdtempSync(join(scratch, "place-")), "data");
  const database =
    dialect === "postgres" ? await createScratchPostgres("kaoping_backup") : undefined;
  const databaseUrl = database?.url;
  const place: Place = {
    dialect,
    dataDir,
    ...(databaseUrl ? { databaseUrl } : {}),
    env: { KAOPING_DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    async drop() {
      await database?.drop();
    },
  };
  places.push(place);
  return place;
}

const open = (place: Place) => composeFromEnvironment(place.env, { argon2: TEST_COST });

async function withPlace<T>(place: Place, work: (composed: Composed) => Promise<T>): Promise<T> {
  const composed = await open(place);
  try {
    return await work(composed);
  } finally {
    await composed.db.close();
  }
}

function backUp(composed: Composed, out: string): Promise<BackupSummary> {
  return createBackup(
    {
      db: composed.db,
      deps: composed.deps,
      evidenceRoot: join(composed.dataDir, "evidence"),
      masterKey: readMasterKey(composed.deps.secrets, undefined),
    },
    ADMIN,
    out,
  );
}

const restoreInto = (place: Place, file: string, envKey?: string) =>
  restoreBackup(file, {
    dataDir: place.dataDir,
    ...(place.databaseUrl ? { databaseUrl: place.databaseUrl } : {}),
    ...(envKey ? { envKey } : {}),
  });

/** A client signed in through the real route, sending its cookie and CSRF token. */
async function signIn(app: FastifyInstance, username: string) {
  const login = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password: TEST_PASSWORD },
  });
  if (login.statusCode !== 200) throw new Error(`login as ${username} failed: ${login.body}`);
  const cookie = login.cookies.find((candidate) => candidate.name === "kaoping_session")!;
  const csrfToken = (login.json() as { csrfToken: string }).csrfToken;
  return (options: InjectOptions) =>
    app.inject({
      ...options,
      cookies: { kaoping_session: cookie.value },
      headers: { "x-csrf-token": csrfToken, ...(options.headers ?? {}) },
    });
}

/** A small PDF, different each time. */
const pdf = () =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj\n<< /Title (${randomBytes(16).toString("hex")}) >>\nendobj\n%%EOF\n`,
  );

function multipart(content: Buffer) {
  const boundary = `----kaoping-${randomBytes(8).toString("hex")}`;
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  return {
    payload: Buffer.concat([
      Buffer.from(field("targetKind", "indicator") + field("targetCode", "EDU01")),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="统计表.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

/** Every table's rows, each row as JSON, sorted: for comparing two databases. */
async function contents(composed: Composed, manifest: BackupManifest) {
  const tables: Record<string, string[]> = {};
  for (const table of manifest.tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(
      composed.db.db,
    );
    tables[table.name] = rows.rows
      .map((row) => JSON.stringify(table.columns.map((column) => row[column])))
      .sort();
  }
  return tables;
}

/** The tables in the database's own catalogue. */
async function catalogueTables(composed: Composed): Promise<string[]> {
  const query =
    composed.db.dialect === "postgres"
      ? sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = 'public'`
      : sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`;
  return (await query.execute(composed.db.db)).rows.map((row) => row.name);
}

/** Each evidence row's digest and the digest of the file the store gives back for it. */
async function evidenceDigests(composed: Composed) {
  const rows = await composed.db.db.selectFrom("evidence").select(["id", "sha256"]).execute();
  const listed = [];
  for (const row of rows) {
    const file = await composed.deps.evidence.get(row.sha256);
    listed.push({ id: row.id, sha256: row.sha256, file: file ? sha256Hex(file) : "missing" });
  }
  return listed.sort((a, b) => a.id.localeCompare(b.id));
}

/** Changes one bit of one byte, as a damaged disk or a careless edit would. */
const flipByte = (bytes: Buffer, at: number) => bytes.writeUInt8(bytes.readUInt8(at) ^ 1, at);

const score = (composed: Composed) => scoreCycle(composed.deps, ADMIN, 2025);

/** Nothing of a failed restore is left: no data directory, no tables. */
async function assertNothingLeft(place: Place) {
  expect(existsSync(place.dataDir)).toBe(false);
  if (place.databaseUrl) {
    const client = new pg.Client({ connectionString: place.databaseUrl });
    await client.connect();
    const tables = await client.query(
      "select table_name from information_schema.tables where table_schema = 'public'",
    );
    await client.end();
    expect(tables.rows).toEqual([]);
  }
}

/** The members of an archive, read whole (test archives are small). */
async function readMembers(file: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  const members = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    members.set(entry.fileName, Buffer.concat(chunks));
  }
  zip.close();
  return members;
}

async function writeMembers(file: string, members: Map<string, Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of members) zip.addBuffer(content, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  writeFileSync(file, Buffer.concat(chunks));
}

let copies = 0;
/** A copy of `file` with its members changed by `edit`, written as a valid zip. */
async function rewrite(file: string, edit: (members: Map<string, Buffer>) => void) {
  const members = await readMembers(file);
  edit(members);
  const out = join(scratch, `changed-${++copies}.zip`);
  await writeMembers(out, members);
  return out;
}

/**
 * A copy changed by someone who holds the key: the members edited, then the manifest's
 * digests recomputed and signed again, so only the restore's own checks can catch it.
 */
function resigned(file: string, edit: (members: Map<string, Buffer>) => void) {
  return rewrite(file, (members) => {
    edit(members);
    const manifest = JSON.parse(members.get("manifest.json")!.toString()) as BackupManifest;
    for (const member of manifest.members) {
      const content = members.get(member.name)!;
      member.sha256 = sha256Hex(content);
      member.size = content.length;
    }
    const bytes = Buffer.from(JSON.stringify(manifest, null, 2));
    const key = Buffer.from(members.get("secret.key")!.toString().trim(), "hex");
    members.set("manifest.json", bytes);
    members.set(
      "manifest.json.hmac",
      Buffer.from(manifestHmac(secretsFromKey(key).derive(BACKUP_MANIFEST_KEY_PURPOSE), bytes)),
    );
  });
}

afterAll(async () => {
  for (const place of places) await place.drop();
  rmSync(scratch, { recursive: true, force: true });
});

describe.each(DIALECTS)("backup and restore on %s", (dialect) => {
  let sourcePlace: Place;
  let source: Composed;
  let app: FastifyInstance;
  let clerk: Awaited<ReturnType<typeof signIn>>;
  let quiet: BackupSummary;

  const upload = async () => {
    const content = pdf();
    const response = await clerk({
      method: "POST",
      url: "/api/cycles/2025/evidence",
      ...multipart(content),
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; sha256: string };
  };

  beforeAll(async () => {
    sourcePlace = await emptyPlace(dialect);
    source = await open(sourcePlace);
    await seedDemoIfEmpty(source.deps, demoFiles(), TEST_PASSWORD);
    app = await buildApp(source.deps);
    clerk = await signIn(app, "edu-clerk");
    const cycle = await source.deps.repos.cycles.byYear(2025);
    const answered = await source.deps.repos.work.one(cycle!.id, "W05");
    const work = await clerk({
      method: "PUT",
      url: "/api/cycles/2025/work/W05",
      payload: {
        awarded: { C1: 3, C2: 2 },
        explanation: "已逐项核对",
        version: answered?.version ?? 0,
      },
    });
    expect(work.statusCode).toBe(200);
    await upload();
  });
  afterAll(async () => {
    await app.close();
    await source.db.close();
  });

  it("backs up while figures and evidence are being written: the restored data and chain agree at the snapshot", async () => {
    const headBefore = (await source.deps.repos.audit.head()).seq;
    let version = (await source.deps.repos.values.one(
      (await source.deps.repos.cycles.byYear(2025))!.id,
      "PRIMARY_ENROLLED",
      "HC",
    ))!.version;
    const saved: { value: number; version: number }[] = [];
    const uploads: { id: string; sha256: string }[] = [];
    let backupDone = false;
    let firstWrites!: () => void;
    const started = new Promise<void>((resolve) => (firstWrites = resolve));
    const writer = (async () => {
      // Writes go on until three more have followed the backup's end.
      for (let i = 1, after = 0; after < 3; i++) {
        if (backupDone) after++;
        const value = 140_000 + i;
        const response = await clerk({ method: "PUT", url: FIGURE, payload: { value, version } });
        expect(response.statusCode).toBe(200);
        version = response.json().version;
        saved.push({ value, version });
        if (i % 2 === 0) uploads.push(await upload());
        // As the server's timer does: checkpoints of heads the snapshot may not reach.
        await writeCheckpoint(source.deps);
        if (i === 3) firstWrites();
      }
    })();
    await started;
    const backup = await backUp(source, join(scratch, `${dialect}-busy.zip`)).finally(
      () => (backupDone = true),
    );
    await writer;

    // Which writes the snapshot saw, by the audit rows the writes left.
    const head = backup.manifest.audit.headSeq;
    const seqs = async (action: string, objectId?: string) =>
      (
        await source.db.db
          .selectFrom("audit_log")
          .select(["seq", "object_id"])
          .where("action", "=", action)
          .where("seq", ">", headBefore)
          .orderBy("seq")
          .execute()
      ).filter((row) => objectId === undefined || row.object_id === objectId);
    const valueSeqs = (await seqs("value.set", "2025/PRIMARY_ENROLLED/HC")).map((row) => row.seq);
    expect(valueSeqs).toHaveLength(saved.length);
    const seen = saved.filter((_, index) => valueSeqs[index]! <= head);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(saved.length - seen.length).toBeGreaterThanOrEqual(3);
    const evidenceSeq = new Map(
      (await seqs("evidence.add")).map((row) => [row.object_id, row.seq] as const),
    );
    const uploadsSeen = uploads.filter((item) => evidenceSeq.get(item.id)! <= head);

    const target = await emptyPlace(dialect);
    const restored = await restoreInto(target, backup.file);
    expect(restored.audit).toMatchObject({ intact: true, headSeq: head });
    const later = source.deps.checkpoints.read().filter((line) => line.seq > head);
    expect(later.length).toBeGreaterThan(0);
    await withPlace(target, async (copy) => {
      const verdict = await verifyAuditLog(copy.deps, "en");
      expect(verdict).toMatchObject({ intact: true, headSeq: head, rows: head });
      const cycleId = (await copy.deps.repos.cycles.byYear(2025))!.id;
      const figure = await copy.deps.repos.values.one(cycleId, "PRIMARY_ENROLLED", "HC");
      expect({ value: figure!.value, version: figure!.version }).toEqual(seen[seen.length - 1]);
      const history = await copy.deps.repos.values.history(cycleId, "PRIMARY_ENROLLED", "HC");
      expect(history.map((row) => Number(row.version))).toEqual(seen.map((item) => item.version));
      const evidence = await evidenceDigests(copy);
      expect(evidence.every((row) => row.file === row.sha256)).toBe(true);
      const ids = evidence.map((row) => row.id);
      for (const item of uploads) expect(ids.includes(item.id)).toBe(uploadsSeen.includes(item));
    });
  });

  it("backs up every table of the schema, and a quiet backup restores to the same score, rows, evidence and an intact chain", async () => {
    quiet = await backUp(source, join(scratch, `${dialect}-quiet.zip`));
    // It holds the key: readable by its owner only.
    expect(statSync(quiet.file).mode & 0o777).toBe(0o600);
    const listed = quiet.manifest.tables.map((table) => table.name);
    expect((await catalogueTables(source)).filter((name) => !listed.includes(name))).toEqual([]);
    expect(quiet.manifest.evidence.files).toBeGreaterThan(1);

    const target = await emptyPlace(dialect);
    await restoreInto(target, quiet.file);
    await withPlace(target, async (copy) => {
      expect(await score(copy)).toEqual(await score(source));
      expect(await evidenceDigests(copy)).toEqual(await evidenceDigests(source));
      const verdict = await verifyAuditLog(copy.deps, "zh");
      expect(verdict.intact).toBe(true);
      expect(verdict.headSeq).toBe(quiet.manifest.audit.headSeq);
      // The backup only reads: the restored copy holds exactly the source's rows.
      expect(await contents(copy, quiet.manifest)).toEqual(await contents(source, quiet.manifest));

      // The restored server carries on: a new figure, its history row and audit row.
      const restoredApp = await buildApp(copy.deps);
      try {
        const clerkThere = await signIn(restoredApp, "edu-clerk");
        const current = await copy.deps.repos.values.one(
          (await copy.deps.repos.cycles.byYear(2025))!.id,
          "PRIMARY_ENROLLED",
          "HC",
        );
        const next = await clerkThere({
          method: "PUT",
          url: FIGURE,
          payload: { value: 150_000, version: current!.version },
        });
        expect(next.statusCode).toBe(200);
        expect((await verifyAuditLog(copy.deps, "en")).intact).toBe(true);
      } finally {
        await restoredApp.close();
      }
    });
  });

  it.each([
    [
      "a byte changed in a member",
      (members: Map<string, Buffer>) => {
        const rows = members.get("tables/data_values.jsonl")!;
        flipByte(rows, Math.floor(rows.length / 2));
      },
      "tables/data_values.jsonl",
    ],
    [
      "the manifest edited",
      (members: Map<string, Buffer>) => {
        const text = members.get("manifest.json")!.toString();
        const edited = text.replace(/"rows": (\d+)/, (_, rows) => `"rows": ${Number(rows) + 1}`);
        members.set("manifest.json", Buffer.from(edited));
      },
      "manifest.json",
    ],
    [
      "a member removed",
      (members: Map<string, Buffer>) => members.delete("tables/users.jsonl"),
      "tables/users.jsonl",
    ],
    [
      "an evidence file replaced",
      (members: Map<string, Buffer>) => {
        const name = [...members.keys()].find((member) => member.startsWith("evidence/"))!;
        members.set(name, pdf());
      },
      "evidence/",
    ],
  ])("refuses a backup with %s, naming the member, and writes nothing", async (_, edit, named) => {
    const changed = await rewrite(quiet.file, edit);
    const target = await emptyPlace(dialect);
    const refusal = restoreInto(target, changed);
    await expect(refusal).rejects.toThrow(named);
    await expect(refusal).rejects.toMatchObject({ kind: "invalid" });
    await assertNothingLeft(target);
  });

  it("refuses a damaged archive (a byte flipped on disk) naming the member", async () => {
    const bytes = readFileSync(quiet.file);
    const key = Buffer.from(`${readMasterKey(source.deps.secrets, undefined).toString("hex")}\n`);
    // The key is stored uncompressed, so its bytes can be found in the archive and flipped.
    flipByte(bytes, bytes.indexOf(key) + 3);
    const damaged = join(scratch, `${dialect}-damaged.zip`);
    writeFileSync(damaged, bytes);
    const target = await emptyPlace(dialect);
    await expect(restoreInto(target, damaged)).rejects.toThrow(/secret\.key|manifest\.json/);
    await assertNothingLeft(target);
  });

  it.each([
    [
      "a row that breaks a key",
      (members: Map<string, Buffer>) => {
        const text = members.get("tables/work_answers.jsonl")!.toString();
        members.set("tables/work_answers.jsonl", Buffer.from(text + text.split("\n")[0] + "\n"));
      },
      "work_answers",
    ],
    [
      "an audit row edited after it was hashed",
      (members: Map<string, Buffer>) => {
        const text = members.get("tables/audit_log.jsonl")!.toString();
        members.set("tables/audit_log.jsonl", Buffer.from(text.replace("已逐项核对", "未核对")));
      },
      "audit",
    ],
  ])("undoes everything when %s fails the restore half-way", async (_, edit, named) => {
    const forged = await resigned(quiet.file, edit);
    const target = await emptyPlace(dialect);
    await expect(restoreInto(target, forged)).rejects.toThrow(named);
    await assertNothingLeft(target);
  });

  it("refuses to back up an evidence file that no longer matches its digest, leaving no file", async () => {
    const [row] = await source.db.db.selectFrom("evidence").select("sha256").limit(1).execute();
    const file = join(
      source.dataDir,
      "evidence",
      row!.sha256.slice(0, 2),
      row!.sha256.slice(2, 4),
      row!.sha256,
    );
    const original = readFileSync(file);
    const folder = mkdtempSync(join(scratch, "refused-"));
    try {
      writeFileSync(file, Buffer.concat([original, Buffer.from("x")]));
      const out = join(folder, "backup.zip");
      await expect(backUp(source, out)).rejects.toThrow(file);
      expect(readdirSync(folder)).toEqual([]);
      await expect(backUp(source, quiet.file)).rejects.toThrow("already exists");
    } finally {
      writeFileSync(file, original);
    }
  });

  it("restores into a database whose tables a migration already made, while they hold no data", async () => {
    const target = await emptyPlace(dialect);
    const db = target.databaseUrl
      ? openPostgres(target.databaseUrl)
      : openSqlite(join(target.dataDir, "kaoping.sqlite"));
    await migrate(db.db as never, db.dialect);
    await db.close();
    const restored = await restoreInto(target, quiet.file);
    expect(restored.audit.intact).toBe(true);
    await withPlace(target, async (copy) => {
      expect(await contents(copy, quiet.manifest)).toEqual(await contents(source, quiet.manifest));
    });
  });

  it("refuses to restore into a place that is not empty, naming what is there", async () => {
    const users = await source.db.db.selectFrom("users").select("id").execute();
    const refusal = restoreInto(sourcePlace, quiet.file);
    await expect(refusal).rejects.toThrow(`table users has ${users.length} row(s)`);
    await expect(refusal).rejects.toThrow("evidence file(s)");
    expect(await source.db.db.selectFrom("users").select("id").execute()).toHaveLength(
      users.length,
    );
  });

  it("refuses a backup whose key is not KAOPING_SECRET_KEY, since the chain would not verify", async () => {
    const target = await emptyPlace(dialect);
    await expect(restoreInto(target, quiet.file, randomBytes(32).toString("hex"))).rejects.toThrow(
      "KAOPING_SECRET_KEY",
    );
    await assertNothingLeft(target);
    // With the same key in the environment, the key file is not written.
    const key = readMasterKey(source.deps.secrets, undefined).toString("hex");
    const restored = await restoreInto(target, quiet.file, key);
    expect(restored.keyFile).toBeUndefined();
    expect(existsSync(join(target.dataDir, "secret.key"))).toBe(false);
  });
});

describe.skipIf(!DIALECTS.includes("postgres"))("moving between databases", () => {
  it("carries a SQLite installation to PostgreSQL and back with the same score, evidence and chain", async () => {
    const start = await emptyPlace("sqlite");
    const first = join(scratch, "from-sqlite.zip");
    const second = join(scratch, "from-postgres.zip");
    const original = await withPlace(start, async (composed) => {
      await seedDemoIfEmpty(composed.deps, demoFiles(), TEST_PASSWORD);
      const app = await buildApp(composed.deps);
      try {
        const clerk = await signIn(app, "edu-clerk");
        expect(
          (await clerk({ method: "PUT", url: FIGURE, payload: { value: 131_313.25, version: 1 } }))
            .statusCode,
        ).toBe(200);
        const uploaded = await clerk({
          method: "POST",
          url: "/api/cycles/2025/evidence",
          ...multipart(pdf()),
        });
        expect(uploaded.statusCode).toBe(201);
      } finally {
        await app.close();
      }
      await backUp(composed, first);
      return { score: await score(composed), evidence: await evidenceDigests(composed) };
    });

    const postgres = await emptyPlace("postgres");
    await restoreInto(postgres, first);
    await withPlace(postgres, async (composed) => {
      expect(await score(composed)).toEqual(original.score);
      expect(await evidenceDigests(composed)).toEqual(original.evidence);
      expect((await verifyAuditLog(composed.deps, "en")).intact).toBe(true);
      await backUp(composed, second);
    });

    const back = await emptyPlace("sqlite");
    await restoreInto(back, second);
    await withPlace(back, async (composed) => {
      expect(await score(composed)).toEqual(original.score);
      expect(await evidenceDigests(composed)).toEqual(original.evidence);
      expect((await verifyAuditLog(composed.deps, "en")).intact).toBe(true);
    });
  });
});
