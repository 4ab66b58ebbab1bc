// The report model as JSON, for analysts and other systems: keys in alphabetical order at every level and
// a fixed indent, so the same model always gives the same text and two reports can be compared line by line.

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) sorted[key] = sortKeys(v);
    }
    return sorted;
  }
  return value;
}

export function renderJson(model: unknown): string {
  return `${JSON.stringify(sortKeys(model), null, 2)}\n`;
}
