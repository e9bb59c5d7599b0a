import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../src/platform/package-files";

/** Where the document tests leave pages for a person to look at (git-ignored). */
export const DOCUMENT_OUTPUT = join(packageRoot(), "test-output", "documents");

const run = (command: string, args: string[]) =>
  execFileSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });

/** How many pages `pdfinfo` counts. */
export function pageCount(file: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(run("pdfinfo", [file]))![1]);
}

/** `pdfinfo`'s page size in points, width and height. */
export function pageSize(file: string): { width: number; height: number } {
  const [width, height] = /Page size:\s+([\d.]+) x ([\d.]+)/
    .exec(run("pdfinfo", [file]))!
    .slice(1)
    .map(Number);
  return { width: width!, height: height! };
}

/** One page's text as `pdftotext` reads it (optionally keeping the layout). */
export function pageText(file: string, page: number, options: { layout?: boolean } = {}): string {
  const layout = options.layout ? ["-layout"] : [];
  return run("pdftotext", ["-f", String(page), "-l", String(page), ...layout, file, "-"]);
}

/** Renders one page to DOCUMENT_OUTPUT/<name>.png at 60 dpi; returns the PNG's path. */
export function savePagePng(file: string, page: number, name: string): string {
  mkdirSync(DOCUMENT_OUTPUT, { recursive: true });
  const range = ["-f", String(page), "-l", String(page)];
  run("pdftoppm", ["-png", "-r", "60", ...range, "-singlefile", file, join(DOCUMENT_OUTPUT, name)]);
  return join(DOCUMENT_OUTPUT, `${name}.png`);
}
