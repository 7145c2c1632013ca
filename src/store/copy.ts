/** PostgreSQL's COPY text format: tab-separated columns, `\N` for null, backslash escapes. */

const special = /[\\\t\n\r]/;

export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') {
    return special.test(value)
      ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
      : value;
  }
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot copy a non-finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  return copyValue(JSON.stringify(value));
}

/** Rows of values as COPY text, one line each. */
export function copyText(rows: readonly (readonly unknown[])[]): string {
  return rows.map((row) => row.map(copyValue).join('\t') + '\n').join('');
}
