import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Runs axe on the page as it stands (WCAG 2.1 A and AA rules). Returns the serious and
 * critical violations as readable lines — rule, impact, help and every offending node's
 * selector — so a failing test shows exactly what to fix.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const lines: string[] = [];
  for (const violation of results.violations) {
    if (violation.impact !== "serious" && violation.impact !== "critical") continue;
    lines.push(`[${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})`);
    for (const node of violation.nodes) {
      lines.push(`    ${node.target.join(" ")}  — ${node.failureSummary?.replace(/\s+/g, " ")}`);
    }
  }
  return lines;
}
