// Bundles the `kaoping` command into dist/ so it starts fast (no TypeScript at run time).
// Scoring commands load one small chunk; the server's modules are split into chunks
// loaded only by the commands that need them.
import { rmSync } from "node:fs";
import { build } from "esbuild";

rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: { kaoping: "src/cli/entry.ts" },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node22",
  // Dependencies are bundled too (resolving them at start-up costs more than reading
  // them), except native modules and the server's framework, loaded from node_modules.
  packages: "bundle",
  external: [
    "better-sqlite3",
    "@node-rs/argon2",
    "pg",
    "pg-native",
    "kysely",
    "fastify",
    "@fastify/*",
    "fastify-type-provider-zod",
    "pino",
    // CommonJS packages that require Node's built-ins, which an ESM bundle cannot.
    "yazl",
    "yauzl",
    "exceljs",
    "nodemailer",
    // Document rendering: large, loaded only when a document is built; resvg is native.
    "docx",
    "pdf-lib",
    "fontkit",
    "echarts",
    "@resvg/resvg-js",
    "@expo-google-fonts/*",
  ],
  sourcemap: true,
  logLevel: "warning",
});
