import { randomBytes } from "node:crypto";
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fileCheckpointLog } from "./checkpoints";

describe("the checkpoint file", () => {
  let dir: string;
  let file: string;
  const key = randomBytes(32);
  const head = (seq: number) => ({ seq, hash: seq.toString(16).padStart(64, "0") });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "kaoping-checkpoints-"));
    file = join(dir, "audit-checkpoints.jsonl");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("appends one authentic line per new head, 0600, and skips a head already written", () => {
    const log = fileCheckpointLog(file, key);
    expect(log.append(head(3), "2026-03-01T00:00:00.000Z")).toMatchObject({ seq: 3 });
    expect(log.append(head(3), "2026-03-01T00:01:00.000Z")).toBeUndefined();
    expect(log.append(head(5), "2026-03-01T00:02:00.000Z")).toMatchObject({ seq: 5 });
    expect(log.read().map(({ seq, authentic }) => [seq, authentic])).toEqual([
      [3, true],
      [5, true],
    ]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // A fresh reader of the same file also knows the last head.
    expect(
      fileCheckpointLog(file, key).append(head(5), "2026-03-01T00:03:00.000Z"),
    ).toBeUndefined();
  });

  it("marks a line whose HMAC fails, and one written under another key", () => {
    fileCheckpointLog(file, key).append(head(3), "2026-03-01T00:00:00.000Z");
    fileCheckpointLog(file, randomBytes(32)).append(head(4), "2026-03-01T00:00:00.000Z");
    writeFileSync(file, readFileSync(file, "utf8").replace('"seq":3', '"seq":2'));
    expect(
      fileCheckpointLog(file, key)
        .read()
        .map(({ seq, authentic }) => [seq, authentic]),
    ).toEqual([
      [2, false],
      [4, false],
    ]);
  });

  it("survives a line a crash cut short: the next append starts a fresh line", () => {
    const log = fileCheckpointLog(file, key);
    log.append(head(3), "2026-03-01T00:00:00.000Z");
    appendFileSync(file, '{"seq":4,"hash":"00');
    expect(
      fileCheckpointLog(file, key)
        .read()
        .map(({ seq }) => seq),
    ).toEqual([3]);
    fileCheckpointLog(file, key).append(head(5), "2026-03-01T00:02:00.000Z");
    expect(
      fileCheckpointLog(file, key)
        .read()
        .map(({ seq, authentic }) => [seq, authentic]),
    ).toEqual([
      [3, true],
      [5, true],
    ]);
  });
});
