import type { ChartSpec, ReportBlock, TableColumn } from "./report-blocks";
import type {
  PayloadEqualization,
  PayloadIndicator,
  PayloadWorkItem,
  ReportPayload,
} from "./report-payload";
import {
  chineseDate,
  formatPercent,
  formatScore,
  formatValue,
  headingOrdinal,
  subHeadingOrdinal,
} from "./chinese-format";
import { roundHalfAwayFromZero } from "../scoring/round";
import type { SubmissionState } from "../workflow/states";

/** What an empty written section says, so a reader sees it was left blank, not lost. */
export const EMPTY_NARRATIVE = "（未填写）";
export const TARGET_MET_TEXT = "本年度得分已达到目标，无需追加措施。";
export const ILLUSTRATIVE_NOTICE =
  "示例（illustrative）：本报告使用演示用的考评办法和数据生成，所列数值不是真实统计数，不得作为正式材料报送。";

/** The hand-in states in the words the app's other tables use. */
const STATE_NAMES: Record<SubmissionState, string> = {
  draft: "草稿",
  submitted: "已报送",
  returned: "已退回",
  accepted: "已接收",
};

function stateName(state: string | null): string {
  if (state === null) return "—";
  // Own keys only: a stored state such as "constructor" must not read Object's.
  return Object.hasOwn(STATE_NAMES, state) ? STATE_NAMES[state as SubmissionState] : state;
}

/** More bars than this cannot be read on a page; the table lists every indicator. */
const CHART_MAX_BARS = 10;

type Section = { title: string; blocks: ReportBlock[] };

/**
 * The self-evaluation report as blocks, in the order of the issue: 一、基本情况 to
 * 十一、达标改进计划, then the signature. Pure: the same payload gives the same blocks,
 * which the Word and the PDF renderer both draw.
 */
export function reportOutline(payload: ReportPayload): ReportBlock[] {
  const sections: Section[] = [
    { title: "基本情况", blocks: overview(payload) },
    { title: "考评得分情况", blocks: scoreSection(payload) },
    { title: "各领域情况", blocks: domainSection(payload) },
    { title: "各部门情况", blocks: departmentSection(payload) },
    { title: "未达目标的指标", blocks: belowTargetSection(payload) },
    { title: "未得满分的工作测评项目", blocks: workShortSection(payload) },
    { title: "均等化分析", blocks: equalizationSection(payload) },
    { title: "工作开展情况", blocks: narrative(payload.narratives.work) },
    { title: "存在问题", blocks: narrative(payload.narratives.problems) },
    { title: "下一步措施", blocks: narrative(payload.narratives.next) },
    { title: "达标改进计划", blocks: planSection(payload) },
  ];
  const blocks: ReportBlock[] = [titleBlock(payload)];
  if (payload.illustrative) blocks.push({ kind: "notice", text: ILLUSTRATIVE_NOTICE });
  sections.forEach((section, index) => {
    blocks.push({
      kind: "heading",
      level: 1,
      text: `${headingOrdinal(index + 1)}${section.title}`,
    });
    blocks.push(...section.blocks);
  });
  blocks.push({ kind: "signature", issuer: issuerOf(payload), date: chineseDate(payload.date) });
  return numberTables(blocks);
}

/** "表1 …", "表2 …" in reading order, whichever sections have a table this time. */
function numberTables(blocks: ReportBlock[]): ReportBlock[] {
  let count = 0;
  return blocks.map((block) =>
    block.kind === "table" ? { ...block, caption: `表${++count}\u3000${block.caption}` } : block,
  );
}

/** "惠州市2025年度基本公共服务均等化绩效自评报告" or the department's. */
export function reportTitle(payload: ReportPayload): string {
  const unit = payload.department?.name ?? payload.city;
  return `${unit}${payload.year}年度基本公共服务均等化绩效自评报告`;
}

function titleBlock(payload: ReportPayload): ReportBlock {
  return {
    kind: "title",
    text: reportTitle(payload),
    ...(payload.illustrative ? { subtitle: "（示例）" } : {}),
  };
}

function issuerOf(payload: ReportPayload): string {
  return payload.department?.name ?? `${payload.city}基本公共服务均等化考评办公室`;
}

function paragraph(text: string): ReportBlock {
  return { kind: "paragraph", text, indent: true };
}

function subHeading(index: number, text: string): ReportBlock {
  return { kind: "heading", level: 2, text: `${subHeadingOrdinal(index)}${text}` };
}

