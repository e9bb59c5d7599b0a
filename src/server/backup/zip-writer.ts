import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";
import type { ManifestMember } from "./backup-format";

/** Counts and hashes the bytes passing through it. */
export class DigestTap extends Transform {
  private readonly hash = createHash("sha256");
  size = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    done(null, chunk);
  }

  /** The SHA-256 of everything that passed; call once, after the stream has ended. */
  digest(): string {
    return this.hash.digest("hex");
  }
}

export interface ZipWriter {
  /**
   * Streams one member into the archive and returns its digest and size once the
   * archive has taken all of it. Members are written one after the other: await each.
   */
  add(name: string, source: Readable, options?: { compress?: boolean }): Promise<ManifestMember>;
  /** Writes the central directory; resolves when the file is complete and flushed. */
  finish(): Promise<{ sha256: string; bytes: number }>;
  /** Stops writing and closes the file (the caller removes it). */
  abort(): Promise<void>;
}

/**
 * A zip archive written to `file` as members are added, never held in memory. The file
 * is created exclusively, readable by its owner only (it holds the secret key).
 */
export function createZipWriter(file: string): ZipWriter {
  const zip = new yazl.ZipFile();
  const archiveTap = new DigestTap();
  // One fixed time for every member, so the archive's bytes depend on its content only.
  const mtime = new Date("2000-01-01T00:00:00Z");
  let failure: Error | undefined;
  zip.on("error", (error: Error) => (failure ??= error));
  const written = pipeline(
    zip.outputStream as unknown as Readable,
    archiveTap,
    createWriteStream(file, { flags: "wx", mode: 0o600, flush: true }),
  );
  // Surfaced by finish(); kept from being reported as unhandled if a member fails first.
  written.catch((error: Error) => (failure ??= error));

  return {
    async add(name, source, options = {}) {
      if (failure) throw failure;
      const tap = new DigestTap();
      zip.addReadStream(tap, name, { compress: options.compress ?? true, mtime, mode: 0o100600 });
      const consumed = new Promise<void>((resolve, reject) => {
        tap.once("end", resolve);
        tap.once("error", reject);
      });
      await pipeline(source, tap).catch((error: Error) => {
        failure ??= error;
        throw error;
      });
      await consumed;
      if (failure) throw failure;
      return { name, sha256: tap.digest(), size: tap.size };
    },
    async finish() {
      if (failure) throw failure;
      zip.end();
      await written;
      if (failure) throw failure;
      return { sha256: archiveTap.digest(), bytes: archiveTap.size };
    },
    async abort() {
      failure ??= new Error("backup aborted");
      (zip.outputStream as unknown as Readable).destroy(failure);
      await written.catch(() => undefined);
    },
  };
}
