import { reflowTable } from './table-reflow';
import { createViewEnvironment } from './views';

describe('reflowTable (the `reflow` filter)', () => {
  const table = {
    caption: 'Journeys',
    classes: 'pathway-extra',
    head: [
      { text: 'Journey' },
      { html: '<a href="?sort=state">Status<span aria-hidden="true"> ▲</span><span class="govuk-visually-hidden"> (sorted)</span></a>' },
      { text: 'Open tasks' },
    ],
    rows: [
      [{ html: '<a href="/j/1">One</a>' }, { text: 'Exploring' }, { text: 3, format: 'numeric' }],
      [
        { text: 'Two', attributes: { 'data-label': 'Own label', 'data-x': '1' } },
        { text: 'Exploring', attributes: { id: 'c' } },
        { text: 0 },
      ],
    ],
  };

  it('adds the reflow class and a label from the head to every cell', () => {
    const out = reflowTable(table) as typeof table;
    expect(out.classes).toBe('pathway-extra pathway-table-reflow');
    expect(out.rows[0].map((c) => (c as { attributes?: Record<string, string> }).attributes?.['data-label'])).toEqual([
      'Journey',
      'Status',
      'Open tasks',
    ]);
    expect(out.rows[0][2]).toMatchObject({ text: 3, format: 'numeric' });
  });

  it('keeps labels and attributes a cell already has, and does not touch its input', () => {
    const out = reflowTable(table) as typeof table;
    expect(out.rows[1][0]).toEqual({ text: 'Two', attributes: { 'data-label': 'Own label', 'data-x': '1' } });
    expect(out.rows[1][1]).toEqual({ text: 'Exploring', attributes: { id: 'c', 'data-label': 'Status' } });
    expect((table.rows[0][0] as { attributes?: unknown }).attributes).toBeUndefined();
    expect(table.classes).toBe('pathway-extra');
    expect((reflowTable({ ...table, classes: 'pathway-table-reflow' }) as typeof table).classes).toBe('pathway-table-reflow');
  });

  it('leaves tables without a head, and anything else, as they are', () => {
    const headless = { rows: [[{ text: 'x' }]] };
    expect(reflowTable(headless)).toBe(headless);
    expect(reflowTable(undefined)).toBeUndefined();
  });

  it('is registered for templates and renders labelled cells', () => {
    const html = createViewEnvironment().renderString(
      '{% from "govuk/components/table/macro.njk" import govukTable %}{{ govukTable({ head: [{ text: "A" }, { text: "B" }, { text: "C" }], rows: [[{ text: "1" }, { text: "2" }, { text: "3" }]] } | reflow) }}',
      {},
    );
    expect(html).toContain('class="govuk-table pathway-table-reflow"');
    expect(html).toMatch(/<td class="govuk-table__cell" data-label="B">\s*2\s*<\/td>/);
  });
});
