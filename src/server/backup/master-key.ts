import { readFileSync } from "node:fs";
import type { ServerSecrets } from "../secrets/server-key";

/**
 * The server's secret key itself, for the backup to carry: from KAOPING_SECRET_KEY when
 * the server takes it from there, else from the key file the server read.
 */
export function readMasterKey(secrets: ServerSecrets, envKey: string | undefined): Buffer {
  const text = secrets.source === "environment" ? envKey : readFileSync(secrets.file!, "utf8");
  const hex = (text ?? "").trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error("the server's secret key cannot be read");
  return Buffer.from(hex, "hex");
}
