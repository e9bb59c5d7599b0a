import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { DomainError, invalid } from "../errors";

export interface ZipReader {
  /** Member names in archive order. */
  readonly names: readonly string[];
  /** The size a member says it has once unpacked. */
  sizeOf(name: string): number;
  /** The member's bytes as a stream (yauzl checks the count against the stated size). */
  open(name: string): Promise<Readable>;
  /** A small member read whole; refused when it says it is larger than `limit`. */
  readSmall(name: string, limit: number): Promise<Buffer>;
  close(): void;
}

/** Opens a zip archive for reading members in any order; refuses a file that is not one. */
export async function openZip(file: string): Promise<ZipReader> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, {
      lazyEntries: true,
      autoClose: false,
      strictFileNames: true,
      validateEntrySizes: true,
    });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw invalid(
      `无法打开备份文件 ${file}（${reason}）：文件不存在、无法读取或不是 Kaoping 备份`,
      `cannot open the backup ${file} (${reason}): it does not exist, cannot be read, or is not a Kaoping backup`,
    );
  }
  const entries = new Map<string, yauzl.Entry>();
  try {
    for await (const entry of zip.eachEntry()) {
      if (entries.has(entry.fileName)) {
        throw invalid(
          `备份文件中成员 ${entry.fileName} 出现了两次`,
          `the backup holds member ${entry.fileName} twice`,
        );
      }
      entries.set(entry.fileName, entry);
    }
  } catch (error) {
    zip.close();
    if (error instanceof DomainError) throw error;
    throw invalid(
      `备份文件 ${file} 的目录已损坏（${(error as Error).message}）`,
      `the backup ${file} has a damaged directory (${(error as Error).message})`,
    );
  }

  const entryOf = (name: string) => {
    const entry = entries.get(name);
    if (!entry) {
      throw invalid(`备份文件缺少成员 ${name}`, `the backup lacks member ${name}`);
    }
    return entry;
  };
  const open = async (name: string) => {
    try {
      return await zip.openReadStreamPromise(entryOf(name));
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw invalid(
        `备份成员 ${name} 无法读取（${(error as Error).message}）`,
        `backup member ${name} cannot be read (${(error as Error).message})`,
      );
    }
  };

  return {
    names: [...entries.keys()],
    sizeOf: (name) => entryOf(name).uncompressedSize,
    open,
    async readSmall(name, limit) {
      if (entryOf(name).uncompressedSize > limit) {
        throw invalid(
          `备份成员 ${name} 过大（超过 ${limit} 字节）`,
          `backup member ${name} is too large (over ${limit} bytes)`,
        );
      }
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of await open(name)) chunks.push(chunk as Buffer);
      } catch (error) {
        if (error instanceof DomainError) throw error;
        throw invalid(
          `备份成员 ${name} 已损坏（${(error as Error).message}）`,
          `backup member ${name} is damaged (${(error as Error).message})`,
        );
      }
      return Buffer.concat(chunks);
    },
    close: () => zip.close(),
  };
}
