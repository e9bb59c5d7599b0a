import { describe, expect, it } from "vitest";
import { checkpointLinesUpTo } from "./checkpoint-lines";

const line = (seq: number) => JSON.stringify({ seq, hash: "ab".repeat(32), at: "t", mac: "m" });

describe("the checkpoint lines a backup keeps", () => {
  it("keeps the checkpoints up to the snapshot's head and drops later ones", () => {
    const text = [line(3), line(7), line(8), line(12)].join("\n") + "\n";
    expect(checkpointLinesUpTo(text, 8)).toBe(`${line(3)}\n${line(7)}\n${line(8)}\n`);
  });

  it("leaves out a last line still being written, and keeps a damaged line for verify to report", () => {
    const text = `${line(2)}\nnot a checkpoint\n${line(3).slice(0, 10)}`;
    expect(checkpointLinesUpTo(text, 5)).toBe(`${line(2)}\nnot a checkpoint\n`);
  });

  it("gives nothing for no file", () => {
    expect(checkpointLinesUpTo("", 5)).toBe("");
  });
});
