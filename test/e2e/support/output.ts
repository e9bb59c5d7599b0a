import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "../../crash/server-process";

/** Where the browser tests leave what people look at: screenshots, timings (git-ignored). */
export const OUTPUT_DIR = join(ROOT, "test-output");

/** A full-page screenshot under test-output/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(OUTPUT_DIR, "screenshots");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  // A long page (the audit log, a large grid) takes a while to capture in full.
  await page.screenshot({ path: file, fullPage: true, timeout: 60_000 });
  return file;
}

/** Writes a JSON document under test-output/. */
export function writeOutput(name: string, value: unknown): string {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const file = join(OUTPUT_DIR, name);
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
}
