import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The family name inside the font file; chart text asks for it by this name. */
export const CHART_FONT_FAMILY = "Noto Sans SC";

/**
 * The Noto Sans SC font shipped as an npm package: charts are drawn with it alone (system
 * fonts off), so Chinese labels look the same on every machine and never turn into boxes.
 */
export function chartFontFile(): string {
  return require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf");
}
