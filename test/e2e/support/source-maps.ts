import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { join } from "node:path";

/**
 * Adds the original source position to each frame of a browser stack that points into
 * the built assets (`…/assets/charts-X4O.js:17:24162` → `echarts/lib/scale/Interval.js:112`),
 * from the build's own source maps, so a failure names the code to fix.
 */
export class StackResolver {
  private readonly maps = new Map<string, SourceMap | null>();

  constructor(private readonly assetsDir: string) {}

  private map(file: string): SourceMap | null {
    if (!this.maps.has(file)) {
      const path = join(this.assetsDir, `${file}.map`);
      let map: SourceMap | null = null;
      try {
        if (existsSync(path)) map = new SourceMap(JSON.parse(readFileSync(path, "utf8")));
      } catch {
        map = null;
      }
      this.maps.set(file, map);
    }
    return this.maps.get(file) ?? null;
  }

  resolve(stack: string): string {
    return stack.replace(
      /\/assets\/([\w.-]+\.js):(\d+):(\d+)/g,
      (whole, file: string, line, column) => {
        const entry = this.map(file)?.findEntry(Number(line) - 1, Number(column) - 1);
        if (!entry || !("originalSource" in entry) || !entry.originalSource) return whole;
        const source = entry.originalSource.replace(/^.*?(node_modules\/|src\/)/, "$1");
        return `${whole} [${source}:${entry.originalLine + 1}]`;
      },
    );
  }
}
