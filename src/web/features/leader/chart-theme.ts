/** Colours and fonts the dashboard's charts share (AA contrast on white for text). */
export const CHART_FONT =
  '-apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';

export const COLORS = {
  primary: "#1f4e9c",
  earned: "#1f4e9c",
  lost: "#d4380d",
  target: "#237804",
  text: "#262626",
  muted: "#595959",
  /** Grade bands of the gauge, worst to best. */
  bands: ["#f5222d", "#fa8c16", "#52c41a", "#237804"],
};
