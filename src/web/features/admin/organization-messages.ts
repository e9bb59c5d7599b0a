/** Words of the departments and regions page. */
export const organizationMessages = {
  zh: {
    title: "单位与区域",
    intro:
      "{{year}} 年度考评办法（{{framework}} 第 {{version}} 版）中的成员单位，以及本年度参与考评的区域。",
    noYear: "尚未开启任何考评年度。",
    departments: "成员单位",
    regions: "区域",
    code: "代码",
    name: "名称",
    indicators: "指标数",
    workItems: "工作测评项目数",
    population: "常住人口（人）",
    group: "分组",
    noGroup: "—",
    departmentsCount: "共 {{count}} 个成员单位",
    regionsCount: "共 {{count}} 个区域，常住人口合计 {{population}} 人",
    readOnly: "成员单位随考评办法导入，区域随年度开启确定，本页只供查看。",
  },
  en: {
    title: "Departments & regions",
    intro:
      "Member departments of the {{year}} framework ({{framework}}, version {{version}}) and the year's regions.",
    noYear: "No evaluation year is open yet.",
    departments: "Member departments",
    regions: "Regions",
    code: "Code",
    name: "Name",
    indicators: "Indicators",
    workItems: "Work items",
    population: "Resident population",
    group: "Group",
    noGroup: "—",
    departmentsCount: "{{count}} departments",
    regionsCount: "{{count}} regions, {{population}} residents in all",
    readOnly:
      "Departments come with the imported framework and regions with the opened year; this page is for reading.",
  },
};
