import type { ClearedValue, CurrentValue, SavedValue, SaveValueBody } from "../../../contract/api";
import type { Localized } from "../../../core";
import { ApiError } from "../../api/client";
import type { FigureStore } from "./figure-store";
import { splitCellKey } from "./grid-model";

export interface FigureApi {
  save(element: string, region: string, body: SaveValueBody): Promise<SavedValue>;
  clear(element: string, region: string, version: number): Promise<ClearedValue>;
}

export interface FigureConflict {
  key: string;
  /** What the user typed ("" for a cleared cell) and the note they meant to save. */
  mine: { text: string | undefined; note: string | null | undefined };
  current: CurrentValue;
}

export interface SaverEvents {
  onConflict(conflict: FigureConflict): void;
  /** The year is locked (423): the server's message says why. */
  onLocked(message: string): void;
  onSaved(key: string): void;
}

export interface SaverClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserClock: SaverClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Waits before the n-th retry of a temporary failure: 2 s, 4 s, 8 s … at most a minute. */
export const retryDelay = (attempt: number) => Math.min(60_000, 2_000 * 2 ** attempt);

const NOTE_NEEDS_FIGURE: Localized = {
  zh: "请先填写数值，备注随数值一起保存",
  en: "enter the figure first; the note is saved with it",
};

/** A conflict's `current` as a stored figure (none when it is not entered). */
export function storedFromCurrent(current: CurrentValue): SavedValue | undefined {
  if (current.value === null) return undefined;
  return {
    element: current.element,
    region: current.region,
    value: current.value,
    note: current.note ?? null,
    version: current.version,
    updatedBy: current.updatedBy ?? "",
    updatedAt: current.updatedAt ?? "",
  };
}

/**
 * Saves figures one cell at a time, on blur or Enter, never per keystroke: PUT with the
 * version the page last saw (and the note, which a save without it would erase), DELETE
 * for an emptied cell. A temporary failure (network, 502–504) keeps the draft and tries
 * again later; a refusal is never retried: a conflict goes to the user, a locked year
 * stops all saving, anything else marks the cell with the server's reason.
 */
export class FigureSaver {
  private readonly inFlight = new Set<string>();
  private readonly again = new Set<string>();
  private readonly attempts = new Map<string, number>();
  private readonly timers = new Map<string, unknown>();
  /** Cells whose save met an ended session (401): saved again once the user signs back in. */
  private readonly afterSignIn = new Set<string>();
  private locked = false;

  constructor(
    private readonly store: FigureStore,
    private readonly api: FigureApi,
    private readonly events: SaverEvents,
    private readonly clock: SaverClock = browserClock,
  ) {}

  get isLocked(): boolean {
    return this.locked;
  }

  commitAll(): void {
    for (const key of this.store.pendingKeys()) this.commit(key);
  }

  commit(key: string): void {
    const cell = this.store.get(key);
    if (cell.draft === undefined && cell.noteDraft === undefined) return;
    if (this.locked) return;
    if (this.inFlight.has(key)) {
      this.again.add(key);
      return;
    }
    this.cancelRetry(key);
    const text = cell.draft;
    const parsed = text === undefined ? undefined : this.store.parse(key, text);
    if (parsed?.kind === "invalid") return;
    const note = cell.noteDraft !== undefined ? cell.noteDraft : (cell.stored?.note ?? null);
    const { element, region } = splitCellKey(key);
    // The version the user saw when they began: what the server must still hold.
    const base = cell.baseVersion ?? cell.stored?.version ?? 0;

    if (parsed?.kind === "empty") {
      if (cell.stored === undefined) {
        this.store.acceptSaved(key, undefined, text, this.clock.now());
        return;
      }
      this.send(key, text, cell.noteDraft, () =>
        this.api.clear(element, region, base).then(() => undefined),
      );
      return;
    }
    const value = parsed?.kind === "number" ? parsed.value : cell.stored?.value;
    if (value === undefined) {
      this.store.markInvalid(key, NOTE_NEEDS_FIGURE);
      return;
    }
    if (cell.stored && value === cell.stored.value && note === (cell.stored.note ?? null)) {
      // Already stored (by this page or, identically, by someone else): nothing to send.
      this.store.acceptSaved(key, cell.stored, text, this.clock.now());
      return;
    }
    const body: SaveValueBody = { value, version: base, note };
    this.send(key, text, cell.noteDraft, () => this.api.save(element, region, body));
  }

  private send(
    key: string,
    text: string | undefined,
    noteDraft: string | null | undefined,
    request: () => Promise<SavedValue | undefined>,
  ): void {
    this.inFlight.add(key);
    this.store.setStatus(key, "saving");
    request()
      .then((saved) => {
        this.attempts.delete(key);
        this.store.acceptSaved(key, saved, text, this.clock.now());
        this.events.onSaved(key);
      })
      .catch((error: unknown) => this.failed(key, text, noteDraft, error))
      .finally(() => {
        this.inFlight.delete(key);
        if (this.again.delete(key)) this.commit(key);
      });
  }

  private failed(
    key: string,
    text: string | undefined,
    noteDraft: string | null | undefined,
    error: unknown,
  ): void {
    const api = error instanceof ApiError ? error : null;
    if (api?.status === 409 && api.body && "current" in api.body) {
      this.store.setStatus(key, "unsaved", api.message);
      this.events.onConflict({
        key,
        mine: { text, note: noteDraft },
        current: api.body.current as CurrentValue,
      });
      return;
    }
    if (api?.status === 423) {
      this.locked = true;
      this.store.setStatus(key, "unsaved", api.message);
      this.events.onLocked(api.message);
      return;
    }
    if (api?.status === 401) {
      // The sign-in dialog opens over the page; the draft waits for the new session.
      this.afterSignIn.add(key);
      this.store.setStatus(key, "unsaved", api.message);
      return;
    }
    if (api === null || api.temporary) {
      const attempt = this.attempts.get(key) ?? 0;
      this.attempts.set(key, attempt + 1);
      this.store.setStatus(key, "unsaved", api?.message);
      this.timers.set(
        key,
        this.clock.setTimeout(() => {
          this.timers.delete(key);
          this.commit(key);
        }, retryDelay(attempt)),
      );
      return;
    }
    this.store.setStatus(key, "error", api.message);
  }

  /** The user signed in again: the saves the ended session refused go out now. */
  retryAfterSignIn(): void {
    const keys = [...this.afterSignIn];
    this.afterSignIn.clear();
    for (const key of keys) this.commit(key);
  }

  /** "保留我的数值": the user's figure again, on top of the version stored now. */
  keepMine(conflict: FigureConflict): void {
    this.store.acceptStored(conflict.key, storedFromCurrent(conflict.current));
    this.commit(conflict.key);
  }

  /** "采用已保存的数值": the stored figure replaces the draft. */
  takeStored(conflict: FigureConflict): void {
    const cell = this.store.get(conflict.key);
    this.store.acceptSaved(
      conflict.key,
      storedFromCurrent(conflict.current),
      cell.draft,
      this.clock.now(),
    );
  }

  private cancelRetry(key: string): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) {
      this.clock.clearTimeout(timer);
      this.timers.delete(key);
    }
  }

  dispose(): void {
    for (const key of [...this.timers.keys()]) this.cancelRetry(key);
  }
}
