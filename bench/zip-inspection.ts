/**
 * Inspecting uploaded ZIP evidence (src/server/evidence/inspect-zip.ts): accepting a
 * realistic large archive, refusing bombs, and the most an accepted archive can cost.
 * Each time is printed beside SHA-256 of the same bytes (which every upload pays
 * anyway), measured in the same run; peak memory and the longest event-loop stall are
 * sampled while each one runs.
 */
import { createHash, randomBytes } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { crc32, deflateRawSync } from "node:zlib";
import { detectFileType } from "../src/server/evidence/detect-file-type";
import { ZIP_LIMITS } from "../src/server/evidence/zip-limits";
import {
  buildZip,
  officePackage,
  zerosDeflated,
  type ZipEntrySpec,
} from "../test/support/zip-builder";
import { line } from "./measure";

const MiB = 1024 * 1024;
const RUNS = 5;

/** A department's yearly folder: 200 scanned PDFs, 60 photos, spreadsheets, a report. */
function realisticArchive(): Buffer {
  const entries: ZipEntrySpec[] = [];
  const scan = (size: number) => Buffer.concat([Buffer.from("%PDF-1.5\n"), randomBytes(size)]);
  for (let i = 0; i < 200; i++) {
    entries.push({ name: `扫描件/第${i + 1}份.pdf`, content: scan(120 * 1024 + (i % 7) * 10_000) });
  }
  for (let i = 0; i < 60; i++) {
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(250 * 1024)]);
    entries.push({ name: `现场照片/IMG_${1000 + i}.jpg`, content: photo });
  }
  let table = "区县,学校数,在校生数,入学率\n";
  for (let i = 0; i < 60_000; i++) {
    table += `区县${i % 7},${i % 300},${(i * 7919) % 100_000},99.${i % 10}\n`;
  }
  entries.push({ name: "统计表/明细.csv", content: table });
  for (let i = 0; i < 5; i++) {
    entries.push({
      name: `统计表/汇总${i}.xlsx`,
      content: officePackage("excel"),
      method: "store",
    });
  }
  entries.push({ name: "自评报告.docx", content: officePackage("word"), method: "store" });
  return buildZip(entries);
}

/**
 * Entries of 1 MiB of zeros (small enough to be exempt from the ratio check) adding up to
 * just under the total limit: every check passes, so all of it is unpacked.
 */
function heaviestAccepted(count: number): Buffer {
  const data = deflateRawSync(Buffer.alloc(MiB));
  const crc = crc32(Buffer.alloc(MiB));
  return buildZip(
    Array.from({ length: count }, (_, i) => ({ name: `${i}.bin`, data, declaredSize: MiB, crc })),
  );
}

interface Measured {
  medianMs: number;
  peakMiB: number;
  /** The longest the event loop was held up meanwhile (other requests wait that long). */
  stallMs: number;
  verdict: string;
}

/** Median time of `runs` calls, and the peak of RSS above where it started, sampled every 5 ms. */
async function measure(run: () => Promise<string>, runs = RUNS): Promise<Measured> {
  await run();
  const startRss = process.memoryUsage().rss;
  let peak = startRss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const times: number[] = [];
  let verdict = "";
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    verdict = await run();
    times.push(performance.now() - start);
  }
  clearInterval(sampler);
  delay.disable();
  peak = Math.max(peak, process.memoryUsage().rss);
  times.sort((a, b) => a - b);
  return {
    medianMs: times[Math.floor(times.length / 2)]!,
    peakMiB: (peak - startRss) / MiB,
    stallMs: delay.max / 1e6,
    verdict,
  };
}

/** The longest event-loop delay of a second doing nothing: what the machine's load alone causes. */
async function idleStallMs(): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  delay.disable();
  return delay.max / 1e6;
}

/** SHA-256 of `bytes`, `times` over: what reading that many bytes once costs. */
const sha256 =
  (bytes: Buffer, times = 1) =>
  async () => {
    const hash = createHash("sha256");
    for (let i = 0; i < times; i++) hash.update(bytes);
    return hash.digest("hex");
  };
const inspect = (bytes: Buffer) => async () => {
  const verdict = await detectFileType(bytes);
  return verdict.accepted ? `accepted ${verdict.mimeType}` : `refused: ${verdict.what.en}`;
};

interface BenchCase {
  label: string;
  bytes: Buffer;
  baselineLabel: string;
  baseline: () => Promise<string>;
}

const sameBytes = (label: string, bytes: Buffer): BenchCase => ({
  label,
  bytes,
  baselineLabel: "SHA-256 of the file",
  baseline: sha256(bytes),
});

export async function zipInspectionBench(): Promise<void> {
  // 500 with the default limit: as much as an accepted upload can make the server unpack.
  const unpackedMiB = ZIP_LIMITS.maxUnpackedBytes / MiB - 12;
  const cases: BenchCase[] = [
    sameBytes("accept: 200 scans, 60 photos, tables", realisticArchive()),
    sameBytes(
      "refuse: 1 GiB bomb, declared",
      buildZip([{ name: "zeros", data: zerosDeflated(1024), declaredSize: 1024 * MiB }]),
    ),
    sameBytes(
      "refuse: 1 GiB bomb declaring 1 KB",
      buildZip([{ name: "zeros", data: zerosDeflated(1024), declaredSize: 1024 }]),
    ),
    {
      label: `worst accepted: ${unpackedMiB} MiB of zeros`,
      bytes: heaviestAccepted(unpackedMiB),
      baselineLabel: `SHA-256 of the ${unpackedMiB} MiB it unpacks`,
      baseline: sha256(Buffer.alloc(MiB), unpackedMiB),
    },
  ];

  console.log("");
  console.log(`ZIP evidence inspection (median of ${RUNS}, peak RSS growth while it runs)`);
  console.log(
    line("baseline: longest event-loop stall, idle 1 s", `${(await idleStallMs()).toFixed(0)} ms`),
  );
  for (const { label, bytes, baselineLabel, baseline } of cases) {
    const base = await measure(baseline);
    const inspected = await measure(inspect(bytes));
    console.log(
      line(
        `${label} (${(bytes.length / MiB).toFixed(1)} MB)`,
        `${inspected.medianMs.toFixed(1)} ms`,
        `${(inspected.medianMs / base.medianMs).toFixed(2)}× baseline ` +
          `(${baselineLabel}: ${base.medianMs.toFixed(1)} ms); ` +
          `peak +${inspected.peakMiB.toFixed(0)} MiB; longest event-loop stall ` +
          `${inspected.stallMs.toFixed(0)} ms; ${inspected.verdict}`,
      ),
    );
  }
}
