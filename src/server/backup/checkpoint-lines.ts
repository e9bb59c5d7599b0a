/**
 * The lines of a checkpoint file that a backup taken at audit head `headSeq` keeps:
 * every complete line except the checkpoints of later heads, which were written after
 * the snapshot and would make the restored chain look cut short. A line that is not a
 * checkpoint is kept as it is, so `audit verify` still reports it after a restore; a
 * last line without its newline is a write still in progress and is left out, as the
 * checkpoint log itself does.
 */
export function checkpointLinesUpTo(text: string, headSeq: number): string {
  const lines = text.split("\n");
  lines.pop();
  return lines
    .filter((line) => line.trim() !== "" && !(seqOf(line) > headSeq))
    .map((line) => `${line}\n`)
    .join("");
}

function seqOf(line: string): number {
  try {
    const seq = (JSON.parse(line) as { seq?: unknown }).seq;
    return typeof seq === "number" && Number.isSafeInteger(seq) ? seq : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
