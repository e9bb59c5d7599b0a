import { describe, expect, it } from "vitest";
import { apiGet } from "./support/api";
import { logIn } from "./support/login";
import { fourDecimals, scoreReport, shownCityScore } from "./support/scores";
import { eventually } from "./support/eventually";
import { useE2e } from "./support/suite";
import { DEMO_YEAR } from "./support/workspace";

const e2e = useE2e();

interface FrameworkNames {
  indicators: { code: string; name: string }[];
  workItems: { code: string; name: string }[];
}

describe("the leader dashboard", () => {
  it("shows the city score equal to the API's, the plan in words and the equalization chart", async () => {
    const page = await e2e.browser.newPage();
    await logIn(page, "leader");
    expect(new URL(page.url()).pathname).toBe("/dashboard");
    const report = await scoreReport(page);
    await eventually(() => shownCityScore(page)).toBe(fourDecimals(report.score));

    // The plan's first step, in words: the item's name and the score it recovers.
    const framework = await apiGet<FrameworkNames>(page, `/api/cycles/${DEMO_YEAR}/framework`);
    const names = new Map(
      [...framework.indicators, ...framework.workItems].map((item) => [item.code, item.name]),
    );
    expect(report.plan.length).toBeGreaterThan(0);
    const first = report.plan[0]!;
    const plan = page.getByTestId("plan");
    await plan.waitFor({ state: "visible" });
    const planText = (await plan.textContent()) ?? "";
    expect(planText).toContain(names.get(first.code)!);
    expect(planText).toContain(fourDecimals(first.gain));

    // The chart is drawn: ECharts renders into a canvas (or an SVG) of real size.
    const chart = page.getByTestId("equalization-chart");
    await chart.scrollIntoViewIfNeeded();
    const drawing = chart.locator("canvas, svg").first();
    await drawing.waitFor({ state: "visible" });
    const box = await drawing.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(100);
    expect(box?.height ?? 0).toBeGreaterThan(100);
  });
});
