#!/usr/bin/env node
// The `kaoping` command. The install step (`npm ci`, via the `prepare` script) builds dist/kaoping.mjs.
import { existsSync } from "node:fs";

const bundle = new URL("../dist/kaoping.mjs", import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write(
    "kaoping: dist/kaoping.mjs is missing — run `npm run build` (npm ci does it).\n",
  );
  process.exit(3);
}
await import(bundle.href);
