import { localized } from "../../core";
import type { CyclesTable } from "../db/schema";
import { DomainError } from "../errors";

/** Figures can change only while the year is open; say why when it is not. */
export function assertCycleOpen(cycle: CyclesTable): void {
  if (cycle.status !== "open") {
    throw new DomainError(
      "locked",
      localized(
        `${cycle.year} 年度考评已关闭，数据不能再修改`,
        `evaluation year ${cycle.year} is closed; figures can no longer change`,
      ),
    );
  }
}
