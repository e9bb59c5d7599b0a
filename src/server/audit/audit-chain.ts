import { sm3Hex } from "../ids";
import { canonicalJson } from "./canonical-json";

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

/** SM3 over the previous row's hash and this row's canonical content (its seq included). */
export function chainHash(prevHash: string, seq: number, entry: AuditEntry): string {
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
  return sm3Hex(`${prevHash}\n${content}`);
}

export type ChainVerdict =
  | { intact: true; rows: number; headSeq: number }
  | { intact: false; rows: number; firstBadSeq: number; reason: string; reasonEn: string };

/**
 * Walks the rows in order and names the first one that does not follow from its
 * predecessor: edited (hash differs), deleted or inserted (sequence gap, or
 * prev_hash is not the previous row's hash), reordered (both). The head row catches
 * rows deleted from the end.
 */
export function verifyChain(
  rows: Iterable<AuditRow>,
  head: { seq: number; hash: string },
): ChainVerdict {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (const row of rows) {
    count++;
    const bad = (reason: string, reasonEn: string): ChainVerdict => ({
      intact: false,
      rows: count,
      firstBadSeq: row.seq,
      reason,
      reasonEn,
    });
    if (row.seq !== expectedSeq) {
      return bad(
        `序号应为 ${expectedSeq}，实为 ${row.seq}（有记录被删除、插入或调换）`,
        `expected seq ${expectedSeq}, found ${row.seq} (a row was deleted, inserted or moved)`,
      );
    }
    if (row.prevHash !== prevHash) {
      return bad(
        "前一条记录的哈希不符（有记录被删除、插入或调换）",
        "prev_hash does not match the previous row (a row was deleted, inserted or moved)",
      );
    }
    if (chainHash(prevHash, row.seq, row) !== row.hash) {
      return bad(
        "记录内容与其哈希不符（记录被修改）",
        "the row's content does not match its hash (the row was edited)",
      );
    }
    prevHash = row.hash;
    expectedSeq++;
  }
  const lastSeq = expectedSeq - 1;
  if (lastSeq > head.seq) {
    // Rows that follow each other correctly but go past the recorded end were added.
    return {
      intact: false,
      rows: count,
      firstBadSeq: head.seq + 1,
      reason: `链尾应为第 ${head.seq} 条，其后的第 ${head.seq + 1}–${lastSeq} 条是后加的`,
      reasonEn: `the chain should end at seq ${head.seq}; rows ${head.seq + 1}–${lastSeq} were added after it`,
    };
  }
  if (lastSeq < head.seq || head.hash !== prevHash) {
    return {
      intact: false,
      rows: count,
      firstBadSeq: Math.min(head.seq, expectedSeq),
      reason: `链尾应为第 ${head.seq} 条，实为第 ${lastSeq} 条（末尾记录被删除或改动）`,
      reasonEn: `the chain should end at seq ${head.seq} but ends at ${lastSeq} (rows at the end were deleted or changed)`,
    };
  }

  return { intact: true, rows: count, headSeq: head.seq };
}