function columns(...spec: [string, number, TableColumn["align"]?][]): TableColumn[] {
  return spec.map(([title, width, align]) => ({ title, width, ...(align ? { align } : {}) }));
}

function gradeText(payload: ReportPayload): string {
  return payload.score.grade === null ? "未定等级" : `等级为“${payload.score.grade}”`;
}

function overview(payload: ReportPayload): ReportBlock[] {
  const scope =
    payload.department === null
      ? `全市${payload.departmentCount}个责任部门`
      : `${payload.department.name}负责的项目（全市共${payload.departmentCount}个责任部门）`;
  return [
    paragraph(
      `本报告依据《${payload.frameworkName}》，对${payload.city}${payload.year}年度基本公共服务均等化绩效进行自评。` +
        `考评覆盖${payload.regionCount}个县（区），涉及${scope}，` +
        `纳入本报告的考评指标${payload.indicators.length}项、工作测评项目${payload.workItems.length}项。`,
    ),
  ];
}

function scoreSection(payload: ReportPayload): ReportBlock[] {
  const { score, target, meetsTarget } = payload.score;
  const difference = roundHalfAwayFromZero(score - target, 4);
  const comparison =
    difference === 0
      ? `恰好达到目标值${formatScore(target)}`
      : meetsTarget
        ? `达到目标值${formatScore(target)}，高出${formatScore(difference)}`
        : `低于目标值${formatScore(target)}，差距${formatScore(-difference)}`;
  const blocks: ReportBlock[] = [
    paragraph(
      `${payload.year}年度，${payload.city}基本公共服务均等化绩效考评综合得分为${formatScore(score)}，` +
        `${gradeText(payload)}，${comparison}。`,
    ),
  ];
  if (payload.department !== null) {
    const own = payload.departments[0]?.loss ?? 0;
    const whole = Math.max(0, 1 - payload.score.scoreExact);
    const share = whole > 0 ? formatPercent(own / whole) : formatPercent(0);
    blocks.push(
      paragraph(
        `${payload.department.name}负责的指标和项目共失分${formatScore(own)}，占全市失分的${share}。`,
      ),
    );
  }
  const weightTotal = payload.parts.reduce((sum, part) => sum + part.weight, 0);
  const lossTotal = payload.parts.reduce((sum, part) => sum + part.loss, 0);
  blocks.push({
    kind: "table",
    caption: "各构成得分情况",
    columns: columns(["构成", 4], ["权重", 2, "right"], ["得分", 2, "right"], ["失分", 2, "right"]),
    rows: [
      ...payload.parts.map((part) => [
        part.name,
        formatValue(part.weight),
        formatScore(part.score),
        formatScore(part.loss),
      ]),
      ["合计", formatValue(weightTotal), formatScore(score), formatScore(lossTotal)],
    ],
    emphasis: [payload.parts.length],
  });
  blocks.push({ kind: "chart", chart: partChart(payload) });
  return blocks;
}

function partChart(payload: ReportPayload): ChartSpec {
  return {
    id: "part-scores",
    title: "各构成得分率",
    categories: payload.parts.map((part) => part.name),
    values: payload.parts.map((part) => roundHalfAwayFromZero(part.score * 100, 2)),
    unit: "%",
    reference: {
      label: `目标${formatPercent(payload.score.target)}`,
      value: roundHalfAwayFromZero(payload.score.target * 100, 2),
    },
  };
}

function domainSection(payload: ReportPayload): ReportBlock[] {
  if (payload.domains.length === 0) return [paragraph("本报告范围内没有涉及的领域。")];
  const summaries = payload.domains.map((domain) =>
    paragraph(
      `${domain.name}：考评指标${domain.indicatorCount}项，其中未达目标${domain.belowTargetCount}项；` +
        `工作测评项目${domain.workItemCount}项，其中未得满分${domain.workShortCount}项；` +
        `可得分值${formatScore(domain.available)}，失分${formatScore(domain.loss)}。`,
    ),
  );
  return [
    ...summaries,
    {
      kind: "table",
      caption: "各领域得分情况",
      columns: columns(
        ["领域", 3],
        ["指标数", 2, "right"],
        ["未达目标", 2, "right"],
        ["工作项目", 2, "right"],
        ["未得满分", 2, "right"],
        ["可得分值", 2, "right"],
        ["失分", 2, "right"],
      ),
      rows: payload.domains.map((domain) => [
        domain.name,
        String(domain.indicatorCount),
        String(domain.belowTargetCount),
        String(domain.workItemCount),
        String(domain.workShortCount),
        formatScore(domain.available),
        formatScore(domain.loss),
      ]),
    },
  ];
}

