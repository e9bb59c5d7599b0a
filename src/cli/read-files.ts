import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  InputError,
  localized,
  loadDataText,
  loadFrameworkText,
  type Dataset,
  type LoadedFramework,
} from "../core";

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? localized("文件不存在", "no such file")
        : localized("无法读取文件", "cannot read the file");
    throw new InputError([{ file: path, path: "", message: reason }]);
  }
}

/** Reads and validates a framework file (YAML or JSON). */
export function readFrameworkFile(path: string): LoadedFramework {
  return loadFrameworkText(readText(path), path);
}

/** Reads and validates a data file against its framework. */
export function readDataFile(path: string, loaded: LoadedFramework): Dataset {
  return loadDataText(readText(path), path, loaded.framework);
}

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

/** The bundled demo: an illustrative framework and Huizhou's 2025 figures. */
export function demoFiles(): { framework: string; data: string } {
  const root = packageRoot();
  return {
    framework: join(root, "content", "demo", "framework.yaml"),
    data: join(root, "content", "demo", "huizhou-2025.yaml"),
  };
}
