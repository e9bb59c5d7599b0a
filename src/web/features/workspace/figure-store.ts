import type { SavedValue } from "../../../contract/api";
import type { ElementBounds, Localized } from "../../../core";
import { splitCellKey } from "./grid-model";
import type { FigureValues } from "./live-score";
import { parseFigure, type ParsedFigure } from "./parse-figure";

/**
 * idle: nothing typed; unsaved: typed, not saved yet (or a temporary failure — it is
 * retried); saving: on its way; saved: the server took it; error: the server refused it
 * (never retried) or the text is not a figure.
 */
export type CellStatus = "idle" | "unsaved" | "saving" | "saved" | "error";

export interface CellState {
  /** What the server holds (undefined: no figure yet). */
  stored: SavedValue | undefined;
  /** Text typed and not saved yet; undefined when the cell shows the stored figure. */
  draft: string | undefined;
  /** A note typed and not saved yet; undefined when unchanged. */
  noteDraft: string | null | undefined;
  status: CellStatus;
  /** Why the text is not a figure (shown inline, never sent). */
  invalid: Localized | undefined;
  /** The server's refusal, in the user's language. */
  refusal: string | undefined;
  /** When this page last wrote the figure (ms since epoch; 0: never). */
  writtenAt: number;
  /**
   * The version the user saw when they started typing: saved with the draft, so a figure
   * someone else saved meanwhile (even one a refetch has shown since) is a conflict,
   * never silently overwritten.
   */
  baseVersion: number | undefined;
}

const EMPTY: CellState = {
  stored: undefined,
  draft: undefined,
  noteDraft: undefined,
  status: "idle",
  invalid: undefined,
  refusal: undefined,
  writtenAt: 0,
  baseVersion: undefined,
};

export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface PersistedDraft {
  text?: string;
  note?: string | null;
  base?: number;
}

/**
 * The state of every figure cell of the grid, outside React: a cell subscribes to its
 * own key, so typing re-renders one input (and the scores), never the whole grid. Drafts
 * are written to sessionStorage as they are typed (per user, year, element and region),
 * so a reload or a new sign-in finds them again.
 */
export class FigureStore {
  private readonly cells = new Map<string, CellState>();
  private readonly bounds = new Map<string, ElementBounds>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly allListeners = new Set<() => void>();
  private version = 0;
  private batching = 0;
  private readonly dirty = new Set<string>();
  private valuesCache: { version: number; values: FigureValues } | null = null;

  constructor(
    private readonly storage: DraftStorage | null,
    private readonly storageKey: string,
  ) {}

  get(key: string): CellState {
    return this.cells.get(key) ?? EMPTY;
  }

  getVersion(): number {
    return this.version;
  }

  setBounds(element: string, bounds: ElementBounds): void {
    this.bounds.set(element, bounds);
  }

  subscribe(key: string, listener: () => void): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  subscribeAll(listener: () => void): () => void {
    this.allListeners.add(listener);
    return () => this.allListeners.delete(listener);
  }

  private update(key: string, change: Partial<CellState>): void {
    this.cells.set(key, { ...this.get(key), ...change });
    this.version++;
    this.dirty.add(key);
    if (this.batching === 0) this.flush();
  }

  /** Runs many updates and tells the listeners once, at the end. */
  batch(run: () => void): void {
    this.batching++;
    try {
      run();
    } finally {
      this.batching--;
      if (this.batching === 0) this.flush();
    }
  }

  private flush(): void {
    if (this.dirty.size === 0) return;
    const keys = [...this.dirty];
    this.dirty.clear();
    for (const key of keys) this.listeners.get(key)?.forEach((listener) => listener());
    this.allListeners.forEach((listener) => listener());
  }

