/** A value in one short line for a node or a table cell: text as it is, anything else as JSON, cut to `max`. */
export function preview(value: unknown, max = 60): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The part of a node's output worth showing on the node: its only port's value, else the whole object. */
export function outputPreview(output: unknown): string {
  if (output && typeof output === 'object' && !Array.isArray(output)) {
    const entries = Object.entries(output as Record<string, unknown>);
    if (entries.length === 1) return preview(entries[0][1]);
  }
  return preview(output);
}
