/**
 * What the CLI prints on stdout: the API's resource JSON (`--output json`, stable and
 * machine-readable) or plain aligned text for people. Progress and errors go to stderr, so
 * stdout stays parseable.
 */

export type OutputFormat = 'table' | 'json';

export type Cell = string | number | boolean | undefined | null;

/** The resource exactly as the API answered it (lists: every item of every page, as an array). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Columns padded to their widest cell; empty cells show as `-`. No borders, so it greps well. */
export function formatTable(headers: string[], rows: Cell[][]): string {
  const text = [headers, ...rows.map((row) => row.map(cell))];
  const widths = headers.map((_, i) => Math.max(...text.map((row) => (row[i] ?? '').length)));
  return text.map((row) => row.map((value, i) => (i === row.length - 1 ? value : value.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** One resource as `FIELD  value` lines, for the `get` verbs. */
export function formatFields(pairs: [string, Cell][]): string {
  const width = Math.max(...pairs.map(([name]) => name.length));
  return pairs.map(([name, value]) => `${name.padEnd(width)}  ${cell(value)}`).join('\n');
}

export function printText(text: string): void {
  process.stdout.write(`${text}\n`);
}

function cell(value: Cell): string {
  if (value === undefined || value === null || value === '') return '-';
  return String(value);
}

/** `2025-06-02T09:00:00.000Z` as `2025-06-02 09:00:00Z`: short, sortable, still UTC. */
export function formatTime(iso: string | undefined): string | undefined {
  return iso?.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** Bytes in binary units (what S3 and the Hub show), one decimal. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** `{a: 1, b: 2}` as `a=1,b=2` (labels, environment, aliases). */
export function formatPairs(record: Record<string, unknown> | undefined): string {
  return Object.entries(record ?? {})
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(',');
}
