import { createHmac } from "node:crypto";
import { localized, type Localized } from "../../core";
import { storableText } from "../../core/text/clean-text";
import { canonicalJson } from "./canonical-json";

/** The purpose the audit chain's HMAC key is derived for (ServerSecrets.derive). */
export const AUDIT_KEY_PURPOSE = "audit-chain";

/** The hash before the first row. */
export const GENESIS_HASH = "0".repeat(64);

/** What an audit row says, without its place in the chain. */
export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  before: string | null;
  after: string | null;
}

export interface AuditRow extends AuditEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

/**
 * The entry as the database will hold it. Text from a request may carry lone UTF-16
 * surrogates or NUL, which neither database stores as given (PostgreSQL refuses NUL,
 * both replace lone surrogates), and a hash taken over text other than what is stored
 * would make an untouched row look edited. So the row is first put into the form it
 * will have when read back, and that form is both hashed and stored.
 */
export function storableEntry(entry: AuditEntry): AuditEntry {
  const nullable = (text: string | null) => (text === null ? null : storableText(text));
  return {
    at: storableText(entry.at),
    actor: storableText(entry.actor),
    action: storableText(entry.action),
    objectType: storableText(entry.objectType),
    objectId: storableText(entry.objectId),
    before: nullable(entry.before),
    after: nullable(entry.after),
  };
}

/**
 * HMAC-SM3, under the server's audit key, over the previous row's hash and this row's
 * canonical content (its seq included). Without the key, which is kept outside the
 * database, nobody can write a row, or recompute a chain, that verifies.
 */
export function chainHash(key: Buffer, prevHash: string, seq: number, entry: AuditEntry): string {
  const content = canonicalJson({
    seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    before: entry.before,
    after: entry.after,
  });
  return createHmac("sm3", key).update(`${prevHash}\n${content}`, "utf8").digest("hex");
}

/** A point of the chain written down outside the database (see checkpoints.ts). */
export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  /** False when the line's own HMAC does not hold: the checkpoint file was edited. */
  authentic: boolean;
  /** The line number in the checkpoint file, for messages. */
  line: number;
}

export interface ChainFailure {
  seq: number;
  reason: Localized;
}

export interface ChainVerdict {
  intact: boolean;
  rows: number;
  headSeq: number;
  /** Every row (or checkpoint) that fails, in seq order; capped at MAX_LISTED_FAILURES. */
  failures: ChainFailure[];
  /** How many failures there were in all (the list may be shorter). */
  failureCount: number;
  checkpoints: number;
}

export const MAX_LISTED_FAILURES = 1000;

/**
 * Checks the chain row by row as it is read, so a long log is never held in memory,
 * and reports every row that fails rather than stopping at the first: an edited row
 * (its HMAC does not hold), a deleted, inserted or moved one (a sequence gap, or a
 * prev_hash that is not the previous row's hash), rows past the recorded head, a head
 * moved back, and any checkpoint written outside the database that the rows no longer
 * match (a truncation or a rewrite behind it).
 */
export function createChainVerifier(key: Buffer, checkpoints: readonly Checkpoint[] = []) {
  const failures: ChainFailure[] = [];
  let failureCount = 0;
  const fail = (seq: number, reason: Localized) => {
    failureCount++;
    if (failures.length < MAX_LISTED_FAILURES) failures.push({ seq, reason });
  };
  const pinned = new Map<number, Checkpoint[]>();
  for (const checkpoint of checkpoints) {
    if (!checkpoint.authentic) {
      fail(
        checkpoint.seq,
        localized(
          `检查点文件第 ${checkpoint.line} 行的校验码不符（检查点被改动或伪造）`,
          `line ${checkpoint.line} of the checkpoint file fails its HMAC (the checkpoint was edited or forged)`,
        ),
      );
      continue;
    }
    pinned.set(checkpoint.seq, [...(pinned.get(checkpoint.seq) ?? []), checkpoint]);
  }

  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  let lastSeq = 0;

  function add(row: AuditRow): void {
    count++;
    const reasons: Localized[] = [];
    if (row.seq !== expectedSeq) {
      reasons.push(
        localized(
          `序号应为 ${expectedSeq}，实为 ${row.seq}（有记录被删除、插入或调换）`,
          `expected seq ${expectedSeq}, found ${row.seq} (a row was deleted, inserted or moved)`,
        ),
      );
    } else if (row.prevHash !== prevHash) {
      reasons.push(
        localized(
          "前一条记录的哈希不符（有记录被删除、插入或调换）",
          "prev_hash does not match the previous row (a row was deleted, inserted or moved)",
        ),
      );
    }
    if (chainHash(key, row.prevHash, row.seq, row) !== row.hash) {
      reasons.push(
        localized(
          "记录内容与其校验码不符（记录被修改）",
          "the row's content does not match its hash (the row was edited)",
        ),
      );
    }
    for (const checkpoint of pinned.get(row.seq) ?? []) {
      if (checkpoint.hash !== row.hash) {
        reasons.push(
          localized(
            `与 ${checkpoint.at} 的检查点不符（检查点之前的记录被改写）`,
            `does not match the checkpoint of ${checkpoint.at} (rows behind it were rewritten)`,
          ),
        );
      }
    }
    if (reasons.length > 0) {
      fail(row.seq, {
        zh: reasons.map((reason) => reason.zh).join("；"),
        en: reasons.map((reason) => reason.en).join("; "),
      });
    }
    // Carry on from this row as stored, so each later problem is reported on its own.
    prevHash = row.hash;
    expectedSeq = row.seq + 1;
    lastSeq = row.seq;
  }

  function finish(head: { seq: number; hash: string }): ChainVerdict {
    if (lastSeq > head.seq) {
      fail(
        head.seq + 1,
        localized(
          `链尾应为第 ${head.seq} 条，其后的第 ${head.seq + 1}–${lastSeq} 条是后加的`,
          `the chain should end at seq ${head.seq}; rows ${head.seq + 1}–${lastSeq} were added after it`,
        ),
      );
    } else if (lastSeq < head.seq || head.hash !== prevHash) {
      fail(
        Math.min(head.seq, lastSeq + 1),
        localized(
          `链尾应为第 ${head.seq} 条，实为第 ${lastSeq} 条（末尾记录被删除或改动）`,
          `the chain should end at seq ${head.seq} but ends at ${lastSeq} (rows at the end were deleted or changed)`,
        ),
      );
    }
    const highest = checkpoints
      .filter((checkpoint) => checkpoint.authentic)
      .reduce((top, checkpoint) => Math.max(top, checkpoint.seq), 0);
    if (highest > lastSeq) {
      fail(
        lastSeq + 1,
        localized(
          `检查点记载审计链已到第 ${highest} 条，库中只到第 ${lastSeq} 条（记录被截断）`,
          `a checkpoint records the chain at seq ${highest}, but the database ends at ${lastSeq} (rows were truncated)`,
        ),
      );
    }
    failures.sort((a, b) => a.seq - b.seq);
    return {
      intact: failureCount === 0,
      rows: count,
      headSeq: head.seq,
      failures,
      failureCount,
      checkpoints: checkpoints.length,
    };
  }

  return { add, finish };
}

/** The whole check over rows already in memory (tests, small logs). */
export function verifyChain(
  key: Buffer,
  rows: Iterable<AuditRow>,
  head: { seq: number; hash: string },
  checkpoints: readonly Checkpoint[] = [],
): ChainVerdict {
  const verifier = createChainVerifier(key, checkpoints);
  for (const row of rows) verifier.add(row);
  return verifier.finish(head);
}
