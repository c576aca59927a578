/** A govukTable cell or heading, as the macro takes it. */
interface TableCell {
  text?: unknown;
  html?: unknown;
  attributes?: Record<string, unknown>;
  [key: string]: unknown;
}
interface TableParams {
  head?: TableCell[];
  rows?: TableCell[][];
  classes?: string;
  [key: string]: unknown;
}

export const REFLOW_CLASS = 'pathway-table-reflow';

/** A heading's words for a label: its text, or its HTML without tags (a sort link's text). */
function headingLabel(cell: TableCell | undefined): string {
  if (!cell) return '';
  const plain = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
  const text = plain(cell.text);
  if (text !== null) return text.trim();
  const html = plain(cell.html);
  if (html !== null) {
    return html
      .replace(/<span (class="govuk-visually-hidden"|aria-hidden="true")>[^<]*<\/span>/g, '')
      .replace(/<[^>]*>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim();
  }
  return '';
}

/**
 * `{{ govukTable(params | reflow) }}`: the table's parameters with the reflow class added and a
 * `data-label` from the table head on every cell of every row (unless the cell has one), so the
 * stylesheet can stack each row's cells under their column names on narrow screens instead of
 * letting the table push the page wider than 320 px. Tables with no head are returned as they are.
 */
export function reflowTable(params: unknown): unknown {
  if (!params || typeof params !== 'object') return params;
  const table = params as TableParams;
  if (!Array.isArray(table.head) || !Array.isArray(table.rows)) return params;
  const labels = table.head.map(headingLabel);
  const classes = (table.classes ?? '').split(/\s+/).filter(Boolean);
  if (!classes.includes(REFLOW_CLASS)) classes.push(REFLOW_CLASS);
  return {
    ...table,
    classes: classes.join(' '),
    rows: table.rows.map((row) =>
      Array.isArray(row)
        ? row.map((cell, i) =>
            (cell as TableCell | null) && typeof cell === 'object' && !(cell.attributes && 'data-label' in cell.attributes)
              ? { ...cell, attributes: { ...(cell.attributes ?? {}), 'data-label': labels[i] ?? '' } }
              : cell,
          )
        : row,
    ),
  };
}
