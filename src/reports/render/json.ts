// The report model as JSON, for analysts and other systems: keys in alphabetical order at every level and a
// fixed layout, so the same model always gives the same text and two reports compare line by line. Lists of
// plain values (the child ids behind a count) stay on one line, and each record ({childId, date}) on a line
// of its own: a large authority's report stays a readable size.

function isFlat(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return false;
  return Object.values(value).every((v) => v === null || typeof v !== 'object');
}

function write(value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => JSON.stringify(v) ?? 'null').join(', ')}]`;
    return `[\n${value.map((v) => inner + (isFlat(v) ? compact(v) : write(v, inner))).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${write((value as Record<string, unknown>)[k], inner)}`).join(',\n')}\n${indent}}`;
}

/** A flat object on one line, keys sorted. */
function compact(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const keys = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}: ${JSON.stringify((value as Record<string, unknown>)[k])}`).join(', ')}}`;
}

export function renderJson(model: unknown): string {
  return `${write(model, '')}\n`;
}
