/**
 * The bound volume (src/server/documents/pdf/build-volume.ts) with 300 evidence pages:
 * the demo city's report (charts rendered as in production) and tables, 30 scanned-style PDFs of 10 pages each and 6 photos,
 * read from disk one at a time as the evidence store serves them. Each run is its own
 * process, so its peak RSS (process.resourceUsage().maxRSS) is the volume's alone. The
 * baseline, measured in the same run, is pdf-lib copying the same 300 pages into one new
 * file and saving it — the least any merge of that evidence costs. Its peak RSS shows what
 * the process (TypeScript loader, pdf-lib, the chart renderer) holds before any volume.
 *
 * Run alone: `npx tsx bench/volume.bench.ts`.
 */
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32, deflateSync } from "node:zlib";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { reportOutline } from "../src/core/documents/report-outline";
import { volumeTableBlocks } from "../src/core/documents/volume-tables";
import { renderChartPng } from "../src/server/documents/charts/render-chart";
import { buildVolume, type VolumeEvidence } from "../src/server/documents/pdf/build-volume";
import { demoReportPayload } from "../test/support/demo-report";
import { line } from "./measure";

const PDF_FILES = 30;
const PAGES_PER_PDF = 10;
const PHOTOS = 6;
const RUNS = 3;
const MiB = 1024 * 1024;

type Mode = "baseline" | "bare" | "volume";

interface ChildResult {
  ms: number;
  maxRssMiB: number;
  pages: number;
  bytes: number;
}

/** A scanned-style page: lines of text and a ruled table, as a statistics office prints them. */
async function evidencePdf(index: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let page = 1; page <= PAGES_PER_PDF; page++) {
    const sheet = doc.addPage([595, 842]);
    sheet.drawText(`Evidence ${index + 1}, page ${page} of ${PAGES_PER_PDF}`, {
      x: 60,
      y: 780,
      size: 16,
      font,
    });
    for (let row = 0; row < 40; row++) {
      sheet.drawText(
        `Region ${row % 7}  school ${row}  enrolment ${(row * 7919) % 10_000}  rate 98.${row % 10}%`,
        {
          x: 60,
          y: 740 - row * 16,
          size: 10,
          font,
        },
      );
    }
  }
  return Buffer.from(await doc.save());
}

/** A photo-like PNG (noise compresses badly, as photos do), 1200 × 900. */
function photoPng(): Buffer {
  const width = 1200;
  const height = 900;
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const framed = Buffer.alloc(body.length + 8);
    framed.writeUInt32BE(data.length, 0);
    body.copy(framed, 4);
    framed.writeUInt32BE(crc32(body), body.length + 4);
    return framed;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const raw = randomBytes((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) raw[y * (width * 3 + 1)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 1 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

async function writeEvidence(dir: string): Promise<void> {
  for (let i = 0; i < PDF_FILES; i++) {
    writeFileSync(join(dir, `${String(i).padStart(3, "0")}-scan.pdf`), await evidencePdf(i));
  }
  for (let i = 0; i < PHOTOS; i++) {
    writeFileSync(join(dir, `${String(i).padStart(3, "0")}-photo.png`), photoPng());
  }
}

function evidenceFrom(dir: string): VolumeEvidence[] {
  return readdirSync(dir)
    .sort()
    .map((name, index) => {
      const path = join(dir, name);
      const bytes = readFileSync(path);
      return {
        itemCode: `I${String(1 + Math.floor(index / 3)).padStart(3, "0")}`,
        itemName: `考评指标${1 + Math.floor(index / 3)}`,
        fileName: name,
        mediaType: name.endsWith(".pdf") ? "application/pdf" : "image/png",
        size: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        read: async () => readFileSync(path),
      };
    });
}

function demoReport() {
  return demoReportPayload();
}

/** Runs in the child process: one measurement, printed as JSON. */
async function child(mode: Mode, dir: string): Promise<void> {
  const payload = demoReport();
  const evidence = mode === "bare" ? [] : evidenceFrom(dir);
  const start = performance.now();
  let bytes: Uint8Array;
  if (mode === "baseline") {
    const target = await PDFDocument.create();
    for (const file of evidence.filter((entry) => entry.mediaType === "application/pdf")) {
      const source = await PDFDocument.load(await file.read());
      for (const page of await target.copyPages(source, source.getPageIndices()))
        target.addPage(page);
    }
    bytes = await target.save();
  } else {
    bytes = await buildVolume({
      title: "惠州市2025年度基本公共服务均等化绩效考评资料汇编",
      subtitle: "惠州市\u30002026年3月8日",
      illustrative: true,
      report: reportOutline(payload),
      tables: volumeTableBlocks(payload),
      evidence,
      certification: null,
      renderChart: renderChartPng,
    });
  }
  const ms = performance.now() - start;
  const pages = (await PDFDocument.load(bytes)).getPageCount();
  const result: ChildResult = {
    ms,
    maxRssMiB: (process.resourceUsage().maxRSS * 1024) / MiB,
    pages,
    bytes: bytes.length,
  };
  process.stdout.write(JSON.stringify(result));
}

function measureInChild(mode: Mode, dir: string): ChildResult {
  const runs: ChildResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    const result = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), "--child", mode, dir],
      { encoding: "utf8", maxBuffer: 16 * MiB },
    );
    if (result.status !== 0) throw new Error(`volume bench (${mode}) failed: ${result.stderr}`);
    runs.push(JSON.parse(result.stdout) as ChildResult);
  }
  runs.sort((a, b) => a.ms - b.ms);
  const median = runs[Math.floor(runs.length / 2)]!;
  return { ...median, maxRssMiB: Math.max(...runs.map((run) => run.maxRssMiB)) };
}

export async function volumeBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "kaoping-volume-bench-"));
  try {
    await writeEvidence(dir);
    const baseline = measureInChild("baseline", dir);
    const bare = measureInChild("bare", dir);
    const volume = measureInChild("volume", dir);
    const describe = (result: ChildResult) =>
      `${result.pages} pages, ${(result.bytes / MiB).toFixed(1)} MiB file, peak RSS ${result.maxRssMiB.toFixed(0)} MiB`;
    console.log("");
    console.log(
      `Bound volume (PDF) — demo report and tables, ${PDF_FILES} PDFs × ${PAGES_PER_PDF} pages + ${PHOTOS} photos ` +
        `(median of ${RUNS} processes, highest peak RSS)`,
    );
    console.log(
      line(
        "baseline: pdf-lib copies the 300 pages",
        `${baseline.ms.toFixed(0)} ms`,
        describe(baseline),
      ),
    );
    console.log(
      line(
        "volume without evidence",
        `${bare.ms.toFixed(0)} ms`,
        `${(bare.ms / baseline.ms).toFixed(2)}× baseline; ${describe(bare)}`,
      ),
    );
    console.log(
      line(
        "volume with 300 evidence pages",
        `${volume.ms.toFixed(0)} ms`,
        `${(volume.ms / baseline.ms).toFixed(2)}× baseline; ${describe(volume)}`,
      ),
    );
    console.log(
      line(
        "",
        "",
        `goal < 30 s: ${volume.ms < 30_000 ? "met" : "NOT met"}; ` +
          `goal < 500 MB: ${volume.maxRssMiB * MiB < 500e6 ? "met" : "NOT met"}`,
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const childAt = process.argv.indexOf("--child");
if (childAt >= 0) {
  await child(process.argv[childAt + 1] as Mode, process.argv[childAt + 2]!);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await volumeBench();
}