  /**
   * The server's figures from an items list requested at `requestedAt`: they replace
   * what a cell knows unless this page wrote the figure after that request went out (or
   * is writing it now) — an older list must not undo a newer save.
   */
  syncStored(
    stored: ReadonlyMap<string, SavedValue>,
    keys: Iterable<string>,
    requestedAt: number,
  ): void {
    this.batch(() => {
      for (const key of keys) {
        const server = stored.get(key);
        const cell = this.get(key);
        if (cell.status === "saving" || cell.writtenAt >= requestedAt) continue;
        if (this.cells.has(key) && sameStored(cell.stored, server)) continue;
        this.update(key, { stored: server });
      }
    });
  }

  /** After a save or a clear: the stored figure, the draft gone unless typed on since. */
  acceptSaved(
    key: string,
    stored: SavedValue | undefined,
    sentText: string | undefined,
    now: number,
  ): void {
    const cell = this.get(key);
    const typedSince = cell.draft !== undefined && cell.draft !== sentText;
    this.update(key, {
      stored,
      draft: typedSince ? cell.draft : undefined,
      noteDraft: typedSince ? cell.noteDraft : undefined,
      status: typedSince ? "unsaved" : "saved",
      invalid: undefined,
      refusal: undefined,
      writtenAt: now,
      baseVersion: typedSince ? (stored?.version ?? 0) : undefined,
    });
    this.persist();
  }

  /** The user typed: the draft, and whether it is a figure at all. */
  type(key: string, text: string): void {
    const parsed = this.parse(key, text);
    this.update(key, {
      baseVersion: this.baseOf(this.get(key)),
      draft: text,
      status: parsed.kind === "invalid" ? "error" : "unsaved",
      invalid: parsed.kind === "invalid" ? parsed.reason : undefined,
      refusal: undefined,
    });
    this.persist();
  }

  setNote(key: string, note: string | null): void {
    const cell = this.get(key);
    const unchanged = (cell.stored?.note ?? null) === note;
    this.update(key, {
      baseVersion: this.baseOf(cell),
      noteDraft: unchanged ? undefined : note,
      status: unchanged && cell.draft === undefined ? cell.status : "unsaved",
    });
    this.persist();
  }

  /** The version an edit starts from: kept while a draft exists, else the stored one. */
  private baseOf(cell: CellState): number {
    if (cell.draft !== undefined || cell.noteDraft !== undefined) {
      return cell.baseVersion ?? cell.stored?.version ?? 0;
    }
    return cell.stored?.version ?? 0;
  }

  /** Escape: back to the stored figure. */
  cancel(key: string): void {
    this.update(key, {
      baseVersion: undefined,
      draft: undefined,
      noteDraft: undefined,
      status: "idle",
      invalid: undefined,
      refusal: undefined,
    });
    this.persist();
  }

  setStatus(key: string, status: CellStatus, refusal?: string): void {
    this.update(key, { status, refusal });
  }

  /** A draft that cannot be saved as it is, with the reason shown beside the cell. */
  markInvalid(key: string, reason: Localized): void {
    this.update(key, { status: "error", invalid: reason, refusal: undefined });
  }

  /** What the server holds now (after a conflict), keeping what the user typed on top of it. */
  acceptStored(key: string, stored: SavedValue | undefined): void {
    this.update(key, { stored, baseVersion: stored?.version ?? 0 });
  }

  parse(key: string, text: string): ParsedFigure {
    return parseFigure(text, this.bounds.get(splitCellKey(key).element));
  }

  /** Keys with something typed and not saved. */
  pendingKeys(): string[] {
    return [...this.cells.entries()]
      .filter(([, cell]) => cell.draft !== undefined || cell.noteDraft !== undefined)
      .map(([key]) => key);
  }

