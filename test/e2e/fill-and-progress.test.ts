import { describe, expect, it } from "vitest";
import { logIn } from "./support/login";
import { figureCoverage, fourDecimals, scoreReport, shownCityScore } from "./support/scores";
import { eventually } from "./support/eventually";
import { useE2e } from "./support/suite";
import { cellInput, openWorkspace, pointsText, storedValue } from "./support/workspace";

const e2e = useE2e();

/**
 * The health bureau has not entered its general practitioners (GP_DOCTORS) in the demo,
 * so HEALTH03 (GPs per 10,000 residents) is missing and costs its whole weight.
 */
const DEPARTMENT = "HEALTH";
const INDICATOR = "HEALTH03";
const ELEMENT = "GP_DOCTORS";
const FIGURES = [
  ["HC", "468"],
  ["HY", "281"],
];

/** A share as the office table writes it: "95.0%". */
const percent = (share: number | null) => (share === null ? "—" : `${(share * 100).toFixed(1)}%`);

describe("a clerk's figures reach the office and the leader", () => {
  it("the clerk sees the points change; the office sees the progress and the new city score, equal to the API's", async () => {
    const office = await e2e.browser.newPage();
    await logIn(office, "office");
    const before = await scoreReport(office);
    const coverageBefore = await figureCoverage(office, DEPARTMENT);
    await eventually(() => shownCityScore(office)).toBe(fourDecimals(before.score));
    await eventually(() => office.getByTestId(`dept-row-${DEPARTMENT}`).textContent()).toContain(
      percent(coverageBefore.share),
    );

    const clerk = await e2e.browser.newPage();
    await logIn(clerk, `${DEPARTMENT.toLowerCase()}-clerk`);
    await openWorkspace(clerk);
    const pointsBefore = await pointsText(clerk, INDICATOR);
    for (const [region, figure] of FIGURES) {
      const input = cellInput(clerk, ELEMENT, region!);
      await input.click();
      await input.fill(figure!);
      await input.press("Enter");
    }
    await eventually(() => pointsText(clerk, INDICATOR)).not.toBe(pointsBefore);
    for (const [region, figure] of FIGURES) {
      await eventually(async () => (await storedValue(clerk, ELEMENT, region!))?.value).toBe(
        Number(figure),
      );
    }

    const after = await scoreReport(office);
    const coverageAfter = await figureCoverage(office, DEPARTMENT);
    expect(after.score).not.toBe(before.score);
    expect(coverageAfter.filled).toBe(coverageBefore.filled + FIGURES.length);

    await office.goto("/office");
    await eventually(() => shownCityScore(office)).toBe(fourDecimals(after.score));
    await eventually(() => office.getByTestId(`dept-row-${DEPARTMENT}`).textContent()).toContain(
      percent(coverageAfter.share),
    );

    const leader = await e2e.browser.newPage();
    await logIn(leader, "leader");
    expect(new URL(leader.url()).pathname).toBe("/dashboard");
    await eventually(() => shownCityScore(leader)).toBe(fourDecimals(after.score));
  });
});
