import { loadFramework, type Framework } from "../../core";
import type { Repositories } from "../repositories";

/**
 * Compiled frameworks by id. A stored framework version never changes, so compiling
 * it once per process is safe and keeps every request from re-parsing formulas.
 */
export function createFrameworkCache() {
  const compiled = new Map<string, Promise<Framework>>();
  return {
    get(repos: Repositories, id: string): Promise<Framework> {
      let entry = compiled.get(id);
      if (!entry) {
        entry = (async () => {
          const row = await repos.frameworks.byId(id);
          if (!row) throw new Error(`framework ${id} is missing`);
          return loadFramework(JSON.parse(row.document), `framework ${row.code} v${row.version}`)
            .framework;
        })();
        entry.catch(() => compiled.delete(id));
        compiled.set(id, entry);
      }
      return entry;
    },
  };
}

export type FrameworkCache = ReturnType<typeof createFrameworkCache>;
