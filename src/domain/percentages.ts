// Percentages as every figure in IRO Desk shows them: the report, its files and the service dashboard.

/** A percentage to one decimal place, rounded half up, or null when there is nothing to divide by. */
export function percentage(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  // In whole tenths first, so 57 of 200 is 28.5, not the 28.499… a division by 100 gives.
  return Math.round((numerator * 1000) / denominator) / 10;
}
