import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../crash/server-process";

/**
 * Builds the web app for production (minified React and antd, no development checks)
 * into a private copy's build/web. The other browser tests run a development build so
 * React's warnings surface; speed is measured on what users get.
 */
export function buildProductionWeb(targetRoot: string): void {
  const outDir = join(targetRoot, "build", "web");
  rmSync(outDir, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      join(ROOT, "node_modules", "vite", "bin", "vite.js"),
      "build",
      "--logLevel",
      "error",
      "--outDir",
      outDir,
      "--emptyOutDir",
    ],
    { cwd: ROOT, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } },
  );
}
