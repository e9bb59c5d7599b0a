import ReactEChartsCore from "echarts-for-react/esm/core";
import type { CSSProperties, ReactNode } from "react";
import { echarts, type EChartsCoreOption } from "./echarts";
import { VisuallyHidden } from "../visually-hidden";

interface ChartProps {
  option: EChartsCoreOption;
  /** What the chart says, in one sentence, for screen readers (the canvas says nothing). */
  label: string;
  height?: number;
  testId?: string;
  /** The chart's figures as a table, hidden from sight but read by screen readers. */
  table?: ReactNode;
  style?: CSSProperties;
}

/**
 * A chart drawn by ECharts with its text alternative: the canvas is one image named by
 * `label`, and `table` (visually hidden) carries every figure it shows.
 */
export function Chart({ option, label, height = 280, testId, table, style }: ChartProps) {
  // People who ask their system for less motion get the chart drawn at once.
  const still =
    typeof window !== "undefined" &&
    window.matchMedia?.("(prefers-reduced-motion: reduce)").matches === true;
  return (
    <figure data-testid={testId} style={{ margin: 0, position: "relative", ...style }}>
      <ReactEChartsCore
        echarts={echarts}
        option={still ? { ...option, animation: false } : option}
        notMerge
        lazyUpdate
        role="img"
        aria-label={label}
        style={{ height, width: "100%" }}
      />
      {table && <VisuallyHidden>{table}</VisuallyHidden>}
    </figure>
  );
}
