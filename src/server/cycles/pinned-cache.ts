import { loadFramework, type Framework } from "../../core";
import type { Repositories } from "../repositories";

/** What never changes about a cycle once created (its status and satisfaction do change). */
export interface CycleIdentity {
  id: string;
  year: number;
  frameworkId: string;
}

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
  const cycles = new Map<number, Promise<CycleIdentity | undefined>>();

  function memo<K, T>(map: Map<K, Promise<T>>, key: K, load: () => Promise<T>): Promise<T> {
    let entry = map.get(key);
    if (!entry) {
      entry = load();
      entry.catch(() => map.delete(key));
      map.set(key, entry);
    }
    return entry;
  }

  return {
    /** A cycle's id and framework by year; an unknown year is not remembered. */
    cycle: async (repos: Repositories, year: number): Promise<CycleIdentity | undefined> => {
      const found = await memo(cycles, year, async () => {
        const row = await repos.cycles.byYear(year);
        return row ? { id: row.id, year: row.year, frameworkId: row.framework_id } : undefined;
      });
      if (!found) cycles.delete(year);
      return found;
    },
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
