import { execFileSync } from "node:child_process";

/** The CLI tests run the real `kaoping` command, so build its bundle from the current sources first. */
export default function buildCli(): void {
  execFileSync(process.execPath, ["scripts/build-cli.mjs"], { stdio: "inherit" });
}
