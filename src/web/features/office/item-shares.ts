/**
 * What each indicator and work item can give the composite score, as a share of 1:
 * its part's weight over all parts' weights, times its weight (or points) over the
 * part's total (scoring spec §3–5). An item's loss is at most this share.
 */
import type { FrameworkDocument } from "../../../contract/api";

type Part = FrameworkDocument["parts"][number];

/** Each part's weight over the sum of all parts' weights. */
export function partShares(framework: FrameworkDocument): Map<string, number> {
  const total = framework.parts.reduce((sum, part) => sum + part.weight, 0);
  return new Map(framework.parts.map((part) => [part.code, total > 0 ? part.weight / total : 0]));
}

/** The part an item belongs to: its own `part`, else the only part of that kind. */
function partOf(item: { part?: string | undefined }, kind: Part["kind"], parts: Part[]): string {
  return item.part ?? parts.find((part) => part.kind === kind)?.code ?? "";
}

function sharesWithinParts(
  items: { code: string; part?: string | undefined }[],
  size: (item: number) => number,
  kind: Part["kind"],
  framework: FrameworkDocument,
  into: Map<string, number>,
): void {
  const shares = partShares(framework);
  const totals = new Map<string, number>();
  items.forEach((item, index) => {
    const part = partOf(item, kind, framework.parts);
    totals.set(part, (totals.get(part) ?? 0) + size(index));
  });
  items.forEach((item, index) => {
    const part = partOf(item, kind, framework.parts);
    const total = totals.get(part) ?? 0;
    into.set(item.code, total > 0 ? (shares.get(part) ?? 0) * (size(index) / total) : 0);
  });
}

/** The share of the composite each indicator and work item can give, by code. */
export function itemShares(framework: FrameworkDocument): Map<string, number> {
  const shares = new Map<string, number>();
  sharesWithinParts(
    framework.indicators,
    (index) => framework.indicators[index]!.weight,
    "indicators",
    framework,
    shares,
  );
  sharesWithinParts(
    framework.workItems,
    (index) => framework.workItems[index]!.points,
    "work",
    framework,
    shares,
  );
  return shares;
}
