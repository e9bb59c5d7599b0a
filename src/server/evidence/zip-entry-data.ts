import { pipeline } from "node:stream/promises";
import { setImmediate as nextTurn } from "node:timers/promises";
import { crc32, createInflateRaw } from "node:zlib";
import type { InspectionBudget } from "./inspection-budget";
import type { ZipEntry } from "./zip-directory";

/** Enough of the start of an entry to tell what it is. */
const HEAD_BYTES = 512;
/** Compressed input is fed, and output taken, in pieces of this size. */
const PIECE_BYTES = 256 * 1024;
/** Stored entries are checked a piece at a time, with a turn of the event loop between. */
const STORED_PIECE_BYTES = 1024 * 1024;

export type EntryProblem = "pastDeclaredSize" | "damaged" | "nestedTooLarge";

export type EntryData =
  | {
      ok: true;
      /** The first bytes of the unpacked entry. */
      head: Uint8Array;
      /** The whole unpacked entry, when `keep(head)` asked for it. */
      whole?: Uint8Array;
    }
  | { ok: false; problem: EntryProblem };

export interface ReadOptions {
  /** Decides from the head whether the whole entry is needed (to inspect it in turn). */
  keep(head: Uint8Array): boolean;
  /** The most that may be kept; an entry that needs keeping and declares more is refused. */
  maxKeep: number;
}

class Refused extends Error {
  constructor(readonly problem: EntryProblem) {
    super(problem);
  }
}

/**
 * Collects an entry's unpacked bytes as they come: refuses the moment they pass the
 * declared size (a bomb lying about its size is stopped after one piece), counts them
 * against the upload's budget, and keeps only the head unless the whole is needed.
 */
class EntrySink {
  private produced = 0;
  private crc = 0;
  private readonly pieces: Buffer[] = [];
  private held = 0;
  private keeping: boolean | undefined;

  constructor(
    private readonly entry: ZipEntry,
    private readonly budget: InspectionBudget,
    private readonly options: ReadOptions,
  ) {}

  take(piece: Buffer): void {
    this.produced += piece.length;
    if (this.produced > this.entry.uncompressedSize) throw new Refused("pastDeclaredSize");
    this.budget.spendBytes(piece.length);
    this.budget.checkTime();
    this.crc = crc32(piece, this.crc);
    if (this.keeping === false) return;
    this.pieces.push(piece);
    this.held += piece.length;
    if (this.keeping === undefined && this.held >= HEAD_BYTES) this.decide();
  }

  private decide(): void {
    const head = Buffer.concat(this.pieces).subarray(0, HEAD_BYTES);
    this.keeping = this.options.keep(head);
    if (this.keeping && this.entry.uncompressedSize > this.options.maxKeep) {
      throw new Refused("nestedTooLarge");
    }
    if (!this.keeping) {
      this.pieces.splice(0, this.pieces.length, head);
      this.held = head.length;
    }
  }

  finish(): EntryData {
    if (this.produced !== this.entry.uncompressedSize || this.crc !== this.entry.crc32) {
      return { ok: false, problem: "damaged" };
    }
    if (this.keeping === undefined) this.decide();
    const whole = Buffer.concat(this.pieces);
    const head = whole.subarray(0, HEAD_BYTES);
    return this.keeping ? { ok: true, head, whole } : { ok: true, head };
  }
}

async function* pieces(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

/** Errors zlib raises on data that is not valid DEFLATE (or ends too soon). */
const isZlibError = (error: unknown) =>
  /^(Z_|ERR_ZLIB)/.test(String((error as { code?: unknown }).code ?? ""));

/**
 * Unpacks one entry in memory, never on disk: DEFLATE through zlib's asynchronous
 * stream (the work runs off the event loop, a piece at a time), STORE a piece per turn.
 * Size, CRC and budget are checked as the bytes come. Only methods 0 and 8 arrive here.
 */
export async function readEntryData(
  archive: Uint8Array,
  entry: ZipEntry,
  budget: InspectionBudget,
  options: ReadOptions,
): Promise<EntryData> {
  const data = archive.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  const sink = new EntrySink(entry, budget, options);
  try {
    if (entry.method === 0) {
      for (let at = 0; at < data.length; at += STORED_PIECE_BYTES) {
        const length = Math.min(STORED_PIECE_BYTES, data.length - at);
        sink.take(Buffer.from(data.buffer, data.byteOffset + at, length));
        await nextTurn();
      }
    } else {
      await pipeline(
        pieces(data, PIECE_BYTES),
        createInflateRaw({ chunkSize: PIECE_BYTES }),
        async (inflated: AsyncIterable<Buffer>) => {
          for await (const piece of inflated) sink.take(piece);
        },
      );
    }
    return sink.finish();
  } catch (error) {
    if (error instanceof Refused) return { ok: false, problem: error.problem };
    if (isZlibError(error)) return { ok: false, problem: "damaged" };
    throw error;
  }
}
