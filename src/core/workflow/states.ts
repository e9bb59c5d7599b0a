/**
 * A department's hand-in for one year (报送状态): it fills in (draft), its head certifies
 * and submits, the office returns it with reasons or accepts it, and may reopen an
 * accepted one. The table below is the whole state machine; the server changes a state
 * only with `UPDATE … WHERE state IN (from)`, so two offices acting at once cannot both win.
 */
export const SUBMISSION_STATES = ["draft", "submitted", "returned", "accepted"] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

export const SUBMISSION_ACTIONS = ["submit", "return", "accept", "reopen"] as const;
export type SubmissionAction = (typeof SUBMISSION_ACTIONS)[number];

/** From which states each action may start, and where it leads. */
export const TRANSITIONS: Record<
  SubmissionAction,
  { from: readonly SubmissionState[]; to: SubmissionState }
> = {
  submit: { from: ["draft", "returned"], to: "submitted" },
  return: { from: ["submitted"], to: "returned" },
  accept: { from: ["submitted"], to: "accepted" },
  reopen: { from: ["accepted"], to: "returned" },
};

/** The state an action leads to, or undefined when it may not start from `state`. */
export function nextState(
  state: SubmissionState,
  action: SubmissionAction,
): SubmissionState | undefined {
  const transition = TRANSITIONS[action];
  return transition.from.includes(state) ? transition.to : undefined;
}

/** While in these states the department's data is certified and nobody may change it. */
export function isCertified(state: SubmissionState): boolean {
  return state === "submitted" || state === "accepted";
}
