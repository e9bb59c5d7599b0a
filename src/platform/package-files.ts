import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The checkout's root, found from this module's location (works from src/ and from dist/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: string;
      };
      if (manifest.name === "kaoping") return dir;
    } catch {
      // not here; look one level up
    }
    dir = dirname(dir);
  }
  throw new Error("cannot find the Kaoping package root");
}

/**
 * The bundled, illustrative demo: a Guangdong-style framework and Huizhou's 2025 figures,
 * and the figures of earlier years (2024) that the server seeds as closed years to compare.
 */
export function demoFiles(): { framework: string; data: string; earlierData: string[] } {
  const root = packageRoot();
  return {
    framework: join(root, "content", "demo", "framework.yaml"),
    data: join(root, "content", "demo", "huizhou-2025.yaml"),
    earlierData: [join(root, "content", "demo", "huizhou-2024.yaml")],
  };
}
