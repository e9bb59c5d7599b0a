// Bundles the `kaoping` command into dist/kaoping.mjs so it starts fast (no TypeScript at run time).
import { build } from "esbuild";

await build({
  entryPoints: ["src/cli/entry.ts"],
  outfile: "dist/kaoping.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Dependencies are bundled too: resolving them at start-up costs more than reading them.
  packages: "bundle",
  sourcemap: true,
  logLevel: "warning",
});