function departmentSection(payload: ReportPayload): ReportBlock[] {
  if (payload.department === null) {
    return [
      paragraph("各责任部门失分情况按失分由大到小排列如下。"),
      {
        kind: "table",
        caption: "各部门失分情况",
        columns: columns(
          ["部门", 4],
          ["指标数", 2, "right"],
          ["工作项目", 2, "right"],
          ["失分", 2, "right"],
          ["填报状态", 2, "center"],
        ),
        rows: payload.departments.map((entry) => [
          entry.name,
          String(entry.indicatorCount),
          String(entry.workItemCount),
          formatScore(entry.loss),
          stateName(entry.state),
        ]),
      },
    ];
  }
  return [
    subHeading(1, "负责的考评指标"),
    payload.indicators.length === 0
      ? paragraph("本部门没有负责的考评指标。")
      : {
          kind: "table",
          caption: "本部门考评指标情况",
          columns: columns(
            ["指标", 5],
            ["单位", 1.5, "center"],
            ["实际值", 2, "right"],
            ["目标值", 2, "right"],
            ["得分率", 2.4, "right"],
            ["失分", 2, "right"],
          ),
          rows: payload.indicators.map((item) => [
            item.name,
            item.unit ?? "",
            valueText(item),
            formatValue(item.needed),
            formatPercent(item.ratio),
            formatScore(item.loss),
          ]),
        },
    subHeading(2, "负责的工作测评项目"),
    payload.workItems.length === 0
      ? paragraph("本部门没有负责的工作测评项目。")
      : {
          kind: "table",
          caption: "本部门工作测评项目情况",
          columns: columns(
            ["项目", 6],
            ["分值", 2, "right"],
            ["得分", 2, "right"],
            ["失分", 2, "right"],
          ),
          rows: payload.workItems.map((item) => [
            item.name,
            formatValue(item.points),
            formatValue(item.earned),
            formatScore(item.loss),
          ]),
        },
  ];
}

function valueText(item: PayloadIndicator): string {
  if (item.status === "missing") return "缺数";
  if (item.status === "error") return "无法计算";
  return item.value === null ? "—" : formatValue(item.value);
}

function gapText(item: PayloadIndicator): string {
  if (item.value === null) return "—";
  return formatValue(Math.abs(item.needed - item.value));
}

function belowTargetSection(payload: ReportPayload): ReportBlock[] {
  const below = payload.indicators.filter((item) => item.ratio < 1);
  if (below.length === 0) return [paragraph("所有考评指标均达到目标值。")];
  return [
    paragraph(`共有${below.length}项考评指标未达到目标值，按失分由大到小排列如下。`),
    {
      kind: "table",
      caption: "未达目标的指标",
      columns: columns(
        ["指标", 5],
        ["单位", 1.5, "center"],
        ["实际值", 2, "right"],
        ["目标值", 2, "right"],
        ["差距", 2, "right"],
        ["失分", 2, "right"],
      ),
      rows: [...below]
        .sort((a, b) => b.loss - a.loss)
        .map((item) => [
          item.name,
          item.unit ?? "",
          valueText(item),
          formatValue(item.needed),
          gapText(item),
          formatScore(item.loss),
        ]),
    },
  ];
}

function workShortSection(payload: ReportPayload): ReportBlock[] {
  const short: PayloadWorkItem[] = payload.workItems.filter((item) => item.earned < item.points);
  if (short.length === 0) return [paragraph("所有工作测评项目均得满分。")];
  return [
    paragraph(`共有${short.length}项工作测评项目未得满分，按失分由大到小排列如下。`),
    {
      kind: "table",
      caption: "未得满分的工作测评项目",
      columns: columns(
        ["项目", 6],
        ["分值", 2, "right"],
        ["得分", 2, "right"],
        ["扣分", 2, "right"],
        ["失分", 2, "right"],
      ),
      rows: [...short]
        .sort((a, b) => b.loss - a.loss)
        .map((item) => [
          item.name,
          formatValue(item.points),
          formatValue(item.earned),
          formatValue(item.points - item.earned),
          formatScore(item.loss),
        ]),
    },
  ];
}

function measure(value: number | null): string {
  return value === null ? "—" : formatScore(value);
}