  /**
   * The figures the page scores: stored ones with the drafts laid over them. A draft
   * that is a figure counts, an emptied cell counts as no figure, and text that is not
   * a figure leaves the stored one in place (it will not be saved).
   */
  values(): FigureValues {
    if (this.valuesCache?.version === this.version) return this.valuesCache.values;
    const values: FigureValues = {};
    for (const [key, cell] of this.cells) {
      let value = cell.stored?.value;
      if (cell.draft !== undefined) {
        const parsed = this.parse(key, cell.draft);
        if (parsed.kind === "number") value = parsed.value;
        else if (parsed.kind === "empty") value = undefined;
      }
      if (value === undefined) continue;
      const { element, region } = splitCellKey(key);
      (values[element] ??= {})[region] = value;
    }
    this.valuesCache = { version: this.version, values };
    return values;
  }

  private persistTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Drafts go to storage shortly after typing pauses (not on every keystroke), and at
   * once when the page is hidden or left (see flushDrafts).
   */
  private persist(): void {
    if (!this.storage || this.persistTimer !== null) return;
    this.persistTimer = setTimeout(() => this.flushDrafts(), 250);
  }

  flushDrafts(): void {
    if (this.persistTimer !== null) clearTimeout(this.persistTimer);
    this.persistTimer = null;
    if (!this.storage) return;
    const drafts: Record<string, PersistedDraft> = {};
    for (const [key, cell] of this.cells) {
      if (cell.draft === undefined && cell.noteDraft === undefined) continue;
      drafts[key] = {
        ...(cell.draft === undefined ? {} : { text: cell.draft }),
        ...(cell.noteDraft === undefined ? {} : { note: cell.noteDraft }),
        ...(cell.baseVersion === undefined ? {} : { base: cell.baseVersion }),
      };
    }
    try {
      if (Object.keys(drafts).length === 0) this.storage.removeItem(this.storageKey);
      else this.storage.setItem(this.storageKey, JSON.stringify(drafts));
    } catch {
      // Storage full or refused: the drafts stay in the page.
    }
  }

  /**
   * Drafts kept from an earlier visit, laid over the cells that still exist; those equal
   * to the stored figure are dropped. Returns how many were restored.
   */
  restoreDrafts(keys: ReadonlySet<string>): number {
    if (!this.storage) return 0;
    let saved: Record<string, PersistedDraft>;
    try {
      saved = JSON.parse(this.storage.getItem(this.storageKey) ?? "{}") as Record<
        string,
        PersistedDraft
      >;
    } catch {
      return 0;
    }
    let restored = 0;
    this.batching++;
    for (const [key, draft] of Object.entries(saved)) {
      if (!keys.has(key) || typeof draft !== "object" || draft === null) continue;
      const cell = this.get(key);
      if (cell.draft !== undefined) continue;
      const text = typeof draft.text === "string" ? draft.text : undefined;
      const note = typeof draft.note === "string" || draft.note === null ? draft.note : undefined;
      const parsed = text === undefined ? undefined : this.parse(key, text);
      const sameFigure =
        text === undefined ||
        (parsed?.kind === "number" && parsed.value === cell.stored?.value) ||
        (parsed?.kind === "empty" && cell.stored === undefined);
      const sameNote = note === undefined || note === (cell.stored?.note ?? null);
      if (sameFigure && sameNote) continue;
      this.update(key, {
        baseVersion:
          typeof draft.base === "number" && Number.isInteger(draft.base)
            ? draft.base
            : (cell.stored?.version ?? 0),
        draft: sameFigure ? undefined : text,
        noteDraft: sameNote ? undefined : note,
        status: parsed?.kind === "invalid" ? "error" : "unsaved",
        invalid: parsed?.kind === "invalid" ? parsed.reason : undefined,
      });
      restored++;
    }
    this.batching--;
    this.flush();
    this.persist();
    return restored;
  }
}

function sameStored(a: SavedValue | undefined, b: SavedValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.version === b.version && a.value === b.value && a.note === b.note;
}

/** Where a user's drafts of a year are kept in sessionStorage. */
export const draftStorageKey = (username: string, year: number) =>
  `kaoping.drafts.${username}.${year}`;
