import type { Framework, Part, WorkItem } from "../../../core/model";

/*
 * Where everything sits on 工作测评表: title, 填报单位/日期, header, then per work part
 * each item's row (its earned points a SUM of its criteria) followed by one row per
 * criterion (the awarded points are the input), and a subtotal row per part. Like the
 * indicator sheet, the geometry depends only on the framework and the department.
 */
export const WORK_HEADER_ROW = 3;
const FIRST_WORK_ROW = 4;

/**
 * 序号, 代码, 工作项目及评分标准, then the criterion's 标准分值 and 评定得分 (the input),
 * then the item's 项目分值, 项目得分, 失分, 得分率 and 责任单位. Criterion and item
 * figures have columns of their own, so a column total never counts a point twice.
 */
export const WORK_COLUMNS = {
  index: 1,
  code: 2,
  text: 3,
  criterionPoints: 4,
  awarded: 5,
  itemPoints: 6,
  itemEarned: 7,
  loss: 8,
  rate: 9,
  department: 10,
} as const;

export interface WorkItemRows {
  item: WorkItem;
  row: number;
  criteria: { code: string; text: string; points: number; row: number }[];
}

export interface WorkGroup {
  part: Part;
  items: WorkItemRows[];
  subtotalRow: number;
}

export interface WorkSheetLayout {
  groups: WorkGroup[];
  lastRow: number;
  lastColumn: number;
}

export function workItemsInScope(framework: Framework, department: string | null): WorkItem[] {
  return framework.workItems.filter(
    (item) => department === null || item.department === department,
  );
}

export function workSheetLayout(framework: Framework, department: string | null): WorkSheetLayout {
  const items = workItemsInScope(framework, department);
  let row = FIRST_WORK_ROW;
  const groups: WorkGroup[] = [];
  for (const part of framework.parts) {
    const members = items.filter((item) => item.partCode === part.code);
    if (members.length === 0) continue;
    const rows = members.map((item) => {
      const itemRow = row++;
      return {
        item,
        row: itemRow,
        criteria: item.criteria.map((criterion) => ({ ...criterion, row: row++ })),
      };
    });
    groups.push({ part, items: rows, subtotalRow: row++ });
  }
  return { groups, lastRow: row - 1, lastColumn: WORK_COLUMNS.department };
}
