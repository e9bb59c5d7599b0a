import { localized, type Localized } from "../../core";
import type { ZipLimits } from "./zip-limits";

/**
 * Thrown when a bound shared by the whole upload is reached (entries, unpacked bytes,
 * time): the upload is refused as a whole, wherever in its archives this happened.
 */
export class InspectionStopped extends Error {
  constructor(readonly what: Localized) {
    super(what.en);
  }
}

const shownSize = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${Math.round(bytes / (1024 * 1024))} MB`
    : `${Math.round(bytes / 1024)} KB`;

/** What one upload may still cost: entries, unpacked bytes and time. */
export class InspectionBudget {
  private entriesLeft: number;
  private bytesLeft: number;
  private readonly deadline: number;

  constructor(
    readonly limits: ZipLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.entriesLeft = limits.maxEntries;
    this.bytesLeft = limits.maxUnpackedBytes;
    this.deadline = now() + limits.maxMillis;
  }

  spendEntries(count: number): void {
    this.entriesLeft -= count;
    if (this.entriesLeft < 0) throw new InspectionStopped(tooManyEntries(this.limits.maxEntries));
  }

  /** Refuses up front an archive whose entries declare more than is left to unpack. */
  reserveDeclared(bytes: number): void {
    if (bytes > this.bytesLeft) throw new InspectionStopped(tooMuchData(this.limits));
  }

  spendBytes(bytes: number): void {
    this.bytesLeft -= bytes;
    if (this.bytesLeft < 0) throw new InspectionStopped(tooMuchData(this.limits));
  }

  checkTime(): void {
    if (this.now() >= this.deadline) {
      throw new InspectionStopped(
        localized(
          `检查耗时过长的压缩包（超过 ${this.limits.maxMillis / 1000} 秒）`,
          `an archive that takes too long to inspect (over ${this.limits.maxMillis / 1000} s)`,
        ),
      );
    }
  }
}

export const tooManyEntries = (max: number) =>
  localized(
    `条目过多的压缩包（超过 ${max} 个，无法逐一检查）`,
    `an archive with more than ${max} entries (too many to inspect)`,
  );

const tooMuchData = (limits: ZipLimits) =>
  localized(
    `解压后过大的压缩包（超过 ${shownSize(limits.maxUnpackedBytes)}，无法检查）`,
    `an archive that unpacks to more than ${shownSize(limits.maxUnpackedBytes)} (too much to inspect)`,
  );
