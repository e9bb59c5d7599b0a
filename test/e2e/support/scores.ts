import type { Page } from "playwright-core";
import { apiGet } from "./api";
import { DEMO_YEAR } from "./workspace";

interface ScoreReport {
  score: number;
  indicators: { code: string; value: number | null; status: string }[];
  plan: { code: string; gain: number; needed: number | null }[];
}

interface DepartmentsOverview {
  departments: {
    code: string;
    figures: { filled: number; expected: number; share: number | null };
  }[];
}

/** GET /api/cycles/:year/score through the page's session. */
export function scoreReport(page: Page, year = DEMO_YEAR): Promise<ScoreReport> {
  return apiGet<ScoreReport>(page, `/api/cycles/${year}/score`);
}

/** The score as every page writes it: four decimals. */
export const fourDecimals = (value: number) => value.toFixed(4);

/** A department's figure coverage from GET /api/cycles/:year/departments. */
export async function figureCoverage(page: Page, department: string, year = DEMO_YEAR) {
  const overview = await apiGet<DepartmentsOverview>(page, `/api/cycles/${year}/departments`);
  const row = overview.departments.find((entry) => entry.code === department);
  if (!row) throw new Error(`no department ${department} in the overview`);
  return row.figures;
}

/**
 * The city score as the page shows it: the text of its `city-score` element, or of all
 * of them when they disagree (so a page showing the score twice must show it alike).
 */
export async function shownCityScore(page: Page): Promise<string> {
  const texts = (await page.getByTestId("city-score").allTextContents()).map((text) => text.trim());
  const distinct = [...new Set(texts)];
  return distinct.length === 1 ? distinct[0]! : distinct.join(" | ");
}
