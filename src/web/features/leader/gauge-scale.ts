/** The score gauge's scale: where it starts and the colour bands of the grades. */

/** The gauge's lower end: 0.8 while the score and grades lie above it, so the target's region is wide. */
export function gaugeFloor(score: number, grades: readonly { min: number }[]): number {
  const lowest = Math.min(score, ...grades.map((grade) => grade.min).filter((min) => min > 0));
  return lowest >= 0.8 ? 0.8 : lowest >= 0.5 ? 0.5 : 0;
}

/**
 * The axis from the floor to 1 and its bands, one per grade, worst first: each band
 * ends where the next grade begins, as [position 0–1 along the axis, colour] (ECharts'
 * axisLine colour stops). Colours are taken worst to best; the best grade gets the last.
 */
export function gaugeScale(
  score: number,
  grades: readonly { min: number }[],
  colors: readonly string[],
): { floor: number; bands: [number, string][] } {
  const floor = gaugeFloor(score, grades);
  const span = 1 - floor;
  const ascending = [...grades].sort((a, b) => a.min - b.min);
  const color = (index: number) => colors[Math.min(index, colors.length - 1)]!;
  const bands: [number, string][] = ascending
    .slice(1)
    .map((grade, index) => [Math.min(1, Math.max(0, (grade.min - floor) / span)), color(index)]);
  bands.push([1, color(Math.max(0, ascending.length - 1))]);
  return { floor, bands };
}
