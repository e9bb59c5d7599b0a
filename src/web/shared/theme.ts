/**
 * The app's colours. antd's defaults for secondary text, links, success, warning and
 * error text are lighter than 4.5:1 on white; these pass WCAG 2.1 AA (GB/T 37668).
 */
export const READABLE_TOKENS = {
  colorPrimary: "#1f4e9c",
  colorLink: "#1f4e9c",
  colorTextSecondary: "#595959",
  colorTextDescription: "#595959",
  colorTextTertiary: "#595959",
  colorSuccess: "#237804",
  colorWarning: "#ad4e00",
  colorError: "#cf1322",
};

/** Solid tag colours (white text on them passes AA) for statuses and grades. */
export const TAG_COLORS = {
  good: "#237804",
  warning: "#ad4e00",
  bad: "#cf1322",
  neutral: "#595959",
};
