/** What the organization page shows per department: its indicators and work items in the framework. */
export interface DepartmentRow {
  code: string;
  name: string;
  indicators: number;
  workItems: number;
}

interface FrameworkParts {
  departments: readonly { code: string; name: string }[];
  indicators: readonly { department: string }[];
  workItems: readonly { department: string }[];
}

/** Each department of the framework, in its order, with how many items it answers for. */
export function departmentRows(framework: FrameworkParts): DepartmentRow[] {
  const count = (items: readonly { department: string }[]) => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(item.department, (counts.get(item.department) ?? 0) + 1);
    return counts;
  };
  const indicators = count(framework.indicators);
  const workItems = count(framework.workItems);
  return framework.departments.map((department) => ({
    code: department.code,
    name: department.name,
    indicators: indicators.get(department.code) ?? 0,
    workItems: workItems.get(department.code) ?? 0,
  }));
}
