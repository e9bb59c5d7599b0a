import { readFileSync } from "node:fs";
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

export { demoFiles } from "../platform/package-files";
