import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AppSnapshot } from "./app-snapshot";

/**
 * The built chunks that hold the chart library: ECharts and its renderer ZRender (the
 * build puts them in a chunk named charts-*, and any chunk whose code carries ZRender
 * counts too, wherever the bundler moved it).
 */
export function chartChunks(app: AppSnapshot): string[] {
  const assets = app.assetsDir;
  return app.assets.filter(
    (name) =>
      name.endsWith(".js") &&
      (name.startsWith("charts-") ||
        /zrender|ZRender/.test(readFileSync(join(assets, name), "utf8"))),
  );
}
