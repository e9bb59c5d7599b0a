import { useCallback, useState } from "react";
import type { WorkAnswer } from "../../../contract/api";
import type { WorkAwards } from "./live-score";

/** A work item's answer as being edited: points per criterion (null: not scored yet). */
export interface WorkDraft {
  awarded: Record<string, number | null>;
  explanation: string;
}

export const workDraftKey = (username: string, year: number) =>
  `kaoping.workDrafts.${username}.${year}`;

function read(key: string): Record<string, WorkDraft> {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(key) ?? "{}") as unknown;
    return parsed && typeof parsed === "object" ? (parsed as Record<string, WorkDraft>) : {};
  } catch {
    return {};
  }
}

function write(key: string, drafts: Record<string, WorkDraft>): void {
  try {
    if (Object.keys(drafts).length === 0) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(drafts));
  } catch {
    // Storage refused: the drafts stay in the page.
  }
}

/** Work answers being edited, kept in sessionStorage like the figures' drafts. */
export function useWorkDrafts(username: string, year: number) {
  const key = workDraftKey(username, year);
  const [state, setState] = useState(() => ({ key, drafts: read(key) }));
  // A different user or year: start from what that one left.
  const drafts = state.key === key ? state.drafts : read(key);
  if (state.key !== key) setState({ key, drafts });
  const setDraft = useCallback(
    (item: string, draft: WorkDraft | undefined) =>
      setState((previous) => {
        const next = { ...previous.drafts };
        if (draft === undefined) delete next[item];
        else next[item] = draft;
        write(previous.key, next);
        return { key: previous.key, drafts: next };
      }),
    [],
  );
  return { drafts, setDraft };
}

/** The draft as the answer the server would store: unscored criteria left out. */
export function awardedOf(draft: WorkDraft): Record<string, number> {
  const awarded: Record<string, number> = {};
  for (const [code, points] of Object.entries(draft.awarded)) {
    if (points !== null && Number.isFinite(points)) awarded[code] = points;
  }
  return awarded;
}

export function draftFromAnswer(answer: WorkAnswer | null): WorkDraft {
  return { awarded: { ...(answer?.awarded ?? {}) }, explanation: answer?.explanation ?? "" };
}

/**
 * Saved answers with the drafts laid over them, for the live score. A draft's points
 * outside 0…the criterion's points are left out: they cannot be saved, so they must not
 * count (`limits`: points per criterion, per item).
 */
export function workAwards(
  saved: ReadonlyMap<string, WorkAnswer | null>,
  drafts: Record<string, WorkDraft>,
  limits: ReadonlyMap<string, ReadonlyMap<string, number>>,
): WorkAwards {
  const awards: WorkAwards = {};
  for (const [code, answer] of saved) if (answer) awards[code] = answer.awarded;
  for (const [code, draft] of Object.entries(drafts)) {
    const criteria = limits.get(code);
    if (!saved.has(code) || !criteria) continue;
    const awarded: Record<string, number> = {};
    for (const [criterion, points] of Object.entries(awardedOf(draft))) {
      const max = criteria.get(criterion);
      if (max !== undefined && points >= 0 && points <= max) awarded[criterion] = points;
    }
    awards[code] = awarded;
  }
  return awards;
}
