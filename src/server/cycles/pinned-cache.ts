import { loadFramework, type Framework } from "../../core";
import type { Repositories } from "../repositories";

export interface PinnedRegion {
  code: string;
  name: string;
  population: number | null;
  group: string | null;
}

/**
 * Data that never changes once stored, kept in memory so requests do not re-read it:
 * a framework version (compiled once, formulas parsed) and a cycle's regions (written
 * only when the cycle is created). Nothing mutable belongs here.
 */
export function createPinnedCache() {
  const frameworks = new Map<string, Promise<Framework>>();
  const regions = new Map<string, Promise<PinnedRegion[]>>();

  function memo<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    let entry = map.get(key);
    if (!entry) {
      entry = load();
      entry.catch(() => map.delete(key));
      map.set(key, entry);
    }
    return entry;
  }

  return {
    framework: (repos: Repositories, id: string): Promise<Framework> =>
      memo(frameworks, id, async () => {
        const row = await repos.frameworks.byId(id);
        if (!row) throw new Error(`framework ${id} is missing`);
        return loadFramework(JSON.parse(row.document), `framework ${row.code} v${row.version}`)
          .framework;
      }),
    regions: (repos: Repositories, cycleId: string): Promise<PinnedRegion[]> =>
      memo(regions, cycleId, async () =>
        (await repos.cycles.regions(cycleId)).map((region) => ({
          code: region.code,
          name: region.name,
          population: region.population,
          group: region.group_name,
        })),
      ),
  };
}

export type PinnedCache = ReturnType<typeof createPinnedCache>;
