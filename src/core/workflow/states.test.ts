import { describe, expect, it } from "vitest";
import {
  isCertified,
  nextState,
  SUBMISSION_ACTIONS,
  SUBMISSION_STATES,
  TRANSITIONS,
  type SubmissionAction,
  type SubmissionState,
} from "./states";

/** The whole machine, written out by hand: state → action → where it leads (undefined: refused). */
const EXPECTED: Record<SubmissionState, Record<SubmissionAction, SubmissionState | undefined>> = {
  draft: { submit: "submitted", return: undefined, accept: undefined, reopen: undefined },
  submitted: { submit: undefined, return: "returned", accept: "accepted", reopen: undefined },
  returned: { submit: "submitted", return: undefined, accept: undefined, reopen: undefined },
  accepted: { submit: undefined, return: undefined, accept: undefined, reopen: "returned" },
};

const CASES = SUBMISSION_STATES.flatMap((state) =>
  SUBMISSION_ACTIONS.map((action) => ({ state, action, to: EXPECTED[state][action] })),
);

describe("the hand-in state machine", () => {
  it.each(CASES)("$action from $state → $to", ({ state, action, to }) => {
    expect(nextState(state, action)).toBe(to);
  });

  it("covers every state and action in the table (4 × 4)", () => {
    expect(CASES).toHaveLength(16);
  });

  it("agrees with TRANSITIONS: an action starts exactly from its `from` states", () => {
    for (const action of SUBMISSION_ACTIONS) {
      const allowed = SUBMISSION_STATES.filter((state) => nextState(state, action) !== undefined);
      expect(allowed).toEqual([...TRANSITIONS[action].from]);
    }
  });

  it.each<[SubmissionState, boolean]>([
    ["draft", false],
    ["submitted", true],
    ["returned", false],
    ["accepted", true],
  ])("%s is certified: %s", (state, certified) => {
    expect(isCertified(state)).toBe(certified);
  });

  it("never leads back to draft, and every certified state is left only by the office", () => {
    for (const { to } of CASES) expect(to).not.toBe("draft");
    for (const state of SUBMISSION_STATES.filter(isCertified)) {
      expect(nextState(state, "submit")).toBeUndefined();
    }
  });
});
