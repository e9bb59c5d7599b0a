import { createHmac, timingSafeEqual } from "node:crypto";
import {
  closeSync,
  fstatSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  writeSync,
} from "node:fs";
import type { Checkpoint } from "./audit-chain";

/** The purpose the checkpoint lines' HMAC key is derived for. */
export const CHECKPOINT_KEY_PURPOSE = "audit-checkpoint";
export const CHECKPOINT_FILE = "audit-checkpoints.jsonl";

/**
 * The audit chain's head written down outside the database, one JSON line per
 * checkpoint, appended and synced, never rewritten. Whoever rewrites the database
 * (even with the key) cannot rewrite what was copied out: a truncation or a rewrite
 * behind a checkpoint no longer matches it. The lines are also what the office prints
 * or publishes (`kaoping audit checkpoints`, GET /api/audit/checkpoints).
 */
export interface CheckpointLog {
  /** Where the lines are kept (for messages and backups). */
  readonly file: string;
  /** Appends the head unless it is the one last written; returns the checkpoint when written. */
  append(head: { seq: number; hash: string }, at: string): Checkpoint | undefined;
  /** Every checkpoint in the file, in order; a line that fails its HMAC is marked. */
  read(): Checkpoint[];
}

interface Line {
  seq: number;
  hash: string;
  at: string;
  mac: string;
}

function macOf(key: Buffer, seq: number, hash: string, at: string): string {
  return createHmac("sm3", key).update(`kaoping-checkpoint\n${seq}\n${hash}\n${at}`).digest("hex");
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function parseLine(text: string): Line | undefined {
  try {
    const value = JSON.parse(text) as Partial<Line>;
    if (
      Number.isSafeInteger(value.seq) &&
      typeof value.hash === "string" &&
      typeof value.at === "string" &&
      typeof value.mac === "string"
    ) {
      return value as Line;
    }
  } catch {
    // reported below as a line that is not a checkpoint
  }
  return undefined;
}

/** The checkpoint log in a file (created 0600 on the first append). */
export function fileCheckpointLog(file: string, key: Buffer): CheckpointLog {
  let last: { seq: number; hash: string } | undefined;

  function read(): Checkpoint[] {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const lines = text.split("\n");
    // A last line without its newline is a write a crash cut short: not a checkpoint yet.
    lines.pop();
    const checkpoints: Checkpoint[] = [];
    lines.forEach((raw, index) => {
      // A line that is not JSON at all is such a write, followed by a later append (which
      // starts on a fresh line): it never held a checkpoint. Whoever can cut lines can also
      // delete them; printed copies of the checkpoints are what guard against that.
      const line = parseLine(raw);
      if (!line) return;
      checkpoints.push({
        seq: line.seq,
        hash: line.hash,
        at: line.at,
        authentic: sameHex(line.mac, macOf(key, line.seq, line.hash, line.at)),
        line: index + 1,
      });
    });
    return checkpoints;
  }

  return {
    file,
    read,
    append(head, at) {
      if (last === undefined) {
        const authentic = read().filter((checkpoint) => checkpoint.authentic);
        last = authentic[authentic.length - 1];
      }
      if (last && last.seq === head.seq && last.hash === head.hash) return undefined;
      const line: Line = {
        seq: head.seq,
        hash: head.hash,
        at,
        mac: macOf(key, head.seq, head.hash, at),
      };
      const fd = openSync(file, "a+", 0o600);
      try {
        // A line a crash cut short must not swallow this one: start on a fresh line.
        const size = fstatSync(fd).size;
        const lastByte = Buffer.alloc(1);
        if (size > 0) readSync(fd, lastByte, 0, 1, size - 1);
        const separator = size > 0 && lastByte[0] !== 0x0a ? "\n" : "";
        writeSync(fd, `${separator}${JSON.stringify(line)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      last = { seq: head.seq, hash: head.hash };
      return { seq: line.seq, hash: line.hash, at, authentic: true, line: 0 };
    },
  };
}
