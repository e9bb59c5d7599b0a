import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { pathToFileURL } from "node:url";

/** A conversion seen here takes about 1.2 s; a loaded machine gets ample room. */
const CONVERSION_TIMEOUT_MS = 90_000;

/*
 * OOXMLRecalcMode 0 = always recalculate on load. Without it LibreOffice shows whatever
 * cached results a file carries, and a check of the formulas would check nothing.
 */
const REGISTRY = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** A fresh LibreOffice profile that recalculates every formula of a file it opens. */
async function recalculatingProfile(): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), "kaoping-lo-profile-"));
  await mkdir(join(profile, "user"), { recursive: true });
  await writeFile(join(profile, "user", "registrymodifications.xcu"), REGISTRY);
  return profile;
}

/**
 * Converts a file with headless LibreOffice (e.g. to "xlsx" or "pdf") into `outDir` and
 * returns the converted file's path. Formulas are recalculated on load. Fails with the
 * tool's output when it times out, exits non-zero, or "succeeds" without writing the
 * file (a missing filter exits 0).
 */
export async function convertWithLibreOffice(
  inputPath: string,
  targetFormat: string,
  outDir: string,
): Promise<string> {
  const profile = await recalculatingProfile();
  await mkdir(outDir, { recursive: true });
  const args = [
    `-env:UserInstallation=${pathToFileURL(profile).href}`,
    "--headless",
    "--norestore",
    "--nolockcheck",
    "--convert-to",
    targetFormat,
    "--outdir",
    outDir,
    inputPath,
  ];
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>(
    (resolve, reject) => {
      execFile(
        "soffice",
        args,
        { timeout: CONVERSION_TIMEOUT_MS, killSignal: "SIGKILL" },
        (error, out, err) => {
          if (error) {
            reject(new Error(`soffice failed (${error.message}):\n${out}\n${err}`));
          } else resolve({ stdout: out, stderr: err });
        },
      );
    },
  );
  const extension = targetFormat.split(":")[0]!;
  const output = join(outDir, `${basename(inputPath, extname(inputPath))}.${extension}`);
  if (!existsSync(output)) {
    throw new Error(`soffice wrote no ${output}:\n${stdout}\n${stderr}`);
  }
  return output;
}
