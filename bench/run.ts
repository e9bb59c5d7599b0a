/**
 * `npm run bench`: speed of the scoring core, the `kaoping` command, and saving figures
 * through the HTTP API (bench/save-bench.ts). Each figure is printed beside a baseline
 * measured in the same run on the same machine, as a ratio, so the numbers mean something
 * on a noisy 2-core machine. No test depends on them.
 */
import { loadData, loadFramework, scoreYear, type Dataset } from "../src/core";
import { provinceCase } from "./province-case";
import { commandMedianMs, line, medianMs } from "./measure";
import { saveBench } from "./save-bench";

function scoringBench(): void {
  const generated = provinceCase();
  const loaded = loadFramework(generated.framework, "bench-framework.json").framework;
  const datasets: Dataset[] = generated.cities.map((city, index) =>
    loadData(city, `city-${index}.json`, loaded),
  );

  // Baseline: the least work any scorer must do — read every region value of every
  // element once and add it up (no formulas, rules or losses).
  let sink = 0;
  const baseline = medianMs(() => {
    for (const dataset of datasets) {
      for (const byRegion of Object.values(dataset.doc.values)) {
        for (const value of Object.values(byRegion)) sink += value;
      }
    }
  }, 15);

  const all = medianMs(() => {
    for (const dataset of datasets) sink += scoreYear(loaded, dataset).scoreExact;
  }, 15);
  const perCity = all / datasets.length;
  const loadMs = medianMs(
    () => {
      const framework = loadFramework(generated.framework, "bench-framework.json").framework;
      for (const city of generated.cities) loadData(city, "city.json", framework);
    },
    5,
    1,
  );

  console.log("Scoring core — 21 cities × 200 indicators × 10 regions, 60 work items each");
  console.log(line("baseline: sum every value once (all cities)", `${baseline.toFixed(2)} ms`));
  console.log(
    line("score all 21 cities", `${all.toFixed(2)} ms`, `${(all / baseline).toFixed(1)}× baseline`),
  );
  console.log(
    line(
      "score one city",
      `${perCity.toFixed(3)} ms`,
      `goal < 5 ms: ${perCity < 5 ? "met" : "NOT met"}`,
    ),
  );
  console.log(
    line(
      "load + validate framework and 21 data files",
      `${loadMs.toFixed(1)} ms`,
      `${(loadMs / baseline).toFixed(1)}× baseline`,
    ),
  );
  if (Number.isNaN(sink)) console.log("(unreachable; keeps the loops from being optimised away)");
}

function cliBench(): void {
  const node = process.execPath;
  const bare = commandMedianMs(node, ["-e", "0"], 10);
  const demo = commandMedianMs(
    node,
    [
      "bin/kaoping.mjs",
      "score",
      "--framework",
      "content/demo/framework.yaml",
      "--data",
      "content/demo/huizhou-2025.yaml",
      "--json",
    ],
    10,
  );
  console.log("");
  console.log("kaoping score on the demo, end to end (median of 10 processes)");
  console.log(line("baseline: node -e 0", `${bare.toFixed(1)} ms`));
  console.log(
    line(
      "kaoping score --json (demo)",
      `${demo.toFixed(1)} ms`,
      `${(demo / bare).toFixed(2)}× baseline; goal < 500 ms: ${demo < 500 ? "met" : "NOT met"}`,
    ),
  );
}

scoringBench();
cliBench();
await saveBench();
await (await import("./zip-inspection")).zipInspectionBench();
await (await import("./login-timing")).loginTimingBench();
await (await import("./volume.bench")).volumeBench();
// `npm run bench -- --crash` adds the long crash run (test/crash: 200 kills per database,
// several minutes each), the same as `npm run crash`.
if (process.argv.includes("--crash")) {
  const { crashCommand, parseCrashArgs } = await import("../test/crash/main");
  console.log("");
  if (!(await crashCommand(parseCrashArgs(["--quiet"])))) process.exitCode = 1;
}
