import { readFileSync } from "node:fs";
import {
  CITY,
  loadData,
  loadFramework,
  parseDocumentText,
  scoreYear,
  type Framework,
} from "../../src/core";
import { demoFiles } from "../../src/platform/package-files";
import { demoAccounts } from "../../src/server/seed/seed-demo";

/** What the first start seeds, as the harness needs to know it: framework, year, accounts, score. */
export interface DemoCity {
  framework: Framework;
  year: number;
  /** Region codes the figures are saved for, and `city`. */
  regions: string[];
  accounts: ReturnType<typeof demoAccounts>;
  /** What the seeded year scores (the demo's composite, rounded: 0.9388 today). */
  expectedScore: number;
}

export function loadDemoCity(): DemoCity {
  const files = demoFiles();
  const framework = loadFramework(
    parseDocumentText(readFileSync(files.framework, "utf8"), files.framework),
    files.framework,
  ).framework;
  const dataset = loadData(
    parseDocumentText(readFileSync(files.data, "utf8"), files.data),
    files.data,
    framework,
  );
  return {
    framework,
    year: dataset.doc.year,
    regions: [...dataset.regions.map((region) => region.code), CITY],
    accounts: demoAccounts(framework.doc.departments),
    expectedScore: scoreYear(framework, dataset).score,
  };
}
