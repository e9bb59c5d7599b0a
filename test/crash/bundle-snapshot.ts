import { cpSync, existsSync, readdirSync, readFileSync, rmdirSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * A private copy of the built `kaoping` bundle (dist/) for one crash run. A run restarts
 * the server hundreds of times over minutes; a rebuild of dist/ meanwhile (every test
 * run does one, and it starts by deleting the folder) must not pull the code out from
 * under a restart. The copy sits under node_modules/.cache inside the checkout, so the
 * bundle still finds its external packages and the package root (for the demo files)
 * by walking up, exactly as from dist/. Runs the same code as `bin/kaoping.mjs`.
 */
export interface BundleSnapshot {
  /** The copied `kaoping.mjs`, to run as `node <entry> serve`. */
  entry: string;
  remove(): void;
}

/** Every module a bundle file imports by relative name is in the copy. */
function complete(dir: string): boolean {
  if (!existsSync(join(dir, "kaoping.mjs"))) return false;
  for (const name of readdirSync(dir).filter((file) => file.endsWith(".mjs"))) {
    const text = readFileSync(join(dir, name), "utf8");
    for (const match of text.matchAll(/["']\.\/([\w.-]+\.mjs)["']/g)) {
      if (!existsSync(join(dir, match[1]!))) return false;
    }
  }
  return true;
}

export async function snapshotBundle(root: string): Promise<BundleSnapshot> {
  const base = join(
    root,
    "node_modules",
    ".cache",
    "kaoping-crash",
    randomBytes(6).toString("hex"),
  );
  const dir = join(base, "dist");
  // A rebuild may be under way (the folder deleted, or half written): try again shortly.
  for (let attempt = 0; attempt < 50; attempt++) {
    rmSync(base, { recursive: true, force: true });
    try {
      cpSync(join(root, "dist"), dir, { recursive: true });
      if (complete(dir)) {
        return {
          entry: join(dir, "kaoping.mjs"),
          remove: () => {
            rmSync(base, { recursive: true, force: true });
            try {
              rmdirSync(dirname(base));
            } catch {
              // another run's copy is still there
            }
          },
        };
      }
    } catch {
      // copied while it changed; the next attempt starts over
    }
    await sleep(200);
  }
  rmSync(base, { recursive: true, force: true });
  throw new Error("no complete build in dist/ to copy: run `npm run build`");
}
