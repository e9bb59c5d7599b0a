import { writeFileSync } from "node:fs";
import { localized, type Lang } from "../../core";
import { parseArgs } from "../args";
import { AuditBroken, UsageError } from "../cli-error";
import { pick } from "../present/names";
import { withServer, type Env } from "./with-server";

const USAGE = localized(
  "用法：kaoping audit verify | checkpoint | checkpoints [--out 文件]",
  "usage: kaoping audit verify | checkpoint | checkpoints [--out FILE]",
);

/**
 * `kaoping audit verify`: the whole chain against the key and the checkpoints (exit 4
 * and every failing row when broken). `checkpoint`: write the head out now.
 * `checkpoints`: the checkpoint lines, to print, publish or hand to the province.
 */
export async function auditCommand(argv: string[], lang: Lang, env: Env): Promise<string> {
  const args = parseArgs(argv, { values: ["out"] });
  const [action, extra] = args.positional;
  if (!action || extra !== undefined || !["verify", "checkpoint", "checkpoints"].includes(action)) {
    throw new UsageError(USAGE);
  }
  return withServer(env, async ({ deps }) => {
    if (action === "verify") {
      const { verifyAuditLog } = await import("../../server/audit/verify-audit");
      const verdict = await verifyAuditLog(deps, lang);
      if (!verdict.intact) {
        const lines = verdict.failures.map((failure) => `  #${failure.seq}  ${failure.reason}`);
        throw new AuditBroken([verdict.message, ...lines].join("\n"));
      }
      return verdict.message;
    }
    const { writeCheckpoint, listCheckpoints } =
      await import("../../server/audit/checkpoint-audit");
    if (action === "checkpoint") {
      const written = await writeCheckpoint(deps);
      return written.written
        ? pick(
            lang,
            `已写入检查点：第 ${written.seq} 条，${written.hash}（${deps.checkpoints.file}）`,
            `checkpoint written: seq ${written.seq}, ${written.hash} (${deps.checkpoints.file})`,
          )
        : pick(
            lang,
            `审计链自上个检查点以来没有变化（第 ${written.seq} 条）`,
            `the audit chain has not moved since the last checkpoint (seq ${written.seq})`,
          );
    }
    const listed = listCheckpoints(deps);
    const text = listed.map((line) => `${line.at}\t${line.seq}\t${line.hash}`).join("\n");
    const out = args.options.get("out");
    if (typeof out !== "string") return text;
    writeFileSync(out, `${text}\n`);
    return pick(
      lang,
      `已导出 ${listed.length} 个检查点到 ${out}`,
      `exported ${listed.length} checkpoint(s) to ${out}`,
    );
  });
}
