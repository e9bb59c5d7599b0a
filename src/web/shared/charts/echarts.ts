/**
 * ECharts with only what the dashboard draws, registered once. Import charts through
 * this module (or chart.tsx) and only from lazy pages: the login page must never load
 * ECharts (vite puts it in its own `charts` chunk).
 */
import { BarChart, GaugeChart } from "echarts/charts";
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  BarChart,
  GaugeChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export { echarts };
export type { EChartsCoreOption } from "echarts/core";
