import { useCallback, useSyncExternalStore } from "react";
import type { IndicatorResult } from "../../../core";
import type { FigureStore } from "./figure-store";
import type { DepartmentScore, IncrementalScorer } from "./incremental-score";
import type { WorkAwards } from "./live-score";

function sameResult(a: IndicatorResult, b: IndicatorResult): boolean {
  if (a.status !== b.status || a.value !== b.value || a.ratio !== b.ratio || a.loss !== b.loss) {
    return false;
  }
  const aRegions = Object.entries(a.regions);
  if (aRegions.length !== Object.keys(b.regions).length) return false;
  return (
    aRegions.every(([code, value]) => b.regions[code] === value) &&
    a.missingInputs.join() === b.missingInputs.join()
  );
}

export interface LiveScore {
  score: DepartmentScore;
  indicators: ReadonlyMap<string, IndicatorResult>;
}

/**
 * The department's score as the user types, outside React: the stored figures with the
 * drafts laid over them, scored by the core (re-scoring only the indicators whose
 * figures changed), computed at most once per change and only when someone reads it.
 * An indicator's result keeps its identity while its numbers do not move, so a card
 * subscribed to it re-renders only when they do — and the page itself not at all.
 */
export class LiveScoreStore {
  private work: WorkAwards = {};
  private workVersion = 0;
  private readonly listeners = new Set<() => void>();
  private cache: { figures: number; work: number; live: LiveScore } | null = null;

  constructor(
    private readonly figures: FigureStore,
    readonly scorer: IncrementalScorer,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    const unsubscribe = this.figures.subscribeAll(listener);
    return () => {
      this.listeners.delete(listener);
      unsubscribe();
    };
  };

  setWork(work: WorkAwards): void {
    if (work === this.work) return;
    this.work = work;
    this.workVersion++;
    this.listeners.forEach((listener) => listener());
  }

  current = (): LiveScore => {
    const figures = this.figures.getVersion();
    if (this.cache && this.cache.figures === figures && this.cache.work === this.workVersion) {
      return this.cache.live;
    }
    const score = this.scorer.score(this.figures.values(), this.work);
    const before = this.cache?.live.indicators;
    const indicators = new Map<string, IndicatorResult>();
    for (const result of score.indicators) {
      const previous = before?.get(result.code);
      indicators.set(result.code, previous && sameResult(previous, result) ? previous : result);
    }
    const live = { score, indicators };
    this.cache = { figures, work: this.workVersion, live };
    return live;
  };
}

/** One indicator's live result; re-renders only when its numbers change. */
export function useIndicatorResult(
  store: LiveScoreStore,
  code: string,
): IndicatorResult | undefined {
  const read = useCallback(() => store.current().indicators.get(code), [store, code]);
  return useSyncExternalStore(store.subscribe, read);
}

/** The department's live loss (a number: re-renders only when it changes). */
export function useDepartmentLoss(store: LiveScoreStore): number {
  const read = useCallback(() => store.current().score.loss, [store]);
  return useSyncExternalStore(store.subscribe, read);
}

/** One region's indicator value (or the city's), as a number that re-renders only when it changes. */
export function useIndicatorValue(
  store: LiveScoreStore,
  code: string,
  region: string | null,
): number | null {
  const read = useCallback(() => {
    const result = store.current().indicators.get(code);
    if (!result) return null;
    if (region === null) return result.status === "ok" ? result.value : null;
    return result.regions[region] ?? null;
  }, [store, code, region]);
  return useSyncExternalStore(store.subscribe, read);
}
