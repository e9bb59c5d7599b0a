import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { snapshotBundle } from "../../crash/bundle-snapshot";
import { ROOT } from "../../crash/server-process";

/**
 * A private copy of the built app for one test file: the `kaoping` bundle (dist/), the
 * built web app (build/web), the demo content and package.json, laid out like the
 * checkout. The bundle finds its package root (web app, demo files) by walking up to
 * the copied package.json, and its external packages in the checkout's node_modules
 * (the copy sits under node_modules/.cache). A rebuild of dist/ or build/web while the
 * tests run (every `vite build` empties build/web) cannot pull files from under the
 * browser: a lazy page's chunk would otherwise vanish between two clicks.
 */
export interface AppSnapshot {
  /** The copied `kaoping.mjs`: run as `node <entry> serve`. */
  entry: string;
  /** The copy's root (package.json, dist/, build/web, content/). */
  root: string;
  /** The web app's asset files (names only), to tell chunks apart by name. */
  assets: string[];
  /** Where they are (with their source maps). */
  assetsDir: string;
  remove(): void;
}

/** Every asset index.html and the chunks name is in the copy (a half-written build is not). */
function webComplete(webDir: string): boolean {
  const index = join(webDir, "index.html");
  if (!existsSync(index)) return false;
  const assetsDir = join(webDir, "assets");
  if (!existsSync(assetsDir)) return false;
  const referenced = [...readFileSync(index, "utf8").matchAll(/\/assets\/([\w.-]+)/g)].map(
    (match) => match[1]!,
  );
  for (const name of readdirSync(assetsDir).filter((file) => file.endsWith(".js"))) {
    const text = readFileSync(join(assetsDir, name), "utf8");
    for (const match of text.matchAll(/["'`](?:\.\/|\/?assets\/)([\w.-]+\.(?:js|css))["'`]/g)) {
      referenced.push(match[1]!);
    }
  }
  return referenced.every((name) => existsSync(join(assetsDir, name)));
}

async function copyWeb(target: string): Promise<void> {
  const source = join(ROOT, "build", "web");
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      cpSync(source, target, { recursive: true, force: true });
      if (webComplete(target)) return;
    } catch {
      // copied while a build rewrote it; the next attempt starts over
    }
    await sleep(200);
  }
  throw new Error("no complete web build in build/web to copy: run `npx vite build`");
}

export async function snapshotApp(): Promise<AppSnapshot> {
  const bundle = await snapshotBundle(ROOT);
  const root = dirname(dirname(bundle.entry));
  try {
    await copyWeb(join(root, "build", "web"));
    cpSync(join(ROOT, "content"), join(root, "content"), { recursive: true });
    writeFileSync(join(root, "package.json"), readFileSync(join(ROOT, "package.json")));
  } catch (error) {
    bundle.remove();
    throw error;
  }
  return {
    entry: bundle.entry,
    root,
    assets: readdirSync(join(root, "build", "web", "assets")),
    assetsDir: join(root, "build", "web", "assets"),
    remove: bundle.remove,
  };
}