/** Which indicator is spread most and least evenly, by the coefficient of variation. */
function spreadSummary(entries: readonly PayloadEqualization[]): string {
  const measured = entries.filter((entry) => entry.cv !== null);
  const regions = entries.reduce((most, entry) => Math.max(most, entry.regions), 0);
  const intro =
    `共有${entries.length}项指标按${regions}个县（区）的数值测算了均等化程度` +
    `（变异系数、泰尔指数、基尼系数越小越均衡）。`;
  if (measured.length === 0) return intro;
  let most = measured[0]!;
  let least = measured[0]!;
  for (const entry of measured) {
    if (entry.cv! > most.cv!) most = entry;
    if (entry.cv! < least.cv!) least = entry;
  }
  const extremes =
    most.lowest && most.highest
      ? `，最低为${most.lowest.region}（${formatValue(most.lowest.value)}），` +
        `最高为${most.highest.region}（${formatValue(most.highest.value)}）`
      : "";
  return (
    `${intro}县（区）间差异最大的是${most.name}，变异系数${formatScore(most.cv!)}${extremes}；` +
    `差异最小的是${least.name}，变异系数${formatScore(least.cv!)}。`
  );
}

function equalizationSection(payload: ReportPayload): ReportBlock[] {
  if (payload.equalization.length === 0) {
    return [paragraph("本报告范围内没有按县（区）测算均等化程度的指标。")];
  }
  const blocks: ReportBlock[] = [
    paragraph(spreadSummary(payload.equalization)),
    {
      kind: "table",
      caption: "各指标县（区）间均等化程度",
      columns: columns(
        ["指标", 3.4],
        ["变异系数", 1.9, "right"],
        ["泰尔指数", 1.9, "right"],
        ["基尼系数", 1.9, "right"],
        ["最高/最低", 1.9, "right"],
        ["最低县（区）", 2.4],
        ["最高县（区）", 2.4],
      ),
      rows: payload.equalization.map((entry) => [
        entry.name,
        measure(entry.cv),
        measure(entry.theil),
        measure(entry.gini),
        entry.maxMin === null ? "—" : formatValue(entry.maxMin),
        entry.lowest?.region ?? "—",
        entry.highest?.region ?? "—",
      ]),
    },
  ];
  const widest = [...payload.equalization]
    .filter((entry) => entry.cv !== null)
    .sort((a, b) => b.cv! - a.cv!)
    .slice(0, CHART_MAX_BARS);
  if (widest.length > 0) {
    blocks.push({
      kind: "chart",
      chart: {
        id: "equalization-cv",
        title: `县（区）间差异最大的${widest.length}项指标（变异系数）`,
        categories: widest.map((entry) => entry.name),
        values: widest.map((entry) => roundHalfAwayFromZero(entry.cv!, 4)),
        unit: "",
      },
    });
  }
  return blocks;
}

function narrative(text: string): ReportBlock[] {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (lines.length === 0) return [paragraph(EMPTY_NARRATIVE)];
  return lines.map(paragraph);
}

function planSection(payload: ReportPayload): ReportBlock[] {
  if (payload.score.meetsTarget) return [paragraph(TARGET_MET_TEXT)];
  const gap = roundHalfAwayFromZero(payload.score.target - payload.score.score, 4);
  const intro =
    `本年度综合得分${formatScore(payload.score.score)}，低于目标值${formatScore(payload.score.target)}，` +
    `差距${formatScore(gap)}。`;
  if (payload.plan.length === 0) {
    const reason =
      payload.department === null
        ? "没有可补齐的指标或项目。"
        : "达标改进计划中没有本部门负责的指标或项目。";
    return [paragraph(intro + reason)];
  }
  return [
    paragraph(
      payload.department === null
        ? `${intro}按失分由大到小，补齐以下${payload.plan.length}项即可达到目标。`
        : `${intro}全市达标改进计划中由本部门负责的有以下${payload.plan.length}项。`,
    ),
    {
      kind: "table",
      caption: "达标改进计划",
      columns: columns(
        ["序号", 1.3, "center"],
        ["指标或项目", 6],
        ["类别", 2, "center"],
        ["现值", 2, "right"],
        ["需达到", 2, "right"],
        ["可增得分", 2, "right"],
      ),
      rows: payload.plan.map((step, index) => [
        String(index + 1),
        step.name,
        step.kind === "indicator" ? "指标" : "工作测评",
        step.current === null ? "—" : formatValue(step.current),
        step.needed === null ? "满分" : formatValue(step.needed),
        formatScore(step.gain),
      ]),
    },
  ];
}
